/**
 * Ingestion of one submission (POST /v1/responses): validation against the contract and
 * the survey's definition, then one atomic, idempotent write keyed by the client's id.
 */

import { SCORE_RANGE, type ScoredType } from "../../../shared/constants";
import { responseInputSchema } from "../../../shared/schemas";
import type { ResponseInput } from "../../../shared/types";
import { validateAnswers } from "../../../shared/validate";
import * as responses from "../db/responses";
import { ApiError, invalid } from "../errors";
import { sha256Hex } from "../lib/crypto";
import { withD1Retry } from "../lib/d1-retry";
import { deviceClass, pageWithoutQuery } from "../lib/request-facts";
import { dayOf, nowIso } from "../lib/time";
import { parseOr400 } from "../lib/validate";
import { siteAndSurvey } from "./site-cache";

export type IngestOutcome = { status: 201; id: string } | { status: 200; id: string; duplicate: true };

/** A submission that passed every check, ready to be written (directly or through the queue). */
export interface AcceptedSubmission {
  row: responses.NewResponse;
  siteOrigins: string[];
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

/** A stable text of the body, so that a retry of the same submission hashes the same. */
function canonicalBody(input: ResponseInput): string {
  const sorted = (o: Record<string, string> | undefined) =>
    o ? Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
  return JSON.stringify([
    input.id,
    input.site,
    input.survey,
    input.respondent,
    input.consent.policy ?? null,
    input.consent.text ?? null,
    input.locale ?? null,
    input.page ?? null,
    sorted(input.context),
    input.answers.map((a) => [a.question, a.value]),
  ]);
}

export async function checkSubmission(
  db: D1Database,
  raw: unknown,
  request: { headers: Headers; origin: string | null; now?: number },
): Promise<AcceptedSubmission> {
  assertConsent(raw);
  const input = parseOr400(responseInputSchema, raw);
  const found = await withD1Retry(() => siteAndSurvey(db, input.site, input.survey));
  if (!found) throw new ApiError("unknown_site", `no site with key "${input.site}"`);
  const siteOrigins = found.site.origins;
  if (request.origin !== null && !siteOrigins.includes(request.origin)) {
    throw new ApiError("origin_not_allowed", `origin ${request.origin} is not allowed for this site`);
  }
  const survey = found.survey;
  if (!survey) throw new ApiError("unknown_survey", `no survey "${input.survey}" on this site`);
  const site = found.site;
  const issues = validateAnswers(survey.questions, input.answers);
  const page = pageWithoutQuery(input.page);
  if (page === null) issues.push({ path: "page", message: "page must be an http(s) URL" });
  if (issues.length > 0) throw invalid(issues);

  const types = new Map(survey.questions.map((q) => [q.id, q.type]));
  const createdAt = nowIso(request.now);
  const answers = input.answers.map((a) => {
    const type = types.get(a.question)!;
    return {
      questionId: a.question,
      type,
      score: type in SCORE_RANGE ? (a.value as number) : null,
      value: JSON.stringify(a.value),
    };
  });
  const npsScores = answers.filter((a) => a.type === "nps").map((a) => a.score!);
  return {
    siteOrigins,
    row: {
      id: input.id,
      siteId: site.id,
      surveyId: survey.id,
      bodyHash: await sha256Hex(canonicalBody(input)),
      respondentHash: await respondentHash(site.id, input.respondent),
      locale: input.locale ?? null,
      page: page ?? null,
      device: deviceClass(request.headers),
      context: input.context && Object.keys(input.context).length > 0 ? input.context : null,
      consentPolicy: input.consent.policy ?? null,
      consentText: input.consent.text ?? null,
      consentAt: createdAt,
      createdAt,
      day: dayOf(createdAt),
      npsMin: npsScores.length > 0 ? Math.min(...npsScores) : null,
      alert: answers.some((a) => (a.type === "nps" && a.score! <= 6) || (a.type === "csat" && a.score! <= 2)),
      answers,
    },
  };
}

/** The respondent token is a secret of the customer's browser; only this hash is kept. */
export const respondentHash = (siteId: string, respondent: string) => sha256Hex(`respondent:${siteId}:${respondent}`);

/** Writes one accepted submission atomically and tells new from duplicate from reused id. */
export async function storeSubmission(db: D1Database, row: responses.NewResponse): Promise<IngestOutcome> {
  const results = await withD1Retry(() => db.batch(responses.insertResponsesStatements(db, [row])));
  if (results[0]!.results.length === 1) return { status: 201, id: row.id };
  return classifyExisting(db, row);
}

async function classifyExisting(db: D1Database, row: responses.NewResponse): Promise<IngestOutcome> {
  const existing = await withD1Retry(() => responses.findResponseHash(db, row.id));
  if (existing && existing.site_id === row.siteId && existing.body_hash === row.bodyHash) {
    return { status: 200, id: row.id, duplicate: true };
  }
  throw new ApiError("id_reused", `response id "${row.id}" was already used for a different submission`);
}

export type { ScoredType };
