/**
 * Zod schemas: the single source of truth for the HTTP API (its reference, docs/API.md, is made from them).
 * TypeScript types are inferred from these in ./types.ts. The widget must not import
 * this module (zod would dominate its bundle); it imports types only.
 */
import { z } from "zod";
import {
  CHANNELS,
  CLIENT_ID_PATTERN,
  CONTEXT_KEY_PATTERN,
  DEFAULT_FATIGUE_DAYS,
  DEFAULT_PRIORITY,
  DEFAULT_RETENTION_DAYS,
  FOLLOW_UP_STATUSES,
  FUNNEL_EVENTS,
  LOGIC_OPS,
  MAX_CONTEXT_KEYS,
  MAX_CONTEXT_VALUE,
  POSITIONS,
  QUESTION_TYPES,
  ROLES,
  SCALE_STYLES,
  SEGMENTS,
  STYLES_OF,
  TOKEN_SCOPES,
} from "./constants";
import { logicProblems } from "./logic-checks";
import { scheduleSchema, triggerSchema } from "./targeting-schemas";

export {
  configQuerySchema,
  contextConditionSchema,
  eventTriggerSchema,
  scheduleSchema,
  triggerSchema,
} from "./targeting-schemas";

export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "a BCP 47 language tag such as en or pt-BR");

/** Text per locale: `{ en: "...", ro: "..." }`, at least one locale. */
export const localizedTextSchema = z
  .record(localeSchema, z.string().trim().min(1).max(1000))
  .refine((t) => Object.keys(t).length > 0, "needs a text in at least one locale");

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "1-40 letters, digits, _ or -");

export const optionSchema = z.object({ id: idSchema, text: localizedTextSchema });

/** A condition on the answer of the rule's own question. */
export const logicConditionSchema = z.object({
  op: z.enum(LOGIC_OPS),
  value: z
    .union([z.number(), z.string().max(200), z.array(z.union([z.number(), z.string().max(200)])).max(30)])
    .optional(),
});

/** After the question: if the condition holds, go to `goto` (a later question's id, or "end"). */
export const logicRuleSchema = z.object({
  if: logicConditionSchema,
  goto: z.string().min(1).max(40),
});

export const questionSchema = z
  .object({
    id: idSchema,
    type: z.enum(QUESTION_TYPES),
    required: z.boolean().default(false),
    text: localizedTextSchema,
    options: z.array(optionSchema).max(30).optional(),
    /** Optional end labels for scales, per locale (the widget has built-in defaults). */
    labels: z.object({ low: localizedTextSchema.optional(), high: localizedTextSchema.optional() }).optional(),
    /** How a scale is drawn: numbers (any scale), stars or emoji (CSAT), emoji (CES). */
    style: z.enum(SCALE_STYLES).optional(),
    /** Jumps after this question; the first rule that holds wins, else the next question follows. */
    logic: z.array(logicRuleSchema).max(20).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.style && !(STYLES_OF as Record<string, readonly string[]>)[q.type]?.includes(q.style)) {
      ctx.addIssue({ code: "custom", path: ["style"], message: `a ${q.type} question cannot be drawn as ${q.style}` });
    }
    const choice = q.type === "choice" || q.type === "multi";
    if (choice && (!q.options || q.options.length < 2)) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `a ${q.type} question needs at least two options` });
    }
    if (!choice && q.options && q.options.length > 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `a ${q.type} question takes no options` });
    }
    if (q.options) {
      const seen = new Set<string>();
      q.options.forEach((o, i) => {
        if (seen.has(o.id))
          ctx.addIssue({ code: "custom", path: ["options", i, "id"], message: `duplicate option id "${o.id}"` });
        seen.add(o.id);
      });
    }
  });

export const themeSchema = z.object({
  accent: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "a colour such as #0a7cff")
    .default("#0a7cff"),
  position: z.enum(POSITIONS).default("bottom-right"),
});

export const rewardSchema = z.object({
  text: localizedTextSchema,
  code: z.string().trim().min(1).max(60).optional(),
});

