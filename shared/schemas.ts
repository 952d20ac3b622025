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
  DEFAULT_PRIORITY,
  FUNNEL_EVENTS,
  LOGIC_OPS,
  MAX_CONTEXT_KEYS,
  MAX_CONTEXT_VALUE,
  POSITIONS,
  QUESTION_TYPES,
  SCALE_STYLES,
  STYLES_OF,
} from "./constants";
import { localeSchema } from "./field-schemas";
import { logicProblems } from "./logic-checks";
import { scheduleSchema, triggerSchema } from "./targeting-schemas";

export * from "./field-schemas";
export * from "./owner-schemas";
export * from "./query-schemas";
export {
  configQuerySchema,
  contextConditionSchema,
  eventTriggerSchema,
  scheduleSchema,
  triggerSchema,
} from "./targeting-schemas";

import { linksSchema } from "./survey-links";

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
    links: linksSchema.optional(),
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
  links: linksSchema.optional(),
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
  sig: z.string().max(200).optional(), // a signed link's, sent with the link's context unchanged
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
