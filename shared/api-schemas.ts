/**
 * Zod schemas of what the HTTP API answers (shared/schemas.ts has what it accepts). The OpenAPI
 * document (GET /api/openapi.json, docs/API.md) is made from both; types are inferred in ./types.ts.
 */
import { z } from "zod";
import { CHANNELS, DEVICE_CLASSES, FOLLOW_UP_STATUSES, ROLES, TOKEN_SCOPES } from "./constants";
import { ERROR_STATUS, type ErrorCode } from "./errors";
import { surveySchema } from "./schemas";

export * from "./result-schemas";
export * from "./webhook-schemas";

const isoTime = z.string().describe("ISO-8601 UTC time");

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
