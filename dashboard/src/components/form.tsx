/** Small form pieces: labelled fields and the error box that shows the contract's message and field issues. */
import type { ComponentChildren } from "preact";
import { ApiError } from "../api";

export function Field({ label, children, hint }: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
      {hint ? <small>{hint}</small> : null}
    </label>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <div class="error" role="alert">
      <strong>{e ? e.message : String((error as Error).message ?? error)}</strong>
      {e && e.issues.length > 1 ? (
        <ul>
          {e.issues.map((i) => (
            <li key={i.path + i.message}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  return (
    <button
      type="button"
      class="secondary"
      onClick={(e) => {
        const b = e.currentTarget as HTMLButtonElement;
        void navigator.clipboard?.writeText(text).then(() => {
          b.textContent = "Copied";
          setTimeout(() => (b.textContent = label), 1500);
        });
      }}
    >
      {label}
    </button>
  );
}
