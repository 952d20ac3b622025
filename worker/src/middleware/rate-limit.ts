/**
 * Flood protection through the Workers rate-limiting bindings: the public routes (/v1) and the
 * sign-in routes (/api/auth: password spraying, mass sign-ups). The key combines the route with a
 * keyed hash of the client address (lib/client-key.ts): no IP address is kept or logged.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Env } from "../env";
import { ApiError } from "../errors";
import { clientKey } from "../lib/client-key";

type LimiterName = "PUBLIC_RATE_LIMITER" | "AUTH_RATE_LIMITER";

const limitBy =
  (binding: LimiterName): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const limiter = (c.env as Env)[binding];
    if (!limiter || c.req.method === "OPTIONS") return next();
    const client = await clientKey(c.env, c.req.raw.headers);
    const scope = c.req.path.split("/").slice(0, 4).join("/");
    const { success } = await limiter.limit({ key: `${scope}:${client}` });
    if (!success)
      throw new ApiError("rate_limited", "too many requests; retry later", undefined, { "Retry-After": "60" });
    return next();
  };

export const publicRateLimit = limitBy("PUBLIC_RATE_LIMITER");
export const authRateLimit = limitBy("AUTH_RATE_LIMITER");