/** A survey as an owner writes it (POST body; PUT also accepts `id`). */
export const surveyInputSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1).max(200),
    active: z.boolean().default(true),
    questions: z.array(questionSchema).min(1).max(30),
    trigger: triggerSchema.default(triggerSchema.parse({})),
    theme: themeSchema.default(themeSchema.parse({})),
    reward: rewardSchema.optional(),
    /** Lower first when several surveys could open (then the order of creation). */
    priority: z.number().int().min(0).max(1000).default(DEFAULT_PRIORITY),
    schedule: scheduleSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `duplicate question id "${q.id}"` });
      seen.add(q.id);
    });
    for (const problem of logicProblems(s.questions)) ctx.addIssue({ code: "custom", ...problem });
  });

/** A survey as stored and served (config endpoint, owner API). */
export const surveySchema = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  questions: z.array(questionSchema),
  trigger: triggerSchema,
  theme: themeSchema,
  reward: rewardSchema.optional(),
  priority: z.number().int(),
  schedule: scheduleSchema.optional(),
});

export const contextSchema = z
  .record(
    z.string().regex(CONTEXT_KEY_PATTERN, "keys are 1-40 letters, digits or _"),
    z.string().max(MAX_CONTEXT_VALUE),
  )
  .refine((c) => Object.keys(c).length <= MAX_CONTEXT_KEYS, `at most ${MAX_CONTEXT_KEYS} context keys`);

export const answerValueSchema = z.union([z.number(), z.string(), z.array(z.string()).max(30)]);

export const responseInputSchema = z.object({
  id: z.string().regex(CLIENT_ID_PATTERN, "a 21-character nanoid"),
  site: z.string().min(1).max(64),
  survey: z.string().min(1).max(64),
  respondent: z.string().min(16).max(128),
  /** `policy`: version of the privacy policy shown; `text`: version of the consent wording shown. */
  consent: z.object({
    granted: z.boolean(),
    policy: z.string().max(64).optional(),
    text: z.string().max(64).optional(),
  }),
  locale: localeSchema.optional(),
  page: z.string().max(2048).optional(),
  context: contextSchema.optional(),
  answers: z
    .array(z.object({ question: z.string().min(1).max(40), value: answerValueSchema }))
    .min(1)
    .max(30),
  /** The survey version the answers were given to (the current one when absent). */
  version: z.number().int().min(1).max(1_000_000).optional(),
  /** `false`: a partial answer (more may follow under the same id); absent means complete. */
  complete: z.boolean().optional(),
  channel: z.enum(CHANNELS).optional(),
});

/** POST /v1/events: an anonymous count of a survey shown, declined or dismissed. */
export const eventInputSchema = z.object({
  site: z.string().min(1).max(64),
  survey: z.string().min(1).max(64),
  version: z.number().int().min(1).max(1_000_000).optional(),
  event: z.enum(FUNNEL_EVENTS),
  channel: z.enum(CHANNELS).optional(),
});

export const forgetInputSchema = z.object({
  site: z.string().min(1).max(64),
  respondent: z.string().min(16).max(128),
});

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("a valid email address"))
  .pipe(z.string().max(254));

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(10, "at least 10 characters").max(200),
});

/** POST /api/auth/signup: `invite` is the token of an invitation link (required where sign-up is by invitation). */
export const signupSchema = credentialsSchema.extend({ invite: z.string().min(10).max(200).optional() });

/** POST /api/auth/login: any password is checked (not the sign-up rules: old accounts may predate them). */
export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1, "required").max(200) });

/** DELETE /api/account: the password again, so a forgotten signed-in browser cannot delete the account. */
export const accountDeleteSchema = z.object({ password: z.string().min(1, "required").max(200) });

/** POST /api/sites/:siteId/members: invite someone by email with a role. */
export const memberInputSchema = z.object({ email: emailSchema, role: z.enum(ROLES) });

/** PATCH /api/sites/:siteId/members/:memberId: change a member's (or a pending invitation's) role. */
export const memberPatchSchema = z.object({ role: z.enum(ROLES) });

export const originSchema = z
  .string()
  .url()
  .transform((u) => new URL(u).origin)
  .refine((o) => o !== "null", "an http(s) origin such as https://shop.example");

const retentionDaysSchema = z.number().int().min(1).max(3650);
/** Days without any survey for a visitor after one was shown to them (0: off). */
const fatigueDaysSchema = z.number().int().min(0).max(365);

