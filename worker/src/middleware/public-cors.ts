/**
 * CORS of the public routes, granted per site: only an Origin listed by the site gets
 * `Access-Control-Allow-Origin`. Never reflects an arbitrary origin.
 */
import type { Context } from "hono";
import { isKnownOrigin } from "../db/sites";
import type { AppEnv } from "../env";

const ALLOW_HEADERS = "Content-Type, If-None-Match";

export function grantCors(headers: Headers, origin: string | null, allowed: readonly string[]): void {
  headers.append("Vary", "Origin");
  if (origin && allowed.includes(origin)) {
    headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Access-Control-Expose-Headers", "ETag, Retry-After");
  }
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
