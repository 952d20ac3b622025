import { ErrorBox } from "./form";

type View = { partial?: true; coveredFrom?: string; to: string };

/** Says when a view over raw answers ran out of time and covers only its newest days. */
export function PartialNote({ view }: { view: View }) {
  if (!view.partial) return null;
  return (
    <p class="notice" role="status" data-testid="partial-note">
      These figures cover {view.coveredFrom} – {view.to} only: reading the raw answers of the whole period took too
      long. Narrow the dates to see the rest.
    </p>
  );
}

/** A results card's state before its table: the error, "partial" when the view is, "Loading…" until it comes. */
export function ViewStatus({ error, view }: { error: unknown; view: View | null }) {
  return (
    <>
      <ErrorBox error={error} />
      {view ? <PartialNote view={view} /> : error ? null : <p class="loading">Loading…</p>}
    </>
  );
}
