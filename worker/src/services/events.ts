/**
 * POST /v1/events: a survey shown, declined or dismissed, counted per survey and day and nothing
 * else. The request carries no id or token and the widget reads no storage to send it; no address
 * is kept: an anonymous counter (PRIVACY.md says why it needs no consent).
 */
import type { EventInput } from "../../../shared/types";
import { countEvent } from "../db/events";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import type { KeepAlive } from "../lib/keep-alive";
import { today } from "../lib/time";
import { assertOrigin } from "./public";
import { siteAndSurvey } from "./site-cache";

export async function recordEvent(
  db: D1Database,
  input: EventInput,
  origin: string | null,
  keepAlive?: KeepAlive,
): Promise<string[]> {
  const found = await withD1Retry(() => siteAndSurvey(db, input.site, input.survey, { keepAlive }));
  if (!found) throw new ApiError("unknown_site", `no site with key "${input.site}"`);
  assertOrigin(found.site.origins, origin);
  if (!found.survey) throw new ApiError("unknown_survey", `no survey "${input.survey}" on this site`);
  await withD1Retry(() =>
    countEvent(db, {
      siteId: found.site.id,
      surveyId: input.survey,
      day: today(),
      channel: input.channel ?? "widget",
      event: input.event,
    }),
  );
  return found.site.origins;
}
