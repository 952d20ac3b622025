/** Small form pieces: labelled fields, the error box (the API's message and field issues), copy button, actions. */
import { type ComponentChildren, cloneElement, isValidElement } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { ApiError } from "../api";

const CONTROLS = new Set(["input", "select", "textarea"]);

/**
 * A labelled field. The hint is the control's description (aria-describedby), not part of its
 * name, so a screen reader says "Retention (days), edit text" and then the explanation.
 */
export function Field({ label, children, hint }: { label: string; children: ComponentChildren; hint?: string }) {
  const hintId = useId();
  const control =
    hint && isValidElement(children) && typeof children.type === "string" && CONTROLS.has(children.type)
      ? cloneElement(children, { "aria-describedby": hintId })
      : children;
  return (
    <div class="field">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in */}
      <label>
        <span>{label}</span>
        {control}
      </label>
      {hint ? <small id={hintId}>{hint}</small> : null}
    </div>
  );
}

/** Shows what went wrong, as text: the envelope's message and every field issue that adds something. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  const issues = e ? e.issues.filter((i) => `${i.path}: ${i.message}` !== message && i.message !== message) : [];
  return (
    <div class="error" role="alert">
      <strong>{message}</strong>
      {issues.length ? (
        <ul>
          {issues.map((i) => (
            <li key={i.path + i.message}>
              {i.path ? <code>{i.path}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 1800);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <>
      <button type="button" class="secondary" onClick={copy}>
        {state === "copied" ? "Copied" : label}
      </button>
      <span class="sr-only" role="status">
        {state === "copied"
          ? "Copied to the clipboard"
          : state === "failed"
            ? "Copy failed: select the text and copy it by hand"
            : ""}
      </span>
      {state === "failed" ? <small class="muted">Select the text and copy it by hand.</small> : null}
    </>
  );
}

/** A form whose submit runs an action (busy and error kept by useAction) instead of loading a page. */
export function ActionForm({
  action,
  children,
  ...attributes
}: {
  action: { run: () => Promise<unknown> };
  children: ComponentChildren;
  class?: string;
  "aria-labelledby"?: string;
}) {
  return (
    <form
      {...attributes}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run();
      }}
    >
      {children}
    </form>
  );
}

/** A secret the server shows once (an invitation link, a token, a signing secret): to copy now. */
export function ShownOnce({
  children,
  secret,
  copyLabel,
  testId,
}: {
  children: ComponentChildren;
  secret: string;
  copyLabel: string;
  testId?: string;
}) {
  return (
    <div class="notice" role="status">
      <p>
        {children} — copy it now, it is <strong>shown only once</strong>:
      </p>
      <code class="secret" data-testid={testId}>
        {secret}
      </code>{" "}
      <CopyButton text={secret} label={copyLabel} />
    </div>
  );
}

/** A two-step destructive button: the first press asks, the second does it (no window.confirm). */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  onConfirm(): Promise<void> | void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the confirming button (the first one is gone).
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" class="link danger" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <button
        ref={confirmRef}
        type="button"
        class="danger-solid"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" class="link" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** Day formatting helpers shared by pages. */
export const isoDay = (offsetDays = 0) => new Date(Date.now() - offsetDays * 864e5).toISOString().slice(0, 10);

export function age(iso: string): string {
  const ms = Date.now() - Date.parse(iso);
  const hours = Math.floor(ms / 36e5);
  if (hours < 1) return "less than an hour";
  if (hours < 24) return hours === 1 ? "1 hour" : `${hours} hours`;
  const days = Math.floor(hours / 24);
  return days === 1 ? "1 day" : `${days} days`;
}

/**
 * An action of a form (save, create, revoke…): `run` marks it busy, clears the last error, and
 * keeps the error of a failure for the ErrorBox. Resolves to whether it succeeded.
 */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}

/** A select of fixed choices, each shown with its words: `choices` maps a value to what it means. */
export function ChoiceSelect<K extends string>({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: K;
  choices: Record<K, string>;
  onChange(value: K): void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value as K)}>
      {(Object.entries(choices) as [K, string][]).map(([k, words]) => (
        <option key={k} value={k}>
          {words}
        </option>
      ))}
    </select>
  );
}
