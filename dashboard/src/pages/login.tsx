/**
 * Sign in / sign up, and the landing of an invitation link (`#/invite/TOKEN`): sign up with the invited
 * email, or sign in and accept. Errors say what happened: wrong password, a wait after failed attempts
 * (for this browser and email, the server's Retry-After), an invitation that is no longer valid.
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError, api } from "../api";
import { ErrorBox, Field } from "../components/form";
import { go } from "../route";

export function Login({ onDone, invite }: { onDone(email: string): void; invite?: string | undefined }) {
  const [mode, setMode] = useState<"login" | "signup">(invite ? "signup" : "login");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [throttled, setThrottled] = useState("");
  const [, tick] = useState(0);

  // While throttled, count down once a second so the button comes back by itself.
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const t = setInterval(() => {
      if (Date.now() < waitUntil) return tick((n) => n + 1);
      setWaitUntil(0);
      clearInterval(t);
    }, 1000);
    return () => clearInterval(t);
  }, [waitUntil]);
  const waitSeconds =
    mode === "login" && throttled === email.trim().toLowerCase()
      ? Math.max(0, Math.ceil((waitUntil - Date.now()) / 1000))
      : 0;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const address = email.trim();
      if (mode === "signup") {
        await api("POST", "/api/auth/signup", { email: address, password, ...(invite ? { invite } : {}) });
        // Sign-up answers the same for an email that already has an account: only a session that opens tells.
        const me = await api<{ email: string }>("GET", "/api/auth/me").catch(() => null);
        if (!me) {
          throw new ApiError(
            401,
            "unauthorized",
            "Could not sign you in with this email and password. If you already have an account, sign in instead.",
          );
        }
      } else {
        await api("POST", "/api/auth/login", { email: address, password });
        if (invite) await api("POST", `/api/invitations/${invite}/accept`);
      }
      if (invite) go("#/sites");
      onDone(address);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === "rate_limited" && err.retryAfter) {
        setWaitUntil(Date.now() + err.retryAfter * 1000);
        setThrottled(email.trim().toLowerCase());
      }
    } finally {
      setBusy(false);
    }
  };
  const switchMode = () => {
    setMode(mode === "login" ? "signup" : "login");
    setError(null);
  };
  const hint =
    error instanceof ApiError
      ? error.code === "unauthorized" && mode === "login"
        ? "Check the email address and the password (it is case-sensitive)."
        : error.code === "rate_limited"
          ? "For your safety, after 10 failed attempts this browser waits before each new try (longer each time)."
          : error.code === "signup_closed"
            ? invite
              ? "Ask the site's owner for a new invitation, and sign up with the email it was sent to."
              : "This collector takes new accounts by invitation: ask an owner of a site to invite you."
            : null
      : null;

  return (
    <main class="login" id="main">
      <h1>Feedback</h1>
      <p class="muted">NPS, CSAT and CES from your shop, with consent first.</p>
      {invite ? (
        <p class="notice" role="status" data-testid="invitation">
          You were invited to a site. {mode === "signup" ? "Create your account" : "Sign in"} with the email the
          invitation was sent to.
        </p>
      ) : null}
      <form onSubmit={submit} class="card" aria-labelledby="login-h">
        <h2 id="login-h">{mode === "login" ? "Sign in" : "Create an account"}</h2>
        <Field label="Email">
          <input
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field label="Password" hint={mode === "signup" ? "At least 10 characters." : undefined}>
          <input
            type="password"
            name="password"
            autoComplete={mode === "login" ? "current-password" : "new-password"}
            required
            minLength={mode === "signup" ? 10 : undefined}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <ErrorBox error={error} />
        {hint ? <p class="muted small">{hint}</p> : null}
        <div class="row start">
          <button type="submit" disabled={busy || waitSeconds > 0}>
            {mode === "login" ? (invite ? "Sign in and accept" : "Sign in") : "Sign up"}
          </button>
          {waitSeconds > 0 ? (
            <span class="muted small">
              You can try again in {waitSeconds >= 60 ? `${Math.ceil(waitSeconds / 60)} min` : `${waitSeconds} s`}.
            </span>
          ) : null}
        </div>
        <button type="button" class="link" onClick={switchMode}>
          {mode === "login" ? "No account yet? Sign up" : "Have an account? Sign in"}
        </button>
      </form>
    </main>
  );
}
