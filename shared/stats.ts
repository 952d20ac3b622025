/**
 * Confidence intervals and tests for the scores we show, in one place (worker summary, dashboard,
 * survey results). Pure, zod-free and DOM-free.
 *
 * Why not the plain Wald margin: it collapses to ±0 when every answer is in one segment (7
 * promoters out of 7 "are" an NPS of exactly 100) and is too narrow on small samples, which is
 * where owners read the most into a number. The intervals here keep their 95% coverage on a
 * handful of answers.
 *
 * @example
 * npsInterval(7, 0, 7); // { low: 32.8, high: 100 }, not 100 ± 0
 * wilson(7, 7); // { low: 64.6, high: 100 }
 */

/** A 95% confidence interval, in the unit of the score it goes with. */
export interface Interval {
  low: number;
  high: number;
}

/** Promoters and detractors among `count` NPS answers (a summary's `nps` fits as it is). */
export interface NpsCounts {
  promoters: number;
  detractors: number;
  count: number;
}

/** The two-sided 95% normal quantile, rounded as the HTTP contract writes it. */
export const Z95 = 1.96;

/** Rounds half away from zero at `digits` decimals (a tiny epsilon makes 2.675-style binary fractions behave). */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round((value + Math.sign(value) * Number.EPSILON * Math.abs(value)) * f) / f;
  return r === 0 ? 0 : r; // never −0
}

const clip = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Adjusted Wald shares and variance of an NPS (Rocks 2016): the estimate it is centred on, as a fraction. */
function adjustedNps({ promoters, detractors, count }: NpsCounts): { nps: number; variance: number } {
  const n = count + 3;
  const p = (promoters + 0.75) / n;
  const d = (detractors + 0.75) / n;
  return { nps: p - d, variance: (p + d - (p - d) ** 2) / n };
}

/**
 * 95% interval of an NPS by the adjusted Wald method (Rocks, B. 2016, "Interval Estimation for the
 * 'Net Promoter Score'", The American Statistician 70(4): 365–372), the best of the six methods
 * compared there: with n answers, P promoters and D detractors, n' = n + 3, p = (P + 0.75) / n',
 * d = (D + 0.75) / n', the interval is 100 · ((p − d) ± 1.96 · √((p + d − (p − d)²) / n')),
 * clipped to −100…100, one decimal. `null` without answers.
 *
 * @example npsInterval(1, 0, 1) // { low: -48.5, high: 98.5 }
 */
export function npsInterval(promoters: number, detractors: number, n: number): Interval | null {
  if (n <= 0) return null;
  const { nps, variance } = adjustedNps({ promoters, detractors, count: n });
  const half = Z95 * Math.sqrt(variance);
  return { low: round(clip(100 * (nps - half), -100, 100), 1), high: round(clip(100 * (nps + half), -100, 100), 1) };
}

/**
 * Wilson score 95% interval of a proportion (Wilson, E. B. 1927, JASA 22: 209–212; recommended for
 * small n by Agresti & Coull 1998 and Brown, Cai & DasGupta 2001), in %, one decimal: with
 * p̂ = x / n and z = 1.96,
 * (p̂ + z²/2n ± z · √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). `null` without answers.
 * Used for the CSAT satisfied share, choice shares and thumbs up.
 *
 * @example wilson(7, 7) // { low: 64.6, high: 100 }
 */
export function wilson(successes: number, n: number): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: round(clip(100 * (centre - half), 0, 100), 1), high: round(clip(100 * (centre + half), 0, 100), 1) };
}

/**
 * P(|T| ≤ t) for Student's t with an integer number of degrees of freedom, exactly, by the finite
 * series of Abramowitz & Stegun 26.7.3 (odd df) and 26.7.4 (even df), with θ = atan(t / √df).
 */
function tCentralProbability(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 1) {
    // 2/π · (θ + sinθ cosθ · (1 + 2/3 cos²θ + 2·4/(3·5) cos⁴θ + … up to cos^(df−3)θ))
    let term = 1;
    let sum = df > 1 ? 1 : 0;
    for (let k = 3; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    return (2 / Math.PI) * (theta + s * Math.cos(theta) * sum);
  }
  // sinθ · (1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + … up to cos^(df−2)θ)
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= df - 2; k += 2) {
    term *= ((k - 1) / k) * c2;
    sum += term;
  }
  return s * sum;
}

/** Above this many degrees of freedom the Cornish–Fisher expansion is exact to ~1e-10 and cheaper. */
const EXACT_T_MAX_DF = 200;
/** The exact 0.975 quantile of the standard normal distribution. */
const Z975 = 1.959963984540054;

