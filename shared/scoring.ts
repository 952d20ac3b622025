/**
 * Satisfaction scores from histograms, as the HTTP API defines them (README, "Results").
 * Pure and DOM-free: the worker's summary and the tests share it.
 */
import { type ScoredType, SEGMENT_RANGE, type Segment, UNHAPPY_MAX } from "./constants";
import { type Interval, meanInterval, npsInterval, round, wilson } from "./stats";

export interface NpsScore {
  score: number | null;
  /** The plain Wald margin, kept for old clients: it claims ±0 when every answer is in one segment. */
  marginOfError: number | null;
  /** 95% adjusted Wald interval (shared/stats.ts), honest on few answers; null without answers. */
  interval: Interval | null;
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  distribution: number[];
}

/** `distribution[i]` is the number of NPS answers equal to i (0..10). */
export function npsFromDistribution(distribution: readonly number[]): NpsScore {
  const dist = Array.from({ length: 11 }, (_, i) => distribution[i] ?? 0);
  const count = dist.reduce((a, b) => a + b, 0);
  const inSegment = (segment: Segment) => {
    const [lo, hi] = SEGMENT_RANGE[segment];
    return dist.slice(lo, hi + 1).reduce((a, b) => a + b, 0);
  };
  const detractors = inSegment("detractor");
  const passives = inSegment("passive");
  const promoters = inSegment("promoter");
  if (count === 0) {
    return {
      score: null,
      marginOfError: null,
      interval: null,
      count,
      promoters,
      passives,
      detractors,
      distribution: dist,
    };
  }
  const p = promoters / count;
  const d = detractors / count;
  const score = round(100 * (p - d), 1);
  const variance = Math.max(0, p + d - (p - d) ** 2);
  const marginOfError = count < 2 ? null : round(1.96 * 100 * Math.sqrt(variance / count), 1);
  const interval = npsInterval(promoters, detractors, count);
  return { score, marginOfError, interval, count, promoters, passives, detractors, distribution: dist };
}

export interface CsatScore {
  score: number | null;
  /** Wilson 95% interval of `score` (the satisfied share), in %. */
  interval: Interval | null;
  average: number | null;
  /** t 95% interval of `average`, two decimals; null below 2 answers. */
  averageInterval: Interval | null;
  count: number;
  distribution: number[];
}

/** `distribution[i]` is the number of CSAT answers equal to i + 1 (1..5). */
export function csatFromDistribution(distribution: readonly number[]): CsatScore {
  const dist = Array.from({ length: 5 }, (_, i) => distribution[i] ?? 0);
  const count = dist.reduce((a, b) => a + b, 0);
  if (count === 0) {
    return { score: null, interval: null, average: null, averageInterval: null, count, distribution: dist };
  }
  const satisfied = dist[3]! + dist[4]!;
  const sum = dist.reduce((acc, n, i) => acc + n * (i + 1), 0);
  return {
    score: round((100 * satisfied) / count, 1),
    interval: wilson(satisfied, count),
    average: round(sum / count, 2),
    averageInterval: meanInterval(dist, 1, 2),
    count,
    distribution: dist,
  };
}

export interface CesScore {
  average: number | null;
  /** t 95% interval of `average`, one decimal like it; null below 2 answers. */
  interval: Interval | null;
  count: number;
  distribution: number[];
}

/** `distribution[i]` is the number of CES answers equal to i + 1 (1..7). */
export function cesFromDistribution(distribution: readonly number[]): CesScore {
  const dist = Array.from({ length: 7 }, (_, i) => distribution[i] ?? 0);
  const count = dist.reduce((a, b) => a + b, 0);
  if (count === 0) return { average: null, interval: null, count, distribution: dist };
  const sum = dist.reduce((acc, n, i) => acc + n * (i + 1), 0);
  return { average: round(sum / count, 1), interval: meanInterval(dist, 1, 1), count, distribution: dist };
}

/** NPS segment of one 0–10 score. */
export function npsSegment(score: number): Segment {
  if (score >= SEGMENT_RANGE.promoter[0]) return "promoter";
  if (score >= SEGMENT_RANGE.passive[0]) return "passive";
  return "detractor";
}

/** Whether one scored answer is an unhappy customer's (the alerts and the follow-up queue). */
export const isUnhappy = (type: string, score: number | null): boolean =>
  score !== null && type in UNHAPPY_MAX && score <= UNHAPPY_MAX[type as ScoredType];
