/** Paces each caller's owner reads to their share of the time (services/read-share.ts); writes pass. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { chargeRead, waitBeforeRead } from "../services/read-share";

export const shareOwnerReads: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== "GET") return next();
  // A token's script is paced apart from its owner's dashboard.
  const who = c.get("caller");
  const caller = who?.token ? `token:${who.token.id}` : (who?.ownerId ?? "");
  const wait = waitBeforeRead(caller);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  // From the request's arrival: its sign-in check waited for D1 too; the pause just taken is not charged.
  const started = (c.get("startedAt") ?? Date.now()) + wait;
  try {
    await next();
  } finally {
    chargeRead(caller, Date.now() - started);
  }
};
