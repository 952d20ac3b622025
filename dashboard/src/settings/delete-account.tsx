/** Deleting one's account: the password again; sites it alone owns go with it, shared ones stay. */
import { useState } from "preact/hooks";
import { api, SESSION_ENDED } from "../api";
import { ActionForm, ErrorBox, Field, useAction } from "../components/form";

export function DeleteAccount() {
  const [password, setPassword] = useState("");
  const remove = useAction(async () => {
    await api("DELETE", "/api/account", { password });
    dispatchEvent(new Event(SESSION_ENDED));
  });
  return (
    <details class="card narrow danger-zone">
      <summary>Delete my account</summary>
      <p class="muted">
        Your account goes, and every site you alone own with all its data. Sites you share with another owner stay with
        them.
      </p>
      <ActionForm action={remove}>
        <Field label="Your password">
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <ErrorBox error={remove.error} />
        <button type="submit" class="danger-solid" disabled={!password || remove.busy}>
          Delete my account
        </button>
      </ActionForm>
    </details>
  );
}
