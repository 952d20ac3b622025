/**
 * A per-client key without keeping the client's address: an HMAC of the address under a salt made
 * of RATE_LIMIT_SECRET and the day, so keys change daily and cannot be turned back into addresses.
 * Without the secret (`npm run deploy` sets one) each isolate makes its own, and limits then count
 * per isolate: production logs a warning once per isolate.
 */
import type { Env } from "../env";
import { hmacSha256, randomToken, toBase64Url } from "./crypto";
import { today } from "./time";

// Made on first use: random values are not allowed in a Worker's global scope.
let isolateSecret: string | undefined;
let warned = false;

export async function clientKey(env: Pick<Env, "RATE_LIMIT_SECRET" | "ENVIRONMENT">, headers: Headers) {
  if (!env.RATE_LIMIT_SECRET && env.ENVIRONMENT === "production" && !warned) {
    warned = true;
    console.warn(
      JSON.stringify({
        event: "rate_limit_secret_missing",
        message: "RATE_LIMIT_SECRET is not set: rate limits count per isolate (npm run deploy sets it)",
      }),
    );
  }
  const address = headers.get("cf-connecting-ip") ?? headers.get("x-real-ip") ?? "local";
  isolateSecret ??= randomToken(32);
  const salt = `${env.RATE_LIMIT_SECRET ?? isolateSecret}:${today()}`;
  return toBase64Url(await hmacSha256(salt, address)).slice(0, 22);
}
