/** Zod schemas of the owner API's queries: days, context filters, summary, responses, export, breakdown, cross-tab. */
import { z } from "zod";
import { CHANNELS, CONTEXT_KEY_PATTERN, FOLLOW_UP_STATUSES, MAX_CONTEXT_VALUE, SEGMENTS } from "./constants";
import { daySchema, localeSchema } from "./field-schemas";

/** `key:value`, such as `productId:sku-77` (the key as in `context`, the value up to 100 characters). */
const contextFilterSchema = z
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
