/**
 * Flood protection of the public routes through the Workers rate-limiting binding.
 * The key combines the route with a keyed hash of the client address under a salt that
 * changes every day and is never stored: no IP address is kept or logged.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { hmacSha256, randomToken, toBase64Url } from "../lib/crypto";
import { today } from "../lib/time";

// Made on first use: random values are not allowed in a Worker's global scope.
let isolateSecret: string | undefined;

export const publicRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limiter = c.env.PUBLIC_RATE_LIMITER;
  if (!limiter || c.req.method === "OPTIONS") return next();
  const address = c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "local";
  isolateSecret ??= randomToken(32);
  const salt = `${c.env.RATE_LIMIT_SECRET ?? isolateSecret}:${today()}`;
  const client = toBase64Url(await hmacSha256(salt, address)).slice(0, 22);
  const scope = c.req.path.split("/").slice(0, 4).join("/");
  const { success } = await limiter.limit({ key: `${scope}:${client}` });
  if (!success)
    throw new ApiError("rate_limited", "too many requests; retry later", undefined, { "Retry-After": "60" });
  return next();
};
