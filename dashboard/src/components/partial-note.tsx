/** Says when a view over raw answers ran out of time and covers only its newest days. */
export function PartialNote({ view, to }: { view: { partial?: true; coveredFrom?: string }; to: string }) {
  if (!view.partial) return null;
  return (
    <p class="notice" role="status" data-testid="partial-note">
      These figures cover {view.coveredFrom} – {to} only: reading the raw answers of the whole period took too long.
      Narrow the dates to see the rest.
    </p>
  );
}
