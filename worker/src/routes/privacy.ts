/** Owner routes of the privacy lifecycle and alerts: webhooks, alert status, consent records. */
import { Hono } from "hono";
import { consentsQuerySchema, webhookInputSchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { ownedSite, requireOwner } from "../middleware/owner-auth";
import { recentAlerts } from "../services/alerts";
import { consentRecordsCsv } from "../services/consents";
import { csvResponse } from "../services/csv";
import { resolveRange } from "../services/summary";
import { createWebhook, listWebhooks, removeWebhook } from "../services/webhooks";

export const privacyRoutes = new Hono<AppEnv>();
privacyRoutes.use("*", requireOwner);

privacyRoutes.post("/:siteId/webhooks", async (c) => {
  const site = await ownedSite(c);
  const { url } = parseOr400(webhookInputSchema, await readJsonBody(c.req.raw));
  return c.json(await createWebhook(c.env.DB, site.id, url, c.env.ENVIRONMENT), 201);
});

privacyRoutes.get("/:siteId/webhooks", async (c) => c.json(await listWebhooks(c.env.DB, (await ownedSite(c)).id)));

privacyRoutes.delete("/:siteId/webhooks/:webhookId", async (c) => {
  const site = await ownedSite(c);
  await removeWebhook(c.env.DB, site.id, c.req.param("webhookId"));
  return c.body(null, 204);
});

privacyRoutes.get("/:siteId/alerts", async (c) => c.json(await recentAlerts(c.env.DB, (await ownedSite(c)).id)));

/** Consent records of a date range, without any answer: proof of consent and of withdrawals. */
privacyRoutes.get("/:siteId/consents.csv", async (c) => {
  const site = await ownedSite(c);
  const q = parseOr400(consentsQuerySchema, c.req.query());
  const range = resolveRange(q.from, q.to);
  return csvResponse(consentRecordsCsv(c.env.DB, site.id, range), `consents-${site.key}-${range.from}-${range.to}.csv`);
});
