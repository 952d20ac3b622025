/**
 * A submission of POST /v1/responses checked against the contract and the survey's definition,
 * and turned into the row that the write path stores (directly, or through the ingest queue).
 */

import { validateAnswers } from "../../../shared/answer-rules";
import { SCORE_RANGE } from "../../../shared/constants";
import { reachedQuestions } from "../../../shared/logic";
import { responseInputSchema } from "../../../shared/schemas";
import { isUnhappy } from "../../../shared/scoring";
import type { ResponseInput, Survey } from "../../../shared/types";
import type { NewResponse } from "../db/response-writes";
import { responseExists } from "../db/responses";
import { ApiError, invalid } from "../errors";
import { randomToken, sha256Hex } from "../lib/crypto";
import { withD1Retry } from "../lib/d1-retry";
import type { KeepAlive } from "../lib/keep-alive";
import { parseOr400 } from "../lib/parse";
import { deviceClass, pageWithoutQuery } from "../lib/request-facts";
import { dayOf, nowIso } from "../lib/time";
import { ALERT_SILENCE_MS } from "./alerts";
import { linkRules } from "./links";
import { assertOrigin, respondentHash } from "./public";
import { siteAndSurvey } from "./site-cache";
import { withinSchedule } from "./surveys";

/** A submission that passed every check, and the origins of its site (for the CORS grant). */
export interface Accepted {
  row: NewResponse;
  origins: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Consent is checked before anything else is looked at: without it we do not even validate. */
function assertConsent(body: unknown): void {
  if (!isObject(body)) return; // the schema reports the shape
  const consent = body.consent;
  if (isObject(consent) && consent.granted === true) return;
  if (consent === undefined || isObject(consent)) {
    throw new ApiError(
      "consent_required",
      "consent.granted must be true: nothing is stored without the customer's consent",
    );
  }
}

/**
 * A stable text of everything a submission says but its answers and `complete`: every part of one
 * response carries the same (the answers may grow from part to part, nothing else may change).
 */
function canonicalMeta(input: ResponseInput, version: number): string {
  const sorted = (o: Record<string, string> | undefined) =>
    o ? Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
  return JSON.stringify([
    input.id,
    input.site,
    input.survey,
    version,
    input.respondent,
    input.consent.policy ?? null,
    input.consent.text ?? null,
    input.locale ?? null,
    input.page ?? null,
    sorted(input.context),
    input.channel ?? "widget",
  ]);
}

/**
 * A survey past its end date or quota (or before its start) takes no new response: 410. A later
 * part of a response stored while it was open still completes it.
 */
async function assertOpen(db: D1Database, siteId: string, survey: Survey, id: string, now: number) {
  if (await withinSchedule(db, siteId, survey, now)) return;
  if (await withD1Retry(() => responseExists(db, siteId, id))) return;
  throw new ApiError("survey_closed", `survey "${survey.id}" is closed: it takes no new responses`);
}

/** Checks a raw body from `origin` and builds its row; throws the contract's error otherwise. */
export async function acceptSubmission(
  db: D1Database,
  raw: unknown,
  request: { headers: Headers; origin: string | null; now?: number; keepAlive?: KeepAlive },
): Promise<Accepted> {
  assertConsent(raw);
  const input = parseOr400(responseInputSchema, raw);
  const found = await withD1Retry(() =>
    siteAndSurvey(db, input.site, input.survey, { version: input.version, keepAlive: request.keepAlive }),
  );
  if (!found) throw new ApiError("unknown_site", `no site with key "${input.site}"`);
  assertOrigin(found.site.origins, request.origin);
  const { site, survey } = found;
  if (!survey) throw new ApiError("unknown_survey", `no survey "${input.survey}" on this site`);
  if (!found.versionFound) {
    throw invalid([{ path: "version", message: `survey "${survey.id}" has no version ${input.version}` }]);
  }
  const now = request.now ?? Date.now();
  await assertOpen(db, site.id, found.current!, input.id, now);
  const complete = input.complete !== false;
  const issues = validateAnswers(survey.questions, input.answers, { complete });
  const page = pageWithoutQuery(input.page);
  if (page === null) issues.push({ path: "page", message: "page must be an http(s) URL" });
  if (issues.length > 0) throw invalid(issues);
  const claim = await linkRules(db, site, survey, input, now);

  const types = new Map(survey.questions.map((q) => [q.id, q.type]));
  const createdAt = nowIso(now);
  const answers = input.answers.map((a) => {
    const type = types.get(a.question)!;
    const score = type in SCORE_RANGE ? (a.value as number) : null;
    return { questionId: a.question, type, score, value: JSON.stringify(a.value) };
  });
  const npsScores = answers.filter((a) => a.type === "nps").map((a) => a.score!);
  const given = Object.fromEntries(input.answers.map((a) => [a.question, a.value]));
  return {
    origins: site.origins,
    row: {
      id: input.id,
      siteId: site.id,
      surveyId: survey.id,
      version: survey.version,
      bodyHash: await sha256Hex(canonicalMeta(input, survey.version)),
      respondentHash: await respondentHash(site.id, input.respondent),
      locale: input.locale ?? null,
      page: page ?? null,
      device: deviceClass(request.headers),
      channel: input.channel ?? "widget",
      context: input.context && Object.keys(input.context).length > 0 ? input.context : null,
      consentPolicy: input.consent.policy ?? null,
      consentText: input.consent.text ?? null,
      consentAt: createdAt,
      createdAt,
      day: dayOf(createdAt),
      complete,
      reached: reachedQuestions(survey.questions, given, complete),
      npsMin: npsScores.length > 0 ? Math.min(...npsScores) : null,
      unhappy: answers.some((a) => isUnhappy(a.type, a.score)),
      alertDueAt: nowIso(complete ? now : now + ALERT_SILENCE_MS),
      writeToken: randomToken(16),
      claim,
      answers,
    },
  };
}
