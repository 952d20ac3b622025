/**
 * Owner routes for results: summary, per-context breakdown, responses, follow-up, export, and the
 * answers ingestion dropped (viewers read). Reads go through a D1 session (a read replica where there
 * are some), each caller's at most a twentieth of the time in the long run (middleware/read-share.ts);
 * writes leave their bookmark so the reads after them see them (lib/d1-session.ts).
 */
import { Hono } from "hono";
import {
  breakdownQuerySchema,
  crossTabQuerySchema,
  exportQuerySchema,
  followUpSchema,
  ingestionQuerySchema,
  responsesListQuerySchema,
  summaryQuerySchema,
} from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { ownerReads, ownerWrite } from "../lib/d1-session";
import { keepAliveOf } from "../lib/keep-alive";
import { parseOr400 } from "../lib/parse";
import { today } from "../lib/time";
import { readJsonBody } from "../middleware/body";
import { requireOwner, siteAccess } from "../middleware/owner-auth";
import { shareOwnerReads } from "../middleware/read-share";
import { crossTab } from "../services/crosstab";
import { csvResponse } from "../services/csv";
import { ingestionHealth } from "../services/ingestion-health";
import { exportCsv, listPage, removeResponse, setFollowUp } from "../services/responses";
import { breakdown, summarize } from "../services/summary";

export const resultRoutes = new Hono<AppEnv>();
resultRoutes.use("*", requireOwner);
resultRoutes.use("*", shareOwnerReads);

resultRoutes.get("/:siteId/summary", async (c) => {
  const site = await siteAccess(c, "viewer");
  const q = parseOr400(summaryQuerySchema, c.req.query());
  return c.json(await summarize(ownerReads(c), site.id, q));
});

resultRoutes.get("/:siteId/breakdown", async (c) => {
  const site = await siteAccess(c, "viewer");
  const q = parseOr400(breakdownQuerySchema, c.req.query());
  return c.json(await breakdown(ownerReads(c), site.id, q.key, q));
});

resultRoutes.get("/:siteId/crosstab", async (c) => {
  const site = await siteAccess(c, "viewer");
  return c.json(await crossTab(ownerReads(c), site.id, parseOr400(crossTabQuerySchema, c.req.query())));
});

resultRoutes.get("/:siteId/responses", async (c) => {
  const site = await siteAccess(c, "viewer");
  const q = parseOr400(responsesListQuerySchema, c.req.query());
  return c.json(await listPage(ownerReads(c), site.id, q));
});

resultRoutes.patch("/:siteId/responses/:id", async (c) => {
  const site = await siteAccess(c, "editor");
  const body = parseOr400(followUpSchema, await readJsonBody(c.req.raw));
  await ownerWrite(c, (db) => setFollowUp(c.env, db, site.id, c.req.param("id"), body, keepAliveOf(c)));
  return c.json({ id: c.req.param("id"), status: body.status, note: body.note ?? null });
});

resultRoutes.delete("/:siteId/responses/:id", async (c) => {
  const site = await siteAccess(c, "owner");
  await ownerWrite(c, (db) => removeResponse(c.env, db, site.id, c.req.param("id"), keepAliveOf(c)));
  return c.body(null, 204);
});

resultRoutes.get("/:siteId/export.csv", async (c) => {
  const site = await siteAccess(c, "viewer");
  const q = parseOr400(exportQuerySchema, c.req.query());
  return csvResponse(await exportCsv(ownerReads(c), site.id, q), `responses-${site.key}-${today()}.csv`);
});

resultRoutes.get("/:siteId/ingestion", async (c) => {
  const site = await siteAccess(c, "viewer");
  return c.json(await ingestionHealth(ownerReads(c), site.id, parseOr400(ingestionQuerySchema, c.req.query())));
});
