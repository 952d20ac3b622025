// Signs a link to a survey's hosted page in the shop's back end, at order time (Node 18+).
import { createHmac } from "node:crypto";

export function surveyLink({ collector, siteKey, surveyId, secret, context, days = 30, channel, lang }) {
  const expiry = Math.floor(Date.now() / 1000) + days * 86400;
  const pairs = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const payload = ["v1", siteKey, surveyId, expiry, JSON.stringify(pairs)].join("\n");
  const sig = `${expiry}.${createHmac("sha256", secret).update(payload).digest("base64url")}`;
  const query = new URLSearchParams(pairs.map(([key, value]) => [`ctx.${key}`, value]));
  if (channel) query.set("channel", channel); // link (default), email or qr: recorded with the answer
  if (lang) query.set("lang", lang); // else the customer's browser decides
  query.set("sig", sig);
  return `${collector}/s/${siteKey}/${surveyId}?${query}`;
}

// const url = surveyLink({
//   collector: "https://feedback.example", siteKey: "pk_…", surveyId: "srv_…",
//   secret: process.env.FEEDBACK_LINK_SECRET, context: { orderId: "A-1042" }, channel: "email",
// });
