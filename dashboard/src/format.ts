/** Small display formatters shared by the results components. */

/** A number with an optional unit, or an em dash where there is none (no answers). */
export const fmt = (n: number | null | undefined, suffix = "") =>
  n === null || n === undefined ? "—" : `${n}${suffix}`;

/** A stored time in the reader's locale, or an em dash for none. */
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");
