/**
 * Owner reads through D1's Sessions API: where the database has read replicas, a dashboard view that
 * scans (a filtered summary, an export) runs on a replica, and submissions on the primary never queue
 * behind it. Replicas may lag by a few seconds; an owner's own writes on results (follow-up, deletion)
 * leave the session's bookmark in a cookie, and the reads that follow start from it (read your
 * writes). Without replicas (or locally) every query goes to the primary, as before.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";

/** What the SQL modules need of a database: a D1Database or one of its sessions. */
export type D1Queries = Pick<D1Database, "prepare" | "batch">;

const BOOKMARK_COOKIE = "d1_bookmark";
/** Longer than any replica lag: after it, reads start unconstrained again. */
const BOOKMARK_MAX_AGE_S = 120;

const hasSessions = (db: D1Database) => typeof (db as Partial<D1Database>).withSession === "function";

/** A session for owner reads: from the owner's last write, else from any up-to-date-enough copy. */
export function ownerReads(c: Context<AppEnv>): D1Queries {
  const db = c.env.DB;
  if (!hasSessions(db)) return db;
  const bookmark = getCookie(c, BOOKMARK_COOKIE);
  return db.withSession(bookmark && /^[\w.-]{1,200}$/.test(bookmark) ? bookmark : "first-unconstrained");
}

/**
 * Runs an owner's write on the primary, then hands its bookmark to the browser so the next reads see
 * it even on a replica.
 */
export async function ownerWrite<T>(c: Context<AppEnv>, write: (db: D1Queries) => Promise<T>): Promise<T> {
  const db = c.env.DB;
  if (!hasSessions(db)) return write(db);
  const session = db.withSession("first-primary");
  const result = await write(session);
  const bookmark = session.getBookmark();
  if (bookmark) {
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      httpOnly: true,
      secure: new URL(c.req.url).protocol === "https:",
      sameSite: "Strict",
      path: "/api/sites",
      maxAge: BOOKMARK_MAX_AGE_S,
    });
  }
  return result;
}
