/**
 * POST /v1/events: a survey shown, declined or dismissed, counted per survey and day and nothing
 * else. The request carries no id or token and the widget reads no storage to send it; no address
 * is kept: an anonymous counter (PRIVACY.md says why it needs no consent).
 */
import type { EventInput } from "../../../shared/types";
import { countEvents, type EventCount } from "../db/events";
import { ApiError } from "../errors";
import { allOk, coalescer, perKey } from "../lib/coalescer";
import { isBeforeCommitD1Error, withD1Retry } from "../lib/d1-retry";
import type { KeepAlive } from "../lib/keep-alive";
import { today } from "../lib/time";
import { assertOrigin } from "./public";
import { siteAndSurvey } from "./site-cache";

/** The same counters added up: one upsert per counter for a whole batch of events. */
function addedUp(events: EventCount[]): EventCount[] {
  const byCounter = new Map<string, EventCount>();
  for (const e of events) {
    const key = JSON.stringify([e.siteId, e.surveyId, e.day, e.channel, e.event]);
    const seen = byCounter.get(key);
    if (seen) seen.n += e.n;
    else byCounter.set(key, { ...e });
  }
  return [...byCounter.values()];
}

/**
 * The events of an isolate's concurrent requests are counted together, one D1 round trip per batch
 * (lib/coalescer.ts); each request answers 204 once the batch holding its event is written.
 */
const counterOf = perKey((db: D1Database) =>
  coalescer<EventCount, void>(
    async (events) => {
      // Counters have no id to settle a write applied twice: only failures before any commit are retried.
      await withD1Retry(() => countEvents(db, addedUp(events)), { retryable: isBeforeCommitD1Error });
      return allOk(events.length, undefined);
    },
    { maxItems: 100 },
  ),
);

export async function recordEvent(
  db: D1Database,
  input: EventInput,
  origin: string | null,
  keepAlive: KeepAlive,
): Promise<string[]> {
  const found = await withD1Retry(() => siteAndSurvey(db, input.site, input.survey, { keepAlive }));
  if (!found) throw new ApiError("unknown_site", `no site with key "${input.site}"`);
  assertOrigin(found.site.origins, origin);
  if (!found.survey) throw new ApiError("unknown_survey", `no survey "${input.survey}" on this site`);
  const event = { siteId: found.site.id, surveyId: input.survey, day: today(), channel: input.channel ?? "widget" };
  await counterOf(db).run({ ...event, event: input.event, n: 1 }, keepAlive);
  return found.site.origins;
}
