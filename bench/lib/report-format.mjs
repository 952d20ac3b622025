/** Number formats of BENCHMARKS.md. */
export const n0 = (x) => (x == null || !Number.isFinite(x) ? "–" : Math.round(x).toLocaleString("en"));
export const n1 = (x) => (x == null || !Number.isFinite(x) ? "–" : x.toFixed(1));
export const pct = (x) => (x == null || !Number.isFinite(x) ? "–" : `${Math.round(100 * x)}%`);
export const met = (ok) => (ok == null ? "not measured" : ok ? "**met**" : "**not met**");
