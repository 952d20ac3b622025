/**
 * Owner routes: the caller from the session cookie or `Authorization: Bearer`, and CSRF
 * protection. Hono's csrf() guards form content types only, so every cookie-authenticated
 * unsafe request must come from the collector's own origin (Origin / Sec-Fetch-Site).
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { type Caller, callerFromBearer, callerFromSession, SESSION_COOKIE } from "../services/auth";
import { requireSite } from "../services/sites";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(req: Request): void {
  if (SAFE.has(req.method)) return;
  const own = new URL(req.url).origin;
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (origin !== null ? origin === own : site === null || site === "same-origin") return;
  throw new ApiError("forbidden", "cross-site request refused (CSRF protection)");
}

export const requireOwner: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) {
    const caller = await callerFromBearer(c.env.DB, auth.slice(7).trim());
    if (!caller) throw new ApiError("unauthorized", "invalid or revoked API token");
    c.set("ownerId", caller.ownerId);
    c.set("authVia", "token");
    if (caller.tokenSiteId) c.set("tokenSiteId", caller.tokenSiteId);
    return next();
  }
  const token = getCookie(c, SESSION_COOKIE);
  const caller = token ? await callerFromSession(c.env.DB, token) : null;
  if (!caller) throw new ApiError("unauthorized", "sign in first");
  assertSameOrigin(c.req.raw);
  c.set("ownerId", caller.ownerId);
  c.set("authVia", "session");
  return next();
};

/** The caller that `requireOwner` found. */
export const callerOf = (c: Context<AppEnv>): Caller => ({
  ownerId: c.get("ownerId")!,
  via: c.get("authVia")!,
  ...(c.get("tokenSiteId") ? { tokenSiteId: c.get("tokenSiteId")! } : {}),
});

/** The site of the route's `:siteId`, if the caller may act on it (404 unknown, 403 someone else's). */
export const ownedSite = (c: Context<AppEnv>) => requireSite(c.env.DB, callerOf(c), c.req.param("siteId")!);
