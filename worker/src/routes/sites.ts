/** Owner routes for sites, API tokens and surveys. Every route checks the site is the caller's. */
import { type Context, Hono } from "hono";
import { siteInputSchema, sitePatchSchema, surveyInputSchema, tokenInputSchema } from "../../../shared/schemas";
import * as sitesDb from "../db/sites";
import * as surveysDb from "../db/surveys";
import * as tokensDb from "../db/tokens";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { nowIso } from "../lib/time";
import { parseOr400 } from "../lib/validate";
import { readJsonBody } from "../middleware/body";
import { requireOwner } from "../middleware/owner-auth";
import { createSite, createToken, requireSite, updateSite } from "../services/sites";
import { createSurvey, replaceSurvey } from "../services/surveys";

export const siteRoutes = new Hono<AppEnv>();
siteRoutes.use("*", requireOwner);

const caller = (c: Context<AppEnv>) => ({
  ownerId: c.get("ownerId")!,
  via: c.get("authVia")!,
  ...(c.get("tokenSiteId") ? { tokenSiteId: c.get("tokenSiteId")! } : {}),
});
export const ownedSite = (c: Context<AppEnv>) => requireSite(c.env.DB, caller(c), c.req.param("siteId")!);

siteRoutes.post("/", async (c) => {
  if (c.get("tokenSiteId")) throw new ApiError("forbidden", "an API token cannot create sites");
  const input = parseOr400(siteInputSchema, await readJsonBody(c.req.raw));
  const site = await createSite(c.env.DB, c.get("ownerId")!, input);
  return c.json(site, 201);
});

siteRoutes.get("/", async (c) => {
  const rows = await sitesDb.listSitesOfOwner(c.env.DB, c.get("ownerId")!);
  const tokenSite = c.get("tokenSiteId");
  return c.json(rows.filter((r) => !tokenSite || r.id === tokenSite).map(sitesDb.toSite));
});

siteRoutes.get("/:siteId", async (c) => c.json(sitesDb.toSite(await ownedSite(c))));

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

siteRoutes.get("/:siteId/tokens", async (c) => {
  const site = await ownedSite(c);
  const rows = await tokensDb.listTokens(c.env.DB, site.id);
  return c.json(
    rows.map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.created_at,
      lastUsedAt: t.last_used_at,
      revokedAt: t.revoked_at,
    })),
  );
});

siteRoutes.delete("/:siteId/tokens/:tokenId", async (c) => {
  const site = await ownedSite(c);
  const result = await tokensDb.revokeToken(c.env.DB, site.id, c.req.param("tokenId"), nowIso());
  if (result.meta.changes !== 1) throw new ApiError("not_found", "no such active token");
  return c.body(null, 204);
});

siteRoutes.get("/:siteId/surveys", async (c) => {
  const site = await ownedSite(c);
  return c.json((await surveysDb.listSurveys(c.env.DB, site.id)).map(surveysDb.toSurvey));
});

siteRoutes.get("/:siteId/surveys/:surveyId", async (c) => {
  const site = await ownedSite(c);
  const row = await surveysDb.findSurvey(c.env.DB, site.id, c.req.param("surveyId"));
  if (!row) throw new ApiError("unknown_survey", "no such survey on this site");
  return c.json(surveysDb.toSurvey(row));
});

siteRoutes.post("/:siteId/surveys", async (c) => {
  const site = await ownedSite(c);
  const input = parseOr400(surveyInputSchema, await readJsonBody(c.req.raw));
  const survey = await createSurvey(c.env.DB, site.id, { ...input, id: undefined });
  return c.json(survey, 201);
});

siteRoutes.put("/:siteId/surveys/:surveyId", async (c) => {
  const site = await ownedSite(c);
  const input = parseOr400(surveyInputSchema, await readJsonBody(c.req.raw));
  return c.json(await replaceSurvey(c.env.DB, site.id, c.req.param("surveyId"), input));
});
