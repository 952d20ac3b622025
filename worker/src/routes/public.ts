/** Public routes called from shop pages (../shared/API.md): config, responses, forget. */
import { Hono } from "hono";
import { forgetInputSchema } from "../../../shared/schemas";
import { themeColors } from "../../../shared/theme";
import type { SiteConfig } from "../../../shared/types";
import { deleteRespondentResponses } from "../db/responses";
import * as sitesDb from "../db/sites";
import * as surveysDb from "../db/surveys";
import type { AppEnv } from "../env";
import { ApiError, errorResponse } from "../errors";
import { sha256Hex } from "../lib/crypto";
import { withD1Retry } from "../lib/d1-retry";
import { nowIso } from "../lib/time";
import { parseOr400 } from "../lib/validate";
import { readJsonBody } from "../middleware/body";
import { grantCors, preflight } from "../middleware/public-cors";
import { publicRateLimit } from "../middleware/rate-limit";
import { enqueueAlerts } from "../services/alerts";
import { checkSubmission, respondentHash, storeSubmission } from "../services/ingest";
import { enqueueSubmission } from "../services/ingest-queue";

export const publicRoutes = new Hono<AppEnv>();

publicRoutes.use("*", publicRateLimit);
publicRoutes.options("*", preflight);

publicRoutes.get("/sites/:key/config", async (c) => {
  const origin = c.req.header("origin") ?? null;
  const site = await withD1Retry(() => sitesDb.findSiteByKey(c.env.DB, c.req.param("key")));
  if (!site) throw new ApiError("unknown_site", "no such site");
  const origins = JSON.parse(site.origins) as string[];
  if (origin !== null && !origins.includes(origin))
    throw new ApiError("origin_not_allowed", `origin ${origin} is not allowed for this site`);
  const surveys = (await withD1Retry(() => surveysDb.listSurveys(c.env.DB, site.id, true))).map((row) => {
    const survey = surveysDb.toSurvey(row);
    return { ...survey, colors: themeColors(survey.theme.accent) };
  });
  const config: SiteConfig = {
    site: site.key,
    policy: { version: site.policy_version, url: site.policy_url, retentionDays: site.retention_days },
    surveys,
  };
  const body = JSON.stringify(config);
  const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
  const headers = new Headers({ ETag: etag, "Cache-Control": "public, max-age=60, stale-while-revalidate=300" });
  grantCors(headers, origin, origins);
  if (c.req.header("if-none-match") === etag) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(body, { status: 200, headers });
});

publicRoutes.post("/responses", async (c) => {
  const origin = c.req.header("origin") ?? null;
  let allowed: string[] = [];
  try {
    const raw = await readJsonBody(c.req.raw);
    const accepted = await checkSubmission(c.env.DB, raw, { headers: c.req.raw.headers, origin });
    allowed = accepted.siteOrigins;
    const queued = c.env.INGEST_MODE === "queue" && !!c.env.INGEST_QUEUE;
    const outcome = queued
      ? await enqueueSubmission(c.env, accepted.row)
      : await storeSubmission(c.env.DB, accepted.row);
    if (!queued && outcome.status === 201 && accepted.row.alert) {
      // After the answer: the customer's request never waits for, or fails with, an alert.
      c.executionCtx.waitUntil(
        enqueueAlerts(c.env, accepted.row.id).catch((err) =>
          console.error(JSON.stringify({ event: "alert_enqueue_failed", error: String(err) })),
        ),
      );
    }
    const headers = new Headers({ "Content-Type": "application/json; charset=utf-8" });
    grantCors(headers, origin, allowed);
    const body = outcome.status === 201 ? { id: outcome.id } : { id: outcome.id, duplicate: true };
    return new Response(JSON.stringify(body), { status: outcome.status, headers });
  } catch (err) {
    // Errors still need the CORS grant (for a permitted origin) so the widget can read them.
    if (err instanceof ApiError) return errorResponse(err, await errorCors(c.env.DB, origin, allowed, err));
    throw err;
  }
});

/**
 * CORS on error answers, so the widget can tell "fix nothing, drop it" (4xx) from "retry"
 * (429/5xx): granted to the site's origins, or, before the site is known, to an origin
 * that some site allows. A refused origin gets no grant.
 */
async function errorCors(db: D1Database, origin: string | null, allowed: string[], err: ApiError): Promise<Headers> {
  const h = new Headers();
  if (err.code === "origin_not_allowed" || !origin) return h;
  if (allowed.length === 0 && (await sitesDb.isKnownOrigin(db, origin).catch(() => false))) allowed = [origin];
  grantCors(h, origin, allowed);
  return h;
}

publicRoutes.post("/forget", async (c) => {
  const origin = c.req.header("origin") ?? null;
  const input = parseOr400(forgetInputSchema, await readJsonBody(c.req.raw));
  const site = await withD1Retry(() => sitesDb.findSiteByKey(c.env.DB, input.site));
  if (!site) throw new ApiError("unknown_site", "no such site");
  const origins = JSON.parse(site.origins) as string[];
  if (origin !== null && !origins.includes(origin))
    throw new ApiError("origin_not_allowed", `origin ${origin} is not allowed for this site`);
  const hash = await respondentHash(site.id, input.respondent);
  const deleted = await withD1Retry(() => deleteRespondentResponses(c.env.DB, site.id, hash, nowIso()));
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8" });
  grantCors(headers, origin, origins);
  return new Response(JSON.stringify({ deleted }), { status: 200, headers });
});
