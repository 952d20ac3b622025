/** Sign in / sign up. Errors say what happened: wrong password, throttled, invalid email. */
import { useState } from "preact/hooks";
import { api } from "../api";
import { ErrorBox, Field } from "../components/form";

export function Login({ onDone }: { onDone(email: string): void }) {
  const [mode, setMode] = useState<"login" | "signup">("login");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api("POST", `/api/auth/${mode}`, { email, password });
      onDone(email);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <h1>Feedback</h1>
      <p class="muted">NPS, CSAT and CES from your shop, with consent first.</p>
      <form onSubmit={submit} class="card">
        <h2>{mode === "login" ? "Sign in" : "Create an account"}</h2>
        <Field label="Email">
          <input type="email" name="email" autoComplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field label="Password" hint={mode === "signup" ? "At least 10 characters." : undefined}>
          <input type="password" name="password" autoComplete={mode === "login" ? "current-password" : "new-password"} required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>{mode === "login" ? "Sign in" : "Sign up"}</button>
        <button type="button" class="link" onClick={() => (setMode(mode === "login" ? "signup" : "login"), setError(null))}>
          {mode === "login" ? "No account yet? Sign up" : "Have an account? Sign in"}
        </button>
      </form>
    </main>
  );
}
