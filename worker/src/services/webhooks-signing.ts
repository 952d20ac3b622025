/**
 * The signature of a webhook delivery, in `X-Feedback-Signature`: `t=<unix seconds>,v1=<hex>`, where
 * hex is HMAC-SHA256 under the webhook's secret of `<t>.<the raw body>`. The time is signed with the
 * body, so a receiver that refuses signatures older than a few minutes (shared/webhooks.ts
 * SIGNATURE_TOLERANCE_S) cannot be fed a recorded request again later; every attempt is signed anew.
 * README ("Webhooks") and docs/examples/verify-webhook.mjs show the receiver's side.
 */
import { hmacSha256, toHex } from "../lib/crypto";

export async function signatureHeader(secret: string, body: string, now = Date.now()): Promise<string> {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${toHex(await hmacSha256(secret, `${t}.${body}`))}`;
}
