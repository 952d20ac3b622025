/**
 * Security headers on every answer. Not Hono's secureHeaders(): its default
 * Cross-Origin-Resource-Policy: same-origin would stop shops from loading widget.js.
 */
import type { MiddlewareHandler } from "hono";
import { isLocalHost } from "../../../shared/urls";
import type { AppEnv } from "../env";

export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The hosted survey page (/s/…): its own files only, no inline script or style, and answers sent to
 * this collector. Not framed by other sites (clickjacking a consent button).
 */
const HOSTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Paths fetched cross-origin by shop pages: the widget's files and the public API. */
export const isPublicPath = (path: string) => path.startsWith("/v1/") || /^\/widget[\w.-]*\.(js|css|json)$/.test(path);

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const url = new URL(c.req.url);
  const h = c.res.headers;
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  if (!isLocalHost(url)) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (isPublicPath(url.pathname)) {
    h.set("Cross-Origin-Resource-Policy", "cross-origin");
  } else {
    const hosted = url.pathname.startsWith("/s/");
    h.set("Content-Security-Policy", hosted ? HOSTED_CSP : DASHBOARD_CSP);
    // The page's address carries a signature and an order: not even the collector's own files are told it.
    if (hosted) h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  }
};
