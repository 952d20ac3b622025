/** What the owners see of ingestion: answers accepted and then not written, per day (ingest.ts records them). */
import type { IngestionHealth } from "../../../shared/types";
import { dropsPerDay } from "../db/ingest-drops";
import { withD1Retry } from "../lib/d1-retry";
import type { D1Queries } from "../lib/d1-session";
import { resolveRange } from "./summary";

export async function ingestionHealth(
  db: D1Queries,
  siteId: string,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<IngestionHealth> {
  const range = resolveRange(q.from, q.to);
  const rows = await withD1Retry(() => dropsPerDay(db, siteId, range));
  const days = new Map<string, IngestionHealth["days"][number]>();
  const dropped = { idReused: 0, withdrawn: 0, erased: 0 };
  for (const r of rows) {
    const day = days.get(r.day) ?? { day: r.day, idReused: 0, withdrawn: 0, erased: 0 };
    days.set(r.day, day);
    const field = r.reason === "id_reused" ? "idReused" : r.reason;
    day[field] += Number(r.count);
    dropped[field] += Number(r.count);
  }
  return { site: siteId, ...range, dropped, days: [...days.values()] };
}
