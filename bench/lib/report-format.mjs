/** Number formats of BENCHMARKS.md. */
export const n0 = (x) => (x == null || !Number.isFinite(x) ? "–" : Math.round(x).toLocaleString("en"));
export const n1 = (x) => (x == null || !Number.isFinite(x) ? "–" : x.toFixed(1));
export const pct = (x) => (x == null || !Number.isFinite(x) ? "–" : `${Math.round(100 * x)}%`);
/** A share beside its target: one decimal, rounded down, where a whole percent would round onto it (59.7%, not 60%). */
export const pctVs = (x, target) =>
  x != null && Number.isFinite(x) && x < target && Math.round(100 * x) >= Math.round(100 * target)
    ? `${Math.floor(1000 * x) / 10}%`
    : pct(x);
export const met = (ok) => (ok == null ? "not measured" : ok ? "**met**" : "**not met**");
