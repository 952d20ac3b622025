/**
 * Zod schemas of what the HTTP API answers (shared/schemas.ts has what it accepts). The OpenAPI
 * document (GET /api/openapi.json, docs/API.md) is made from both; types are inferred in ./types.ts.
 */
import { z } from "zod";
import { CHANNELS, DEVICE_CLASSES, FOLLOW_UP_STATUSES, ROLES, TOKEN_SCOPES } from "./constants";
import { ERROR_STATUS, type ErrorCode } from "./errors";
import { surveySchema } from "./schemas";

export * from "./webhook-schemas";

const isoTime = z.string().describe("ISO-8601 UTC time");
const day = z.string().describe("a UTC day, YYYY-MM-DD");

/** Every JSON error of every route: `{ error: { code, message, issues? } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** The signed-in account (sign-up, login, GET /api/auth/me). */
export const accountSchema = z.object({ id: z.string(), email: z.string() });

/** A site as its members see it, with the caller's role on it. */
export const siteSchema = z.object({
  id: z.string(),
  key: z.string().describe("public key used by the snippet"),
  name: z.string(),
  origins: z.array(z.string()),
  retentionDays: z.number().int(),
  policyUrl: z.string().nullable(),
  policyVersion: z.string(),
  fatigueDays: z.number().int().describe("days without any survey for a visitor after one was shown (0: off)"),
  createdAt: isoTime,
  role: z.enum(ROLES).describe("the caller's role on this site"),
});

/** A member, or a pending invitation (`pending: true`, revocable with DELETE). */
export const memberSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  pending: z.boolean(),
  expiresAt: isoTime.nullable().describe("when a pending invitation expires; null for members"),
});

/** A new invitation: `invite` is the link to hand over, shown only this once. */
export const invitationCreatedSchema = z.object({
  id: z.string(),
  invite: z.string().describe("the invitation link (single use, expiring); shown only once"),
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: isoTime,
});

export const invitationAcceptedSchema = z.object({ site: z.string(), role: z.enum(ROLES) });

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  parentId: z.string().nullable().describe("the token that minted this one; revoking it revokes this one"),
  createdAt: isoTime,
  lastUsedAt: isoTime.nullable(),
  revokedAt: isoTime.nullable(),
});

/** A new API token: `token` is shown only this once (stored as SHA-256). */
export const tokenCreatedSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  token: z.string(),
  createdAt: isoTime,
});

const score = z.number().nullable();
/** A 95% confidence interval, in the unit of its score (null without answers). */
const interval = z.object({ low: z.number(), high: z.number() }).nullable();

export const npsScoreSchema = z.object({
  score,
  marginOfError: score.describe("the plain Wald margin, kept for old clients"),
  interval: interval.describe("adjusted Wald 95% interval (Rocks 2016)"),
  count: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  distribution: z.array(z.number().int()).describe("answers per score 0..10"),
});
export const csatScoreSchema = z.object({
  score,
  interval: interval.describe("Wilson 95% interval of the satisfied share, in %"),
  average: score,
  averageInterval: interval,
  count: z.number().int(),
  distribution: z.array(z.number().int()).describe("answers per score 1..5"),
});
export const cesScoreSchema = z.object({
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

/** GET /api/sites/:siteId/surveys/:surveyId/history: the versions, and the question ids with answers. */
export const surveyHistorySchema = z.object({
  survey: z.string(),
  version: z.number().int(),
  versions: z.array(z.object({ version: z.number().int(), createdAt: isoTime, questions: z.array(z.string()) })),
  answered: z.array(z.object({ id: z.string(), type: z.string(), answers: z.number().int() })),
});

/** One stored response as owners see it. */
export const responseItemSchema = z.object({
  id: z.string(),
  survey: z.string(),
  locale: z.string().nullable(),
  page: z.string().nullable(),
  device: z.string().describe(`one of ${DEVICE_CLASSES.join(", ")}`),
  context: z.record(z.string(), z.string()),
  createdAt: isoTime,
  consent: z.object({ policy: z.string().nullable(), at: isoTime }),
  status: z.enum(FOLLOW_UP_STATUSES),
  note: z.string().nullable(),
  version: z.number().int().nullable().describe("the survey version answered (null before versions were kept)"),
  complete: z.boolean().describe("false while more parts of the response may come"),
  channel: z.enum(CHANNELS),
  updatedAt: isoTime.describe("when its last part arrived"),
  answers: z.array(
    z.object({
      question: z.string(),
      type: z.string(),
      value: z.union([z.number(), z.string(), z.array(z.string())]),
    }),
  ),
});

export const responsesPageSchema = z.object({
  items: z.array(responseItemSchema),
  next: z
    .string()
    .nullable()
    .describe(
      "cursor of the next page; null on the last one. A page may hold fewer items than `limit` (even none) " +
        "when reading ran out of time: follow `next` until it is null",
    ),
});

export const followUpResultSchema = z.object({
  id: z.string(),
  status: z.enum(FOLLOW_UP_STATUSES),
  note: z.string().nullable(),
});

/** A customer's data (access request): every response with the context value, as JSON. */
export const customerDataSchema = z.object({
  site: z.string(),
  context: z.object({ key: z.string(), value: z.string() }),
  exportedAt: isoTime,
  count: z.number().int(),
  truncated: z.boolean().describe("true when more responses match than one export holds (see `count`)"),
  responses: z.array(responseItemSchema),
});

export const erasureResultSchema = z.object({
  deleted: z.number().int(),
  more: z.boolean().describe("true when responses remain (a request's work is bounded): repeat the request"),
});

/** GET /v1/sites/:key/config: the site's policy and its active surveys with their theme colours. */
export const siteConfigSchema = z.object({
  site: z.string(),
  policy: z.object({ version: z.string(), url: z.string().nullable(), retentionDays: z.number().int() }),
  fatigueDays: z.number().int().describe("days without any survey for a visitor after one was shown to them (0: off)"),
  locale: z.string().describe("the visitor's language, picked from the `lang` candidates of the request"),
  surveys: z.array(
    surveySchema.extend({
      colors: z.object({ accent: z.string(), on: z.string(), link: z.string(), linkDark: z.string() }),
      plus: z.boolean().describe("whether the widget needs widget-plus.js to draw this survey"),
    }),
  ),
});

export const submissionResultSchema = z.object({
  id: z.string(),
  duplicate: z.literal(true).optional(),
  queued: z.literal(true).optional(),
});

export const deletedCountSchema = z.object({ deleted: z.number().int() });
