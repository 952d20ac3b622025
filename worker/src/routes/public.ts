/** Public routes called from shop pages: config, responses, forget (CORS granted per site). */
import { Hono } from "hono";
import { localeCandidates, pickLocale } from "../../../shared/locale";
import { configQuerySchema, eventInputSchema, forgetInputSchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { keepAliveOf } from "../lib/keep-alive";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { callerOrigin, corsError, corsJson, grantCors, preflight } from "../middleware/public-cors";
import { forgetRateLimit, publicRateLimit } from "../middleware/rate-limit";
import { recordEvent } from "../services/events";
import { ingest } from "../services/ingest-paths";
import { forgetRespondent, siteConfig } from "../services/public";
import { acceptSubmission } from "../services/submission";
import { noteWrite } from "../services/write-activity";

export const publicRoutes = new Hono<AppEnv>();

publicRoutes.use("*", publicRateLimit);
publicRoutes.options("*", preflight);

/**
 * A route that does nothing behind the same middleware as the others (request id, security headers,
 * rate limit): the benchmark measures it as the ceiling of this worker.
 */
publicRoutes.post("/noop", (c) => c.json({ ok: true }, 201));

publicRoutes.get("/sites/:key/config", async (c) => {
  const origin = callerOrigin(c.req.raw);
  const locale = pickLocale(localeCandidates(parseOr400(configQuerySchema, c.req.query()).lang));
  const config = await siteConfig(c.env.DB, c.req.param("key"), origin, locale);
  const headers = new Headers({ ETag: config.etag, "Cache-Control": "public, max-age=60, stale-while-revalidate=300" });
  grantCors(headers, origin, config.origins);
  if (c.req.header("if-none-match") === config.etag) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(config.body, { status: 200, headers });
});

publicRoutes.post("/responses", async (c) => {
  noteWrite();
  const origin = callerOrigin(c.req.raw);
  let origins: string[] = [];
  try {
    const raw = await readJsonBody(c.req.raw);
    const keepAlive = keepAliveOf(c);
    const accepted = await acceptSubmission(c.env.DB, raw, { headers: c.req.raw.headers, origin, keepAlive });
    origins = accepted.origins;
    const outcome = await ingest(c.env, accepted, keepAlive);
    return corsJson(outcome.body, outcome.status, origin, origins);
  } catch (err) {
    // Errors still need the CORS grant (for a permitted origin) so the widget can read them.
    if (err instanceof ApiError) return corsError(c, err, origin, origins);
    throw err;
  }
});

publicRoutes.post("/events", async (c) => {
  noteWrite();
  const origin = callerOrigin(c.req.raw);
  let origins: string[] = [];
  try {
    const input = parseOr400(eventInputSchema, await readJsonBody(c.req.raw));
    origins = await recordEvent(c.env.DB, input, origin, keepAliveOf(c));
    const headers = new Headers();
    grantCors(headers, origin, origins);
    return new Response(null, { status: 204, headers });
  } catch (err) {
    if (err instanceof ApiError) return corsError(c, err, origin, origins);
    throw err;
  }
});

/** Withdrawals are rare: a tighter limit per client than the other public routes. */
publicRoutes.post("/forget", forgetRateLimit, async (c) => {
  const origin = callerOrigin(c.req.raw);
  const input = parseOr400(forgetInputSchema, await readJsonBody(c.req.raw));
  const { deleted, origins } = await forgetRespondent(c.env, input, origin, keepAliveOf(c));
  return corsJson({ deleted }, 200, origin, origins);
});
