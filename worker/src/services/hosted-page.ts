/**
 * GET /s/:siteKey/:surveyId: what the hosted survey page shows. The survey drawn in place by the
 * widget's UI in the visitor's language, with the link's context and prefilled first answer; or, in
 * the same language, why not: an unknown survey, a closed one, a link that is not the shop's or has
 * expired, an order already answered. Decided here so that an old email link gets a clear page.
 */
import { checkAnswerValue } from "../../../shared/answer-rules";
import {
  CONTEXT_KEY_PATTERN,
  LINK_CHANNELS,
  type LinkChannel,
  MAX_CONTEXT_KEYS,
  MAX_CONTEXT_VALUE,
} from "../../../shared/constants";
import { pickLocale } from "../../../shared/locale";
import type { HostedPageData, Question, Survey } from "../../../shared/types";
import * as sites from "../db/sites";
import * as surveys from "../db/surveys";
import { withD1Retry } from "../lib/d1-retry";
import { acceptedLanguages } from "../lib/request-facts";
import { messagePage, surveyPage } from "../views/hosted-html";
import { HOSTED_STRINGS, type PageMessage } from "../views/hosted-strings";
import { isClaimed, linkCheck } from "./links";
import { configSurvey, policyOf } from "./public";
import { withinSchedule } from "./surveys";

interface HostedRequest {
  siteKey: string;
  surveyId: string;
  query: URLSearchParams;
  acceptLanguage: string | null;
  now?: number;
}

interface HostedAnswer {
  status: 200 | 403 | 404 | 409 | 410;
  html: string;
}

/** `ctx.orderId=A-1042` → `{ orderId: "A-1042" }`, within the contract's limits (others are left out). */
export function contextOf(query: URLSearchParams): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [name, value] of query) {
    const key = name.startsWith("ctx.") ? name.slice(4) : "";
    if (CONTEXT_KEY_PATTERN.test(key) && value.length <= MAX_CONTEXT_VALUE && !(key in context)) {
      if (Object.keys(context).length < MAX_CONTEXT_KEYS) context[key] = value;
    }
  }
  return context;
}

/** A number for the scales and thumbs, an option id for a choice, option ids separated by commas for multi. */
const parseValue = (q: Question, raw: string): number | string | string[] =>
  q.type === "multi" ? raw.split(",") : q.type === "choice" || q.type === "text" ? raw : Number(raw);

/**
 * `a.<question>=value` for the survey's first question (one click in an email): kept only if it is a
 * valid answer to it, so the page never starts from an answer the collector would refuse.
 */
function prefillOf(survey: Survey, query: URLSearchParams): HostedPageData["prefill"] {
  const first = survey.questions[0];
  const raw = first && first.type !== "text" ? query.get(`a.${first.id}`) : null;
  if (!first || raw === null || raw === "") return {};
  const value = parseValue(first, raw);
  return checkAnswerValue(first, value) === null ? { [first.id]: value } : {};
}

export async function hostedPage(db: D1Database, r: HostedRequest): Promise<HostedAnswer> {
  const now = r.now ?? Date.now();
  const locale = pickLocale([r.query.get("lang"), ...acceptedLanguages(r.acceptLanguage)]);
  const strings = HOSTED_STRINGS[locale as keyof typeof HOSTED_STRINGS];
  const site = await withD1Retry(() => sites.findSiteByKey(db, r.siteKey));
  const frame = { locale, strings, siteName: site?.name ?? null, policyUrl: site?.policy_url ?? null };
  const say = (status: HostedAnswer["status"], message: PageMessage): HostedAnswer => ({
    status,
    html: messagePage(frame, message),
  });
  if (!site) return say(404, "notFound");
  const row = await withD1Retry(() => surveys.findSurvey(db, site.id, r.surveyId));
  if (!row) return say(404, "notFound");
  const survey = surveys.toSurvey(row);
  if (!survey.active || !(await withinSchedule(db, site.id, survey, now))) return say(410, "closed");

  const context = contextOf(r.query);
  const sig = r.query.get("sig") ?? undefined;
  const check = await linkCheck(db, site, survey, context, sig, now);
  if (check !== "valid") return say(403, check);
  const onePer = survey.links?.onePer;
  if (onePer) {
    const value = context[onePer];
    if (!value) return say(403, "invalid");
    if (await isClaimed(db, site.id, survey.id, value)) return say(409, "answered");
  }
  const channel = r.query.get("channel") as LinkChannel;
  const data: HostedPageData = {
    site: site.key,
    policy: policyOf(site),
    // Drawn in place, which widget-plus.js styles: always fetched here.
    survey: configSurvey(survey, true),
    locale,
    channel: LINK_CHANNELS.includes(channel) ? channel : "link",
    context,
    prefill: prefillOf(survey, r.query),
    ...(sig && survey.links?.signed ? { sig } : {}),
  };
  return { status: 200, html: surveyPage(frame, data) };
}
