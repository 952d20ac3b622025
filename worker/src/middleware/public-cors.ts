/**
 * CORS of the public routes, granted per site: only an Origin listed by the site gets
 * `Access-Control-Allow-Origin`. Never reflects an arbitrary origin.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { type ApiError, errorResponse } from "../errors";
import { isKnownOrigin } from "../services/public";

/**
 * The page's origin as the site rules see it: none for a page of the collector itself (the hosted
 * survey page and the dashboard, which are ours), so that a survey answered on its hosted page is
 * not refused for an origin the shop never had to list; no CORS is needed there either.
 */
export function callerOrigin(req: Request): string | null {
  const origin = req.headers.get("origin");
  return origin === null || origin === new URL(req.url).origin ? null : origin;
}

const ALLOW_HEADERS = "Content-Type, If-None-Match";

export function grantCors(headers: Headers, origin: string | null, allowed: readonly string[]): void {
  headers.append("Vary", "Origin");
  if (origin && allowed.includes(origin)) {
    headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Access-Control-Expose-Headers", "ETag, Retry-After");
  }
}

/** A JSON answer of a public route, readable by the page only when its origin is one of `allowed`. */
export function corsJson(body: unknown, status: number, origin: string | null, allowed: readonly string[]): Response {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8" });
  grantCors(headers, origin, allowed);
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * The error envelope of a public route, with the CORS grant the widget needs to tell "fix nothing,
 * drop it" (4xx) from "retry" (429/5xx): granted to the site's origins when the site is known, else
 * to an origin that some site allows. A refused origin, or one no site lists, gets no grant.
 */
export async function corsError(
  c: Context<AppEnv>,
  err: ApiError,
  origin: string | null,
  allowed: readonly string[],
): Promise<Response> {
  const headers = new Headers();
  if (err.code !== "origin_not_allowed" && origin) {
    const grant =
      allowed.length > 0 ? allowed : (await isKnownOrigin(c.env.DB, origin).catch(() => false)) ? [origin] : [];
    grantCors(headers, origin, grant);
  }
  return errorResponse(err, headers);
}

/** Preflights carry no site key: grant them to origins that some site allows; the real request checks its own site. */
export async function preflight(c: Context<AppEnv>): Promise<Response> {
  const origin = c.req.header("origin") ?? null;
  const headers = new Headers({ Vary: "Origin" });
  if (origin && (await isKnownOrigin(c.env.DB, origin))) {
    headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    headers.set("Access-Control-Allow-Headers", ALLOW_HEADERS);
    headers.set("Access-Control-Max-Age", "86400");
    return new Response(null, { status: 204, headers });
  }
  return new Response(null, { status: 403, headers });
}
