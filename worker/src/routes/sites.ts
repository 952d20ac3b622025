/** Owner routes for sites, API tokens and surveys. Every route checks the site is the caller's. */
import { Hono } from "hono";
import { siteInputSchema, sitePatchSchema, surveyInputSchema, tokenInputSchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { callerOf, ownedSite, requireOwner } from "../middleware/owner-auth";
import { createSite, listSites, siteView, updateSite } from "../services/sites";
import { createSurvey, getSurvey, listSurveys, replaceSurvey, surveyHistory } from "../services/surveys";
import { createToken, listTokens, revokeToken } from "../services/tokens";

export const siteRoutes = new Hono<AppEnv>();
siteRoutes.use("*", requireOwner);

siteRoutes.post("/", async (c) => {
  if (c.get("tokenSiteId")) throw new ApiError("forbidden", "an API token cannot create sites");
  const input = parseOr400(siteInputSchema, await readJsonBody(c.req.raw));
  return c.json(await createSite(c.env.DB, c.get("ownerId")!, input), 201);
});

siteRoutes.get("/", async (c) => c.json(await listSites(c.env.DB, callerOf(c))));

siteRoutes.get("/:siteId", async (c) => c.json(siteView(await ownedSite(c))));

siteRoutes.patch("/:siteId", async (c) => {
  const site = await ownedSite(c);
  const patch = parseOr400(sitePatchSchema, await readJsonBody(c.req.raw));
  return c.json(await updateSite(c.env.DB, site, patch));
});

siteRoutes.post("/:siteId/tokens", async (c) => {
  const site = await ownedSite(c);
  const { name } = parseOr400(tokenInputSchema, await readJsonBody(c.req.raw));
  return c.json(await createToken(c.env.DB, site.id, name), 201);
});

siteRoutes.get("/:siteId/tokens", async (c) => c.json(await listTokens(c.env.DB, (await ownedSite(c)).id)));

siteRoutes.delete("/:siteId/tokens/:tokenId", async (c) => {
  const site = await ownedSite(c);
  await revokeToken(c.env.DB, site.id, c.req.param("tokenId"));
  return c.body(null, 204);
});

siteRoutes.get("/:siteId/surveys", async (c) => c.json(await listSurveys(c.env.DB, (await ownedSite(c)).id)));

siteRoutes.get("/:siteId/surveys/:surveyId", async (c) => {
  const site = await ownedSite(c);
  return c.json(await getSurvey(c.env.DB, site.id, c.req.param("surveyId")));
});

siteRoutes.get("/:siteId/surveys/:surveyId/history", async (c) => {
  const site = await ownedSite(c);
  return c.json(await surveyHistory(c.env.DB, site.id, c.req.param("surveyId")));
});

siteRoutes.post("/:siteId/surveys", async (c) => {
  const site = await ownedSite(c);
  const input = parseOr400(surveyInputSchema, await readJsonBody(c.req.raw));
  return c.json(await createSurvey(c.env.DB, site.id, { ...input, id: undefined }), 201);
});

siteRoutes.put("/:siteId/surveys/:surveyId", async (c) => {
  const site = await ownedSite(c);
  const input = parseOr400(surveyInputSchema, await readJsonBody(c.req.raw));
  return c.json(await replaceSurvey(c.env.DB, site.id, c.req.param("surveyId"), input));
});
