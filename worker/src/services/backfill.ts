/**
 * Responses stored before the `unhappy` flag existed get it from their answers, by the rule of
 * shared/ (never a copy of it in SQL), a bounded chunk per cron run.
 */
import { isUnhappy } from "../../../shared/scoring";
import { setUnhappy, unknownUnhappy } from "../db/responses";
import { withD1Retry } from "../lib/d1-retry";

export const BACKFILL_CHUNK = 500;

/** Fills in up to `chunks` × 500 responses; returns how many. */
export async function backfillUnhappy(db: D1Database, chunks = 10): Promise<number> {
  let done = 0;
  for (let i = 0; i < chunks; i++) {
    const answers = await withD1Retry(() => unknownUnhappy(db, BACKFILL_CHUNK));
    if (answers.length === 0) break;
    const flags = new Map<string, number>();
    for (const a of answers) {
      const unhappy = a.type !== null && isUnhappy(a.type, a.score);
      flags.set(a.id, Math.max(flags.get(a.id) ?? 0, unhappy ? 1 : 0));
    }
    await withD1Retry(() => setUnhappy(db, [...flags]));
    done += flags.size;
  }
  return done;
}
