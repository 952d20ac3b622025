/** Owner routes of the privacy lifecycle and alerts: webhooks, alert status, consent records, data requests. */
import { Hono } from "hono";
import { consentsQuerySchema, dataRequestQuerySchema, webhookInputSchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { keepAliveOf } from "../lib/keep-alive";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { requireOwner, siteAccess } from "../middleware/owner-auth";
import { recentAlerts } from "../services/alerts";
import { consentRecordsCsv } from "../services/consents";
import { csvResponse } from "../services/csv";
import { customerData, eraseByContext } from "../services/data-requests";
import { resolveRange } from "../services/summary";
import { createWebhook, listWebhooks, removeWebhook, sendTestEvent } from "../services/webhooks";

export const privacyRoutes = new Hono<AppEnv>();
privacyRoutes.use("*", requireOwner);

privacyRoutes.post("/:siteId/webhooks", async (c) => {
  const site = await siteAccess(c, "owner");
  const input = parseOr400(webhookInputSchema, await readJsonBody(c.req.raw));
  return c.json(await createWebhook(c.env, site.id, input), 201);
});

/** One signed test event, sent now: what the receiver answered. */
privacyRoutes.post("/:siteId/webhooks/:webhookId/test", async (c) => {
  const site = await siteAccess(c, "owner");
  return c.json(await sendTestEvent(c.env, site, c.req.param("webhookId")));
});

privacyRoutes.get("/:siteId/webhooks", async (c) =>
  c.json(await listWebhooks(c.env.DB, (await siteAccess(c, "owner")).id)),
);

privacyRoutes.delete("/:siteId/webhooks/:webhookId", async (c) => {
  const site = await siteAccess(c, "owner");
  await removeWebhook(c.env.DB, site.id, c.req.param("webhookId"));
  return c.body(null, 204);
});

privacyRoutes.get("/:siteId/alerts", async (c) =>
  c.json(await recentAlerts(c.env.DB, (await siteAccess(c, "owner")).id)),
);

/** Consent records of a date range, without any answer: proof of consent, withdrawals and erasures. */
privacyRoutes.get("/:siteId/consents.csv", async (c) => {
  const site = await siteAccess(c, "viewer");
  const q = parseOr400(consentsQuerySchema, c.req.query());
  const range = resolveRange(q.from, q.to);
  return csvResponse(consentRecordsCsv(c.env.DB, site.id, range), `consents-${site.key}-${range.from}-${range.to}.csv`);
});

/** A customer's access request: every response with the context value, as JSON. */
privacyRoutes.get("/:siteId/customer-data", async (c) => {
  const site = await siteAccess(c, "viewer");
  const { context } = parseOr400(dataRequestQuerySchema, c.req.query());
  return c.json(await customerData(c.env.DB, site.id, context));
});

/** A customer's erasure request: every response with the context value, and its weight in the aggregates. */
privacyRoutes.delete("/:siteId/responses", async (c) => {
  const site = await siteAccess(c, "owner");
  const { context } = parseOr400(dataRequestQuerySchema, c.req.query());
  return c.json(await eraseByContext(c.env, site.id, context, keepAliveOf(c)));
});