export const siteInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  origins: z.array(originSchema).min(1).max(20),
  retentionDays: retentionDaysSchema.default(DEFAULT_RETENTION_DAYS),
  policyUrl: z.string().url().max(500).optional(),
  policyVersion: z.string().trim().min(1).max(64).optional(),
  fatigueDays: fatigueDaysSchema.default(DEFAULT_FATIGUE_DAYS),
});
/** Without defaults: a field left out of a PATCH keeps its stored value. */
export const sitePatchSchema = siteInputSchema
  .extend({ retentionDays: retentionDaysSchema, fatigueDays: fatigueDaysSchema })
  .partial();

/** POST /api/sites/:siteId/tokens: `read` unless a wider scope is chosen (never wider than the caller's). */
export const tokenInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(TOKEN_SCOPES).default("read"),
});

export const webhookInputSchema = z.object({ url: z.string().max(500) });

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
export const daySchema = z
  .string()
  .regex(dayPattern, "a day as YYYY-MM-DD")
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "a real calendar day",
  )
  .describe("a UTC day, YYYY-MM-DD");

/** `key:value`, such as `productId:sku-77` (the key as in `context`, the value up to 100 characters). */
export const contextFilterSchema = z
  .string()
  .max(41 + MAX_CONTEXT_VALUE)
  .regex(/^[^:]+:/, "key:value, such as productId:sku-77")
  .transform((s) => {
    const i = s.indexOf(":");
    return { key: s.slice(0, i), value: s.slice(i + 1) };
  })
  .refine(
    (f) => CONTEXT_KEY_PATTERN.test(f.key) && f.value.length <= MAX_CONTEXT_VALUE,
    "key:value, such as productId:sku-77",
  )
  .describe("key:value, such as orderId:A-1042");

/** A customer's data request: every response whose context has this value (such as `orderId:A-1042`). */
export const dataRequestQuerySchema = z.object({ context: contextFilterSchema });

export const consentsQuerySchema = z.object({ from: daySchema.optional(), to: daySchema.optional() });

/** GET /api/sites/:siteId/ingestion: answers accepted but not written, per day (last 30 days by default). */
export const ingestionQuerySchema = z.object({ from: daySchema.optional(), to: daySchema.optional() });

export const summaryQuerySchema = z.object({
  survey: z.string().max(64).optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
  interval: z.enum(["day", "week", "month"]).default("day"),
  context: contextFilterSchema.optional(),
  locale: localeSchema.optional(),
  page: z.string().max(2048).optional(),
  channel: z.enum(CHANNELS).optional(),
});

export const responsesQuerySchema = z.object({
  survey: z.string().max(64).optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
  segment: z.enum(SEGMENTS).optional(),
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  context: contextFilterSchema.optional(),
  locale: localeSchema.optional(),
  page: z.string().max(2048).optional(),
  q: z.string().max(200).optional(),
  channel: z.enum(CHANNELS).optional(),
  /** Only responses with an unhappy answer (NPS 0–6, CSAT 1–2, CES 1–2, thumbs down): "customers to answer". */
  unhappy: z.enum(["true", "false"]).optional(),
  /** Complete responses only, or partial ones only. */
  complete: z.enum(["true", "false"]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/sites/:siteId/responses: the filters, the page (cursor, limit) and the order. */
export const responsesListQuerySchema = responsesQuerySchema.extend({
  order: z.enum(["asc", "desc"]).default("desc"),
});

/** GET /api/sites/:siteId/export.csv: the filters of the list, every one optional. */
export const exportQuerySchema = responsesQuerySchema.partial();

/** GET /api/sites/:siteId/breakdown: satisfaction per value of one context key. */
export const breakdownQuerySchema = summaryQuerySchema.extend({
  key: z.string().regex(CONTEXT_KEY_PATTERN, "a context key: 1-40 letters, digits or _"),
});

/** GET /api/sites/:siteId/crosstab: a choice question by NPS segment or by a context key's values. */
export const crossTabQuerySchema = z.object({
  survey: z.string().min(1).max(64),
  question: z.string().min(1).max(40),
  by: z.union([
    z.literal("segment"),
    z.string().regex(/^context:[A-Za-z0-9_]{1,40}$/, 'by: "segment" or "context:<key>", such as context:productId'),
  ]),
  from: daySchema.optional(),
  to: daySchema.optional(),
});

export const followUpSchema = z.object({
  status: z.enum(FOLLOW_UP_STATUSES),
  note: z.string().max(2000).optional(),
});
