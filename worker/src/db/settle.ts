/**
 * Reads that settle submissions whose insert did nothing: the stored response of each id (a retry,
 * a later or earlier part, or a reused id), and for ids not stored, why not (an erasure fence of the
 * respondent or of a context value, the survey or its site deleted, or its one response per order held
 * by another).
 * One D1 batch, whatever the number.
 */
import { contextSubject, respondentSubject } from "./ingest-drops";
import { liveSurvey, type NewResponse } from "./response-writes";

export interface StoredResponse {
  id: string;
  site_id: string;
  body_hash: string;
  complete: number;
  day: string;
  /** When its last part was accepted: a part accepted before it and delivered after it is stale. */
  updated_at: string | null;
  answers: { question: string; value: string }[];
}

export interface SettleFacts {
  stored: Map<string, StoredResponse>;
  /** Latest erasure time by site and fence subject (`${site}\n${subject}`). */
  fences: Map<string, string>;
  /** Surveys (`${site}\n${survey}`) that take answers: neither they nor their site marked deleted. */
  surveys: Set<string>;
  /** The response holding each claim the rows make (`${site}\n${survey}\n${claim}`). */
  claims: Map<string, string>;
}

/** The fence subjects a row falls under: its respondent, and each of its context values. */
export const subjectsOf = (r: NewResponse) => [
  respondentSubject(r.respondentHash),
  ...Object.entries(r.context ?? {}).map(([key, value]) => contextSubject(key, value)),
];
export const fenceKey = (siteId: string, subject: string) => `${siteId}\n${subject}`;
export const surveyKey = (siteId: string, surveyId: string) => `${siteId}\n${surveyId}`;
export const claimKey = (siteId: string, surveyId: string, claim: string) => `${siteId}\n${surveyId}\n${claim}`;

export async function settleFacts(db: D1Database, rows: NewResponse[]): Promise<SettleFacts> {
  const ids = JSON.stringify([...new Set(rows.map((r) => r.id))]);
  const subjects = JSON.stringify(rows.flatMap((r) => subjectsOf(r).map((subject) => ({ site: r.siteId, subject }))));
  const surveys = JSON.stringify(rows.map((r) => ({ site: r.siteId, survey: r.surveyId })));
  const claims = JSON.stringify(
    rows.filter((r) => r.claim !== null).map((r) => ({ site: r.siteId, survey: r.surveyId, claim: r.claim })),
  );
  const [responses, answers, fences, existing, holders] = await db.batch([
    db
      .prepare(
        `SELECT id, site_id, body_hash, complete, day, updated_at FROM responses
         WHERE id IN (SELECT value FROM json_each(?1))`,
      )
      .bind(ids),
    db
      .prepare(
        `SELECT response_id, question_id, value FROM answers
         WHERE response_id IN (SELECT value FROM json_each(?1)) ORDER BY response_id, question_id`,
      )
      .bind(ids),
    db
      .prepare(
        `SELECT f.site_id, f.subject, f.erased_at FROM erasure_fences f
         JOIN (SELECT DISTINCT value->>'site' AS site, value->>'subject' AS subject FROM json_each(?1)) w
           ON f.site_id = w.site AND f.subject = w.subject`,
      )
      .bind(subjects),
    db
      .prepare(
        `SELECT w.site AS site_id, w.survey AS id
         FROM (SELECT DISTINCT value->>'site' AS site, value->>'survey' AS survey FROM json_each(?1)) w
         WHERE ${liveSurvey("w.survey", "w.site")}`,
      )
      .bind(surveys),
    db
      .prepare(
        `SELECT c.site_id, c.survey_id, c.claim, c.response_id FROM response_claims c
         JOIN (SELECT DISTINCT value->>'site' AS site, value->>'survey' AS survey, value->>'claim' AS claim
               FROM json_each(?1)) w
           ON c.site_id = w.site AND c.survey_id = w.survey AND c.claim = w.claim`,
      )
      .bind(claims),
  ]);
  const stored = new Map<string, StoredResponse>();
  for (const r of responses!.results as Omit<StoredResponse, "answers">[]) stored.set(r.id, { ...r, answers: [] });
  for (const a of answers!.results as { response_id: string; question_id: string; value: string }[]) {
    stored.get(a.response_id)?.answers.push({ question: a.question_id, value: a.value });
  }
  return {
    stored,
    fences: new Map(
      (fences!.results as { site_id: string; subject: string; erased_at: string }[]).map((f) => [
        fenceKey(f.site_id, f.subject),
        f.erased_at,
      ]),
    ),
    surveys: new Set((existing!.results as { site_id: string; id: string }[]).map((s) => surveyKey(s.site_id, s.id))),
    claims: new Map(
      (holders!.results as { site_id: string; survey_id: string; claim: string; response_id: string }[]).map((c) => [
        claimKey(c.site_id, c.survey_id, c.claim),
        c.response_id,
      ]),
    ),
  };
}
