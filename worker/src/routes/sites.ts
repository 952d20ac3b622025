/** Owner routes for sites, API tokens and surveys. Every site route checks the caller's role first. */
import { Hono } from "hono";
import { siteInputSchema, sitePatchSchema, surveyInputSchema, tokenInputSchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { callerOf, requireOwner, siteAccess } from "../middleware/owner-auth";
import { requireSession } from "../services/access";
import { deleteSite, deleteSurvey } from "../services/deletion";
import { createSite, listSites, siteView, updateSite } from "../services/sites";
import { createSurvey, getSurvey, listSurveys, replaceSurvey, surveyHistory } from "../services/surveys";
import { createToken, listTokens, revokeToken } from "../services/tokens";

export const siteRoutes = new Hono<AppEnv>();
siteRoutes.use("*", requireOwner);

siteRoutes.post("/", async (c) => {
  requireSession(callerOf(c), "create sites");
  const input = parseOr400(siteInputSchema, await readJsonBody(c.req.raw));
  return c.json(await createSite(c.env.DB, callerOf(c).ownerId, input), 201);
});

siteRoutes.get("/", async (c) => c.json(await listSites(c.env.DB, callerOf(c))));

siteRoutes.get("/:siteId", async (c) => c.json(siteView(await siteAccess(c, "viewer"))));

siteRoutes.patch("/:siteId", async (c) => {
  const site = await siteAccess(c, "owner");
  const patch = parseOr400(sitePatchSchema, await readJsonBody(c.req.raw));
  return c.json(await updateSite(c.env.DB, site, patch));
});

/** Hidden at once; its rows are deleted now as far as a request's budget allows, the rest by the cron. */
siteRoutes.delete("/:siteId", async (c) => {
  const site = await siteAccess(c, "owner");
  await deleteSite(c.env.DB, site.id);
  return c.body(null, 204);
});

siteRoutes.post("/:siteId/tokens", async (c) => {
  const site = await siteAccess(c, "owner");
  const input = parseOr400(tokenInputSchema, await readJsonBody(c.req.raw));
  return c.json(await createToken(c.env.DB, site.id, callerOf(c), input), 201);
});

siteRoutes.get("/:siteId/tokens", async (c) => c.json(await listTokens(c.env.DB, (await siteAccess(c, "owner")).id)));

siteRoutes.delete("/:siteId/tokens/:tokenId", async (c) => {
  const site = await siteAccess(c, "owner");
  await revokeToken(c.env.DB, site.id, c.req.param("tokenId"));
  return c.body(null, 204);
});

siteRoutes.get("/:siteId/surveys", async (c) =>
  c.json(await listSurveys(c.env.DB, (await siteAccess(c, "viewer")).id)),
);

siteRoutes.get("/:siteId/surveys/:surveyId", async (c) => {
  const site = await siteAccess(c, "viewer");
  return c.json(await getSurvey(c.env.DB, site.id, c.req.param("surveyId")));
});

siteRoutes.get("/:siteId/surveys/:surveyId/history", async (c) => {
  const site = await siteAccess(c, "viewer");
  return c.json(await surveyHistory(c.env.DB, site.id, c.req.param("surveyId")));
});

siteRoutes.post("/:siteId/surveys", async (c) => {
  const site = await siteAccess(c, "editor");
  const input = parseOr400(surveyInputSchema, await readJsonBody(c.req.raw));
  return c.json(await createSurvey(c.env.DB, site.id, { ...input, id: undefined }), 201);
});

siteRoutes.put("/:siteId/surveys/:surveyId", async (c) => {
  const site = await siteAccess(c, "editor");
  const input = parseOr400(surveyInputSchema, await readJsonBody(c.req.raw));
  return c.json(await replaceSurvey(c.env.DB, site.id, c.req.param("surveyId"), input));
});

/** Its responses and aggregates go too (deletion, so an owner's call). */
siteRoutes.delete("/:siteId/surveys/:surveyId", async (c) => {
  const site = await siteAccess(c, "owner");
  await deleteSurvey(c.env.DB, site.id, c.req.param("surveyId"));
  return c.body(null, 204);
});
