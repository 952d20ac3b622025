/**
 * Owner routes of the channels beyond the popup: signed links to the hosted survey page (one per
 * customer or order), a QR code of a survey's page, and the rotation of the site's link secret.
 */
import { Hono } from "hono";
import { linkInputSchema, qrQuerySchema, secretRotationSchema } from "../../../shared/link-schemas";
import type { AppEnv } from "../env";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { requireOwner, siteAccess } from "../middleware/owner-auth";
import { mintLink, qrOfSurvey, rotateSecret, secretStatus } from "../services/links";
import { getSurvey } from "../services/surveys";

export const linkRoutes = new Hono<AppEnv>();
linkRoutes.use("*", requireOwner);

/** The collector's own address, as the customer will reach it. */
const baseOf = (url: string) => new URL(url).origin;

linkRoutes.post("/:siteId/surveys/:surveyId/links", async (c) => {
  const site = await siteAccess(c, "editor");
  const input = parseOr400(linkInputSchema, await readJsonBody(c.req.raw));
  const survey = await getSurvey(c.env.DB, site.id, c.req.param("surveyId"));
  return c.json(await mintLink(c.env.DB, baseOf(c.req.url), site, survey, input), 201);
});

linkRoutes.get("/:siteId/surveys/:surveyId/qr.svg", async (c) => {
  const site = await siteAccess(c, "viewer");
  const query = parseOr400(qrQuerySchema, c.req.query());
  const survey = await getSurvey(c.env.DB, site.id, c.req.param("surveyId"));
  const { svg, url } = await qrOfSurvey(c.env.DB, baseOf(c.req.url), site, survey, query);
  return c.body(svg, 200, {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Content-Disposition": `inline; filename="qr-${survey.id}.svg"`,
    "Cache-Control": "private, no-store",
    "X-Survey-Link": url,
  });
});

linkRoutes.get("/:siteId/link-secret", async (c) => {
  const site = await siteAccess(c, "owner");
  return c.json(await secretStatus(c.env.DB, site.id));
});

linkRoutes.post("/:siteId/link-secret", async (c) => {
  const site = await siteAccess(c, "owner");
  // The body is optional (`curl -X POST` rotates at once, keeping nothing of the old secret).
  const body = c.req.raw.body && c.req.header("content-length") !== "0" ? await readJsonBody(c.req.raw) : {};
  const { keepOldForDays } = parseOr400(secretRotationSchema, body);
  return c.json(await rotateSecret(c.env.DB, site.id, keepOldForDays), 201);
});
