/** Owner routes for results: summary, per-context breakdown, responses, follow-up, export. */
import { Hono } from "hono";
import { z } from "zod";
import { followUpSchema, responsesQuerySchema, summaryQuerySchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { parseOr400 } from "../lib/validate";
import { readJsonBody } from "../middleware/body";
import { requireOwner } from "../middleware/owner-auth";
import { exportCsv, listPage, removeResponse, setFollowUp } from "../services/responses";
import { breakdown, summarize } from "../services/summary";
import { ownedSite } from "./sites";

export const resultRoutes = new Hono<AppEnv>();
resultRoutes.use("*", requireOwner);

const listQuerySchema = responsesQuerySchema.extend({ order: z.enum(["asc", "desc"]).default("desc") });

resultRoutes.get("/:siteId/summary", async (c) => {
  const site = await ownedSite(c);
  const q = parseOr400(summaryQuerySchema, c.req.query());
  return c.json(await summarize(c.env.DB, site.id, q));
});

resultRoutes.get("/:siteId/breakdown", async (c) => {
  const site = await ownedSite(c);
  const q = parseOr400(
    summaryQuerySchema.extend({ key: z.string().regex(/^[A-Za-z0-9_]{1,40}$/, "a context key") }),
    c.req.query(),
  );
  return c.json(await breakdown(c.env.DB, site.id, q.key, q));
});

resultRoutes.get("/:siteId/responses", async (c) => {
  const site = await ownedSite(c);
  const q = parseOr400(listQuerySchema, c.req.query());
  return c.json(await listPage(c.env.DB, site.id, q));
});

resultRoutes.patch("/:siteId/responses/:id", async (c) => {
  const site = await ownedSite(c);
  const body = parseOr400(followUpSchema, await readJsonBody(c.req.raw));
  await setFollowUp(c.env.DB, site.id, c.req.param("id"), body.status, body.note);
  return c.json({ id: c.req.param("id"), status: body.status, note: body.note ?? null });
});

resultRoutes.delete("/:siteId/responses/:id", async (c) => {
  const site = await ownedSite(c);
  await removeResponse(c.env.DB, site.id, c.req.param("id"));
  return c.body(null, 204);
});

resultRoutes.get("/:siteId/export.csv", async (c) => {
  const site = await ownedSite(c);
  const q = parseOr400(responsesQuerySchema.partial(), c.req.query());
  const stream = await exportCsv(c.env.DB, site.id, q);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="responses-${site.key}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
