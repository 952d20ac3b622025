/** Zod schemas of what the webhook routes answer (re-exported by api-schemas.ts). */
import { z } from "zod";
import { TEST_EVENT, WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "./webhooks";

const isoTime = z.string().describe("ISO-8601 UTC time");

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS).describe("json: the event as it is; slack, teams: a chat message"),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  createdAt: isoTime,
});
/** A new webhook: `secret` (HMAC-SHA256 signing key) is shown only this once. */
export const webhookCreatedSchema = webhookSchema.extend({ secret: z.string() });

export const alertDeliverySchema = z.object({
  id: z.string().describe("the delivery's id, sent as X-Feedback-Delivery (the same on every retry)"),
  webhook: z.string(),
  event: z.enum(WEBHOOK_EVENTS),
  response: z.string().nullable().describe("the response it is about; null for response.erased"),
  status: z.enum(["pending", "delivered", "retrying", "dead", "erased"]),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

/** POST /api/sites/:siteId/webhooks/:webhookId/test: what the receiver answered to one signed test event. */
export const webhookTestSchema = z.object({
  delivered: z.boolean().describe("the receiver answered 2xx"),
  status: z.number().int().nullable().describe("the receiver's HTTP status; null when it could not be reached"),
  error: z.string().nullable(),
  event: z.literal(TEST_EVENT),
  delivery: z.string().describe("the test delivery's id (X-Feedback-Delivery)"),
});
