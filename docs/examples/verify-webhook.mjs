// Checks a webhook delivery in the receiver (Node 18+): genuine (signed with the webhook's secret)
// and fresh (signed in the last 5 minutes), so a recorded request cannot be played again later.
import { createHmac, timingSafeEqual } from "node:crypto";

export function verifyWebhook(secret, signatureHeader, rawBody, { toleranceSeconds = 300, now = Date.now() } = {}) {
  const fields = new Map(
    String(signatureHeader ?? "")
      .split(",")
      .map((part) => part.trim().split("=")),
  );
  const t = Number(fields.get("t"));
  const v1 = fields.get("v1") ?? "";
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, "hex"));
}

// app.post("/feedback-hook", express.raw({ type: "application/json" }), (req, res) => {
//   const body = req.body.toString("utf8");
//   if (!verifyWebhook(process.env.FEEDBACK_WEBHOOK_SECRET, req.get("X-Feedback-Signature"), body)) {
//     return res.sendStatus(401);
//   }
//   const event = JSON.parse(body); // skip it if X-Feedback-Delivery was seen already: retries repeat it
//   res.sendStatus(204);
// });
