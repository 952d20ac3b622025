/**
 * Owner routes: the caller from the session cookie or `Authorization: Bearer`, CSRF protection, and
 * the role check of every site route. Hono's csrf() guards form content types only, so every
 * cookie-authenticated unsafe request must come from the collector's own origin (Origin / Sec-Fetch-Site).
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Role } from "../../../shared/constants";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { requireSiteRole, type SiteAccess } from "../services/access";
import { type Caller, callerFromBearer, callerFromSession, SESSION_COOKIE } from "../services/auth";

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
  // Several route groups share /api/sites: the caller is found once per request.
  if (c.get("caller")) return next();
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) {
    const caller = await callerFromBearer(c.env.DB, auth.slice(7).trim());
    if (!caller) throw new ApiError("unauthorized", "invalid or revoked API token");
    c.set("caller", caller);
    return next();
  }
  const token = getCookie(c, SESSION_COOKIE);
  const caller = token ? await callerFromSession(c.env.DB, token) : null;
  if (!caller) throw new ApiError("unauthorized", "sign in first");
  assertSameOrigin(c.req.raw);
  c.set("caller", caller);
  return next();
};

/** The caller that `requireOwner` found. */
export const callerOf = (c: Context<AppEnv>): Caller => c.get("caller")!;

/**
 * The site of the route's `:siteId`, if the caller may act on it with at least `role`
 * (404 unknown or deleted, 403 not a member or a role too weak). Every site route calls it first:
 * `const site = await siteAccess(c, "editor");`
 */
export const siteAccess = (c: Context<AppEnv>, role: Role): Promise<SiteAccess> =>
  requireSiteRole(c.env.DB, callerOf(c), c.req.param("siteId")!, role);
