/** Zod schemas of the results the owner routes answer: scores, trends, breakdowns (re-exported by api-schemas.ts). */
import { z } from "zod";
import { CHANNELS } from "./constants";

const day = z.string().describe("a UTC day, YYYY-MM-DD");

const score = z.number().nullable();
/** A 95% confidence interval, in the unit of its score (null without answers). */
const interval = z.object({ low: z.number(), high: z.number() }).nullable();

const npsScoreSchema = z.object({
  score,
  marginOfError: score.describe("the plain Wald margin, kept for old clients"),
  interval: interval.describe("adjusted Wald 95% interval (Rocks 2016)"),
  count: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  distribution: z.array(z.number().int()).describe("answers per score 0..10"),
});
const csatScoreSchema = z.object({
  score,
  interval: interval.describe("Wilson 95% interval of the satisfied share, in %"),
  average: score,
  averageInterval: interval,
  count: z.number().int(),
  distribution: z.array(z.number().int()).describe("answers per score 1..5"),
});
const cesScoreSchema = z.object({
  average: score,
  interval,
  count: z.number().int(),
  distribution: z.array(z.number().int()).describe("answers per score 1..7"),
});

/**
 * Said by the views that read raw answers (filters the daily totals lack, per-context, cross-tab)
 * when their time budget ran out: they read the newest days first and cover only part of the range.
 */
const coverage = {
  partial: z
    .literal(true)
    .optional()
    .describe(
      "present (true) only when reading the raw answers ran out of time: the figures cover `coveredFrom`..`to`",
    ),
  coveredFrom: day.optional().describe("with `partial`: the first day the figures cover (the newest are read first)"),
};

export const trendPointSchema = z.object({
  period: day,
  responses: z.number().int(),
  nps: score,
  npsLow: score,
  npsHigh: score,
  csat: score,
});

export const summarySchema = z.object({
  site: z.string(),
  survey: z.string().nullable(),
  from: day,
  to: day,
  responses: z.number().int(),
  nps: npsScoreSchema,
  csat: csatScoreSchema,
  ces: cesScoreSchema,
  trend: z.array(trendPointSchema),
  context: z.object({ key: z.string(), value: z.string() }).nullable().optional(),
  completed: z.number().int().describe("complete responses (`responses` counts partial ones too)"),
  thumbs: z.object({ share: score, count: z.number().int(), low: score, high: score }),
  questions: z.array(
    z.object({
      id: z.string(),
      survey: z.string(),
      type: z.enum(["choice", "multi"]),
      count: z.number().int(),
      options: z.array(z.object({ id: z.string(), count: z.number().int(), share: score, low: score, high: score })),
    }),
  ),
  funnel: z.object({
    shown: z.number().int().nullable(),
    declined: z.number().int().nullable(),
    dismissed: z.number().int().nullable(),
    started: z.number().int(),
    completed: z.number().int(),
    questions: z.array(
      z.object({ id: z.string(), survey: z.string(), reached: z.number().int(), answered: z.number().int() }),
    ),
  }),
  channels: z
    .array(
      z.object({
        channel: z.enum(CHANNELS),
        responses: z.number().int(),
        completed: z.number().int(),
        share: z.number().describe("% of the period's responses"),
        nps: z.object({ score, count: z.number().int() }),
      }),
    )
    .describe("responses per channel (popup, inline, link, QR code, email), most first, with each channel's NPS"),
  ...coverage,
});

const npsComparison = z
  .object({ difference: z.number(), z: z.number(), p: z.number(), beyondChance: z.boolean() })
  .nullable()
  .describe("this value's NPS against every other value of the key");

export const breakdownSchema = z.object({
  site: z.string(),
  key: z.string(),
  from: day,
  to: day,
  rows: z.array(
    z.object({
      value: z.string(),
      responses: z.number().int(),
      nps: z.object({
        score,
        count: z.number().int(),
        marginOfError: score,
        interval,
        promoters: z.number().int(),
        detractors: z.number().int(),
        vsRest: npsComparison,
      }),
      csat: z.object({ score, interval, average: score, count: z.number().int() }),
      ces: z.object({ average: score, interval, count: z.number().int() }),
    }),
  ),
  ...coverage,
});

/** GET /api/sites/:siteId/crosstab: per option, how many of each column's respondents chose it, and their %. */
export const crossTabSchema = z.object({
  survey: z.string(),
  question: z.string(),
  by: z.string(),
  from: day,
  to: day,
  columns: z.array(z.object({ id: z.string(), respondents: z.number().int() })),
  rows: z.array(z.object({ option: z.string(), counts: z.array(z.number().int()), shares: z.array(score) })),
  ...coverage,
});

/** GET /api/sites/:siteId/ingestion: answers accepted and then not stored, per day. */
export const ingestionHealthSchema = z.object({
  site: z.string(),
  from: day,
  to: day,
  dropped: z
    .object({
      idReused: z.number().int().describe("sent again under an id already used for another body (queue mode)"),
      withdrawn: z.number().int().describe("their customer asked for erasure after consenting, before the write"),
      erased: z.number().int().describe("erased by a customer's data request (a context value) before the write"),
    })
    .describe("totals of the period"),
  days: z
    .array(z.object({ day, idReused: z.number().int(), withdrawn: z.number().int(), erased: z.number().int() }))
    .describe("days with a drop, oldest first"),
});