/**
 * The two-sided 95% critical value of Student's t (its 0.975 quantile) for `df` degrees of freedom:
 * 12.706 for 1, 4.303 for 2, 2.045 for 29, → 1.960. Up to 200 df it inverts the exact CDF
 * (A&S 26.7.3/4) by bisection; above, the Cornish–Fisher expansion of A&S 26.7.5 to 1/df⁴.
 * Non-integer df are rounded up (the answer counts always give integers).
 */
export function tCritical95(df: number): number {
  const v = Math.ceil(df);
  if (!(v >= 1)) throw new RangeError("tCritical95: df must be at least 1");
  if (v > EXACT_T_MAX_DF) {
    const x = Z975;
    const g1 = (x ** 3 + x) / 4;
    const g2 = (5 * x ** 5 + 16 * x ** 3 + 3 * x) / 96;
    const g3 = (3 * x ** 7 + 19 * x ** 5 + 17 * x ** 3 - 15 * x) / 384;
    const g4 = (79 * x ** 9 + 776 * x ** 7 + 1482 * x ** 5 - 1920 * x ** 3 - 945 * x) / 92160;
    return x + g1 / v + g2 / v ** 2 + g3 / v ** 3 + g4 / v ** 4;
  }
  // P(|T| ≤ t) rises with t; 0.95 lies below t = 13 for every df ≥ 1 (df = 1 gives 12.706).
  let lo = 0;
  let hi = 13;
  for (let i = 0; i < 64 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (tCentralProbability(mid, v) < 0.95) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * 95% t-interval of the mean of a rating scale from its histogram (`distribution[i]` answers of
 * value `first + i`): mean ± t(0.975, n − 1) · s / √n with s the sample standard deviation,
 * clipped to the scale, rounded to `digits` decimals. `null` below 2 answers (no spread to
 * measure). When every answer is the same, s = 0 and so is the width: the "few answers" hint
 * is what guards those.
 *
 * @example meanInterval([0, 0, 0, 1, 1], 1) // CSAT 4 and 5: { low: 1, high: 5 } (t(1) = 12.706)
 */
export function meanInterval(distribution: readonly number[], first: number, digits = 2): Interval | null {
  let n = 0;
  let sum = 0;
  distribution.forEach((k, i) => {
    n += k;
    sum += k * (first + i);
  });
  if (n < 2) return null;
  const mean = sum / n;
  const squares = distribution.reduce((acc, k, i) => acc + k * (first + i - mean) ** 2, 0);
  const half = (tCritical95(n - 1) * Math.sqrt(squares / (n - 1))) / Math.sqrt(n);
  const last = first + distribution.length - 1;
  return { low: round(clip(mean - half, first, last), digits), high: round(clip(mean + half, first, last), digits) };
}

const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
  0.17087277,
] as const;

/**
 * The complementary error function, erfc(x), with a fractional error below 1.2e-7 everywhere
 * (Chebyshev fit of Press et al., Numerical Recipes, 2nd ed., §6.2, `erfcc`).
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  // Horner's rule over the coefficients c0…c9 of t⁰…t⁹.
  const poly = ERFC_COEFFICIENTS.reduceRight((acc, c) => c + t * acc, 0);
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = erfc(|z| / √2). */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** The answer of {@link compareNps}. */
export interface NpsComparison {
  /** a's score − b's score, in NPS points as shown (one decimal). */
  difference: number;
  /** The adjusted Wald z statistic of the difference. */
  z: number;
  /** Its two-sided p-value. */
  p: number;
  /** p < 0.05: a difference this large would be rare if both groups had the same NPS. */
  beyondChance: boolean;
}

/**
 * Whether two NPS from independent samples (two periods, one product and the others) differ beyond
 * chance at 95%: a two-sample z-test on the adjusted Wald estimates and variances of Rocks 2016,
 * z = (NPS′a − NPS′b) / √(Var′a + Var′b), two-sided p = erfc(|z| / √2). The adjusted variances are
 * never zero, so a group of 7 promoters is not taken as an exact 100 (the plain Wald variance would
 * be 0, and two such groups would divide by zero). `null` when either side has no answer.
 *
 * @example compareNps({ promoters: 60, detractors: 20, count: 100 }, { promoters: 40, detractors: 30, count: 100 })
 * // { difference: 30, z: 2.57, p: 0.0102, beyondChance: true } (z and p unrounded)
 */
export function compareNps(a: NpsCounts, b: NpsCounts): NpsComparison | null {
  if (a.count <= 0 || b.count <= 0) return null;
  const x = adjustedNps(a);
  const y = adjustedNps(b);
  const z = (x.nps - y.nps) / Math.sqrt(x.variance + y.variance);
  const p = twoSidedP(z);
  // The difference of the scores as shown (each one decimal), so the sentence matches the screen.
  const score = (c: NpsCounts) => round((100 * (c.promoters - c.detractors)) / c.count, 1);
  return { difference: round(score(a) - score(b), 1), z, p, beyondChance: p < 0.05 };
}
