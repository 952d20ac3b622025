/** Sign in / sign up. Errors say what happened: wrong password, throttled, invalid email, taken email. */
import { useEffect, useState } from "preact/hooks";
import { ApiError, api } from "../api";
import { ErrorBox, Field } from "../components/form";

export function Login({ onDone }: { onDone(email: string): void }) {
  const [mode, setMode] = useState<"login" | "signup">("login");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Throttling is per email: another address (or signing up) is not blocked.
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
      await api("POST", `/api/auth/${mode}`, { email: email.trim(), password });
      onDone(email.trim());
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
      ? error.code === "unauthorized"
        ? "Check the email address and the password (it is case-sensitive)."
        : error.code === "rate_limited"
          ? "For your safety, sign-in for this email is paused after 10 failed attempts."
          : error.code === "conflict"
            ? "This email already has an account: sign in instead."
            : null
      : null;

  return (
    <main class="login" id="main">
      <h1>Feedback</h1>
      <p class="muted">NPS, CSAT and CES from your shop, with consent first.</p>
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
            {mode === "login" ? "Sign in" : "Sign up"}
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
