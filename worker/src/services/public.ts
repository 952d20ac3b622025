/**
 * The public side of a site, as shop pages reach it: its allowed origins (checked the same way on
 * every public route), the config the widget reads, and a customer's withdrawal.
 */

import { nanoid } from "nanoid";
import { byPriority, forLanguage, isOpen } from "../../../shared/targeting";
import { themeColors } from "../../../shared/theme";
import type { ConfigSurvey, ForgetInput, SiteConfig, Survey } from "../../../shared/types";
import { customerLink } from "../../../shared/urls";
import { needsWidgetPlus } from "../../../shared/widget-parts";
import { deleteRespondentResponses } from "../db/responses";
import * as sites from "../db/sites";
import * as surveys from "../db/surveys";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { sha256Hex } from "../lib/crypto";
import { withD1Retry } from "../lib/d1-retry";
import type { KeepAlive } from "../lib/keep-alive";
import { nowIso } from "../lib/time";
import { queueLater } from "./alerts";

/** A browser request from an origin the site does not list is refused; server-to-server calls carry none. */
export function assertOrigin(origins: readonly string[], origin: string | null): void {
  if (origin !== null && !origins.includes(origin)) {
    throw new ApiError("origin_not_allowed", `origin ${origin} is not allowed for this site`);
  }
}

/** The site of a public key, if `origin` may use it. */
async function siteOfKey(db: D1Database, key: string, origin: string | null) {
  const site = await withD1Retry(() => sites.findSiteByKey(db, key));
  if (!site) throw new ApiError("unknown_site", "no such site");
  const origins = sites.originsOf(site);
  assertOrigin(origins, origin);
  return { site, origins };
}

/** Whether any site allows `origin` (CORS preflights carry no site key). */
export const isKnownOrigin = (db: D1Database, origin: string) => withD1Retry(() => sites.isKnownOrigin(db, origin));

/** The respondent token is a secret of the customer's browser; only this hash is kept. */
export const respondentHash = (siteId: string, respondent: string) => sha256Hex(`respondent:${siteId}:${respondent}`);

/** The site's privacy policy as customers' pages get it (config and hosted page). */
export const policyOf = (site: sites.SiteRow): SiteConfig["policy"] => ({
  version: site.policy_version,
  // A link stored before only https was accepted is not served: the widget draws it on shop pages.
  url: customerLink(site.policy_url),
  retentionDays: site.retention_days,
});

/** A survey as the widget draws it: with its colours computed, and whether it needs widget-plus.js. */
export const configSurvey = (s: Survey, plus: boolean): ConfigSurvey => ({
  ...s,
  colors: themeColors(s.theme.accent),
  plus,
});

export interface ConfigAnswer {
  body: string;
  etag: string;
  origins: string[];
}

/**
 * GET /v1/sites/:key/config: the site's policy and fatigue cap, the visitor's language (`locale`,
 * from the candidates the loader sent), and its active surveys that are open now (schedule and
 * quota) and for that language, in the order the widget weighs them, with their colours computed.
 */
export async function siteConfig(
  db: D1Database,
  key: string,
  origin: string | null,
  locale: string,
  now = Date.now(),
): Promise<ConfigAnswer> {
  const { site, origins } = await siteOfKey(db, key, origin);
  const active = (await withD1Retry(() => surveys.listSurveys(db, site.id, true))).map(surveys.toSurvey);
  // Only a quota needs the counts: most sites never pay for the query.
  const completed = active.some((s) => s.schedule?.maxResponses !== undefined)
    ? await withD1Retry(() => surveys.completedBySurvey(db, site.id))
    : new Map<string, number>();
  const config: SiteConfig = {
    site: site.key,
    policy: policyOf(site),
    fatigueDays: site.fatigue_days,
    locale,
    surveys: byPriority(
      active.filter(
        (s) =>
          // A survey of signed links is answered on its hosted page only: a popup could not sign its answers.
          !s.links?.signed && isOpen(s.schedule, now, completed.get(s.id) ?? 0) && forLanguage(s, locale),
      ),
    ).map((s) => configSurvey(s, needsWidgetPlus(s))),
  };
  const body = JSON.stringify(config);
  return { body, etag: `"${(await sha256Hex(body)).slice(0, 32)}"`, origins };
}

/**
 * POST /v1/forget: every response of the respondent on the site goes, with its weight in the
 * aggregates; webhooks that asked for it are told which (response.erased), so copies can go too.
 */
export async function forgetRespondent(env: Env, input: ForgetInput, origin: string | null, keepAlive: KeepAlive) {
  const { site, origins } = await siteOfKey(env.DB, input.site, origin);
  const hash = await respondentHash(site.id, input.respondent);
  const erasure = { id: `erasure:${nanoid()}`, siteId: site.id, at: nowIso(), reason: "withdrawal" as const };
  const { deleted, deliveries } = await withD1Retry(() => deleteRespondentResponses(env.DB, erasure, hash));
  queueLater(env, keepAlive, deliveries);
  return { deleted, origins };
}
