/**
 * Zod schemas of when a survey may open: its trigger (pages, timing, sampling, devices, visitors,
 * events, context conditions, cooldown) and its schedule (dates and a response quota).
 * The rules that read them are zod-free, in ./targeting.ts (the loader imports those).
 */
import { z } from "zod";
import {
  ASK_AGAIN,
  CONTEXT_KEY_PATTERN,
  CONTEXT_OPS,
  LANGUAGE_RULES,
  MAX_CONTEXT_VALUE,
  TARGET_DEVICES,
  VISITOR_KINDS,
} from "./constants";

const pagePatternsSchema = z.array(z.string().min(1).max(200)).max(50);

/** `cartValue gt 50`, `productId in ["sku-1", "sku-2"]`: every condition must hold. */
export const contextConditionSchema = z.object({
  key: z.string().regex(CONTEXT_KEY_PATTERN, "keys are 1-40 letters, digits or _"),
  op: z.enum(CONTEXT_OPS),
  value: z.union([
    z.number(),
    z.string().max(MAX_CONTEXT_VALUE),
    z
      .array(z.union([z.number(), z.string().max(MAX_CONTEXT_VALUE)]))
      .min(1)
      .max(50),
  ]),
});

/** A custom event of the shop's page (`Feedback.track(name)` or a click on `data-feedback-event`). */
export const eventTriggerSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.:-]{1,60}$/, "1-60 letters, digits, _ . : or -"),
  /** Opens at the Nth time during the visit. */
  times: z.number().int().min(1).max(100).default(1),
});

export const triggerSchema = z
  .object({
    pages: pagePatternsSchema.default(["*"]),
    /** Wins over `pages`. */
    excludePages: pagePatternsSchema.default([]),
    delaySeconds: z.number().int().min(0).max(3600).default(0),
    scrollPercent: z.number().int().min(0).max(100).default(0),
    exitIntent: z.boolean().default(false),
    sample: z.number().min(0).max(1).default(1),
    cooldownDays: z.number().int().min(0).max(3650).default(90),
    /** Absent: every device. */
    devices: z.array(z.enum(TARGET_DEVICES)).min(1).max(3).optional(),
    visitors: z.enum(VISITOR_KINDS).default("all"),
    event: eventTriggerSchema.optional(),
    context: z.array(contextConditionSchema).max(10).default([]),
    askAgain: z.enum(ASK_AGAIN).default("always"),
    language: z.enum(LANGUAGE_RULES).default("any"),
  })
  .superRefine((t, ctx) => {
    for (const [i, c] of t.context.entries()) {
      const list = Array.isArray(c.value);
      if (list !== (c.op === "in")) {
        ctx.addIssue({
          code: "custom",
          path: ["context", i, "value"],
          message: c.op === "in" ? "`in` takes a list of values" : `\`${c.op}\` takes one value, not a list`,
        });
      } else if (["lt", "lte", "gt", "gte"].includes(c.op) && typeof c.value !== "number") {
        ctx.addIssue({ code: "custom", path: ["context", i, "value"], message: `\`${c.op}\` compares with a number` });
      }
    }
  });

/** The config serves the survey only from `startsAt` to `endsAt`, and while it has fewer completed responses. */
export const scheduleSchema = z
  .object({
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).optional(),
    maxResponses: z.number().int().min(1).max(10_000_000).optional(),
  })
  .refine((s) => !s.startsAt || !s.endsAt || Date.parse(s.startsAt) < Date.parse(s.endsAt), {
    path: ["endsAt"],
    message: "endsAt must be after startsAt",
  });

/** GET /v1/sites/:key/config: the visitor's language candidates, the collector picks the first it ships. */
export const configQuerySchema = z.object({
  lang: z
    .string()
    .max(400)
    .optional()
    .describe("the visitor's languages in order, comma-separated (data-locale, <html lang>, the browser's)"),
});
