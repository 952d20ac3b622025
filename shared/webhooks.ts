/**
 * Webhook events and formats: the words the worker, the dashboard and the docs share. Zod-free.
 *
 * - `response.created`: a response was stored (its first part, or all of it at once).
 * - `response.completed`: a response became complete (at once, or with its last part).
 * - `response.unhappy`: an unhappy answer (shared/scoring.ts isUnhappy); a partial response's waits for
 *   the rest of it until it completes or 30 minutes pass without a new part.
 * - `response.erased`: responses were erased for a customer (withdrawal of consent, an erasure request
 *   by a context value, or an owner deleting one response), so that copies elsewhere can go too.
 * - `follow_up.changed`: a response's follow-up status or note changed.
 */
export const WEBHOOK_EVENTS = [
  "response.created",
  "response.completed",
  "response.unhappy",
  "response.erased",
  "follow_up.changed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The event of the "send a test event" button: never sent otherwise. */
export const TEST_EVENT = "webhook.test";

/** `json`: the event as it is; `slack` and `teams`: a chat message for an incoming webhook of that app. */
export const WEBHOOK_FORMATS = ["json", "slack", "teams"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * What a webhook receives when its owner does not choose: the alerts of unhappy customers, as every
 * webhook did before there were other events (a chat channel wants those, not a message per answer).
 */
export const DEFAULT_WEBHOOK_EVENTS: readonly WebhookEvent[] = ["response.unhappy"];

/** Why responses were erased (the `reason` of `response.erased`). */
const ERASURE_REASONS = ["withdrawal", "request", "owner"] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** Request headers of every delivery. */
export const WEBHOOK_HEADERS = {
  /** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the webhook's secret>` */
  signature: "X-Feedback-Signature",
  /** The event's name, such as `response.completed`. */
  event: "X-Feedback-Event",
  /** The delivery's id: the same on every retry, so a receiver can drop what it already has. */
  delivery: "X-Feedback-Delivery",
} as const;

/** How old a signature's timestamp a receiver should accept, in seconds (replay window). */
export const SIGNATURE_TOLERANCE_S = 300;
