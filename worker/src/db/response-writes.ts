/**
 * SQL that writes responses: new ones in multi-row statements (one D1 batch, one transaction,
 * whatever the number of submissions), and a later part of a stored one. Every statement reads its
 * rows from a single JSON parameter through `json_each`, far under D1's 100 bound parameters.
 *
 * Idempotency by the client's id: a response insert does nothing for an id already stored, and its
 * answers, context and alert deliveries are written only under the `write_token` this very write
 * set, so nothing is added to a response another request wrote. The triggers of the migrations
 * keep every daily aggregate in step inside the same transaction, and make the webhook events of
 * the write (db/webhook-events.ts). A response is written only while its survey exists and no
 * erasure of its respondent came after its consent (ingest-drops.ts).
 * The alert deliveries come back from the same batch, so queueing them costs no further read.
 */
import { chunksByJsonSize } from "../lib/json-chunks";
import { NOT_FENCED } from "./ingest-drops";
import { deliveriesIn, type PendingDelivery, subscribed, writtenEventsStatement } from "./webhook-events";

export type { PendingDelivery };

/**
 * SQL true when `survey` of `site` takes answers: it exists, and neither it nor its site is marked
 * deleted. A deletion marks first and purges after (services/deletion.ts), table by table; an answer
 * written in between (queued before, or accepted by an isolate that had the site cached) would outlive
 * the purge.
 */
export const liveSurvey = (survey: string, site: string) =>
  `EXISTS (SELECT 1 FROM surveys s JOIN sites t ON t.id = s.site_id
    WHERE s.id = ${survey} AND s.site_id = ${site} AND s.deleted_at IS NULL AND t.deleted_at IS NULL)`;

/**
 * SQL true when the row `v` (site, survey, respondent, context, consentAt) may be written: its survey
 * takes answers and no erasure came after its consent.
 */
const WRITABLE = `${NOT_FENCED}
  AND ${liveSurvey("v->>'survey'", "v->>'site'")}`;

export interface NewAnswer {
  questionId: string;
  type: string;
  score: number | null;
  value: string; // JSON
}

export interface NewResponse {
  id: string;
  siteId: string;
  surveyId: string;
  version: number;
  /** SHA-256 of everything but the answers and `complete`: a later part must carry the same. */
  bodyHash: string;
  respondentHash: string;
  locale: string | null;
  page: string | null;
  device: string;
  channel: string;
  context: Record<string, string> | null;
  consentPolicy: string | null;
  consentText: string | null;
  consentAt: string;
  createdAt: string;
  day: string;
  complete: boolean;
  /** The questions its path showed (the funnel's "reached"). */
  reached: string[];
  npsMin: number | null;
  /** An answer the alerts fire on (shared/scoring.ts isUnhappy). */
  unhappy: boolean;
  /** When its alerts are due: now when complete, else after the customer's silence. */
  alertDueAt: string;
  /** Random per write: what this write inserts is guarded by it. */
  writeToken: string;
  /** The context value this response holds alone (a `onePer` survey's order id); null when any number may answer. */
  claim: string | null;
  answers: NewAnswer[];
}

/** Rows per multi-row statement are bounded by bytes of JSON, not by bound parameters (one per statement). */
const MULTI_ROW_JSON_BYTES = 256 * 1024;

/** Answers, context and alert deliveries of `rows`, each inserted only under its row's write token. */
function childStatements(db: D1Database, rows: NewResponse[], answers: (r: NewResponse) => NewAnswer[]) {
  const guard = "EXISTS (SELECT 1 FROM responses WHERE id = v->>'id' AND write_token = v->>'token')";
  const answersJson = JSON.stringify(
    rows.flatMap((r) =>
      answers(r).map((a) => ({
        id: r.id,
        token: r.writeToken,
        q: a.questionId,
        site: r.siteId,
        survey: r.surveyId,
        day: r.day,
        channel: r.channel,
        type: a.type,
        score: a.score,
        value: a.value,
      })),
    ),
  );
  const contextJson = JSON.stringify(
    rows.flatMap((r) =>
      Object.entries(r.context ?? {}).map(([key, value]) => ({
        id: r.id,
        token: r.writeToken,
        site: r.siteId,
        key,
        value,
        day: r.day,
      })),
    ),
  );
  const alertsJson = JSON.stringify(
    rows
      .filter((r) => r.unhappy)
      .map((r) => ({ id: r.id, token: r.writeToken, site: r.siteId, at: r.createdAt, due: r.alertDueAt })),
  );
  // `ORDER BY k` keeps the batch's order; `WHERE …` before ON CONFLICT lets SQLite parse INSERT … SELECT.
  const stmts = [
    db
      .prepare(
        `INSERT INTO answers (response_id, question_id, site_id, survey_id, day, channel, type, score, value)
         SELECT v->>'id', v->>'q', v->>'site', v->>'survey', v->>'day', v->>'channel', v->>'type', v->>'score',
           v->>'value'
         FROM (SELECT value AS v, key AS k FROM json_each(?1)) WHERE ${guard} ORDER BY k
         ON CONFLICT (response_id, question_id) DO NOTHING`,
      )
      .bind(answersJson),
  ];
  if (contextJson !== "[]") {
    stmts.push(
      db
        .prepare(
          `INSERT INTO response_context (response_id, site_id, key, value, day)
           SELECT v->>'id', v->>'site', v->>'key', v->>'value', v->>'day'
           FROM (SELECT value AS v, key AS k FROM json_each(?1)) WHERE ${guard} ORDER BY k
           ON CONFLICT (response_id, key) DO NOTHING`,
        )
        .bind(contextJson),
    );
  }
  if (alertsJson !== "[]") {
    stmts.push(
      db
        .prepare(
          `INSERT INTO alert_deliveries (id, site_id, webhook_id, response_id, status, created_at, updated_at, due_at)
           SELECT (v->>'id') || ':' || w.id, v->>'site', w.id, v->>'id', 'pending', v->>'at', v->>'at', v->>'due'
           FROM (SELECT value AS v FROM json_each(?1)) JOIN webhooks w ON w.site_id = v->>'site' AND w.active = 1
           WHERE ${guard} AND ${subscribed("w", "response.unhappy")}
           ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at WHERE status = 'pending'
           RETURNING id, due_at`,
        )
        .bind(alertsJson),
    );
  }
  stmts.push(
    writtenEventsStatement(
      db,
      rows.map((r) => ({ id: r.id, token: r.writeToken, at: r.createdAt })),
    ),
  );
  return stmts;
}

/**
 * Claims of one response per context value, written before the responses: a claim already held by
 * another response is left alone (its own response then is not inserted), and a response id already
 * stored claims nothing (a retry or a reused id is settled apart).
 */
function claimInsert(db: D1Database, rows: NewResponse[]) {
  const claims = rows
    .filter((r) => r.claim)
    .map((r) => ({
      id: r.id,
      site: r.siteId,
      survey: r.surveyId,
      claim: r.claim,
      respondent: r.respondentHash,
      context: r.context ? JSON.stringify(r.context) : null,
      consentAt: r.consentAt,
    }));
  if (claims.length === 0) return [];
  return [
    db
      .prepare(
        `INSERT INTO response_claims (site_id, survey_id, claim, response_id)
         SELECT v->>'site', v->>'survey', v->>'claim', v->>'id'
         FROM (SELECT value AS v, key AS k FROM json_each(?1))
         WHERE NOT EXISTS (SELECT 1 FROM responses WHERE id = v->>'id') AND ${WRITABLE} ORDER BY k
         ON CONFLICT DO NOTHING`,
      )
      .bind(JSON.stringify(claims)),
  ];
}

function responseInsert(db: D1Database, rows: NewResponse[]) {
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      site: r.siteId,
      survey: r.surveyId,
      version: r.version,
      hash: r.bodyHash,
      respondent: r.respondentHash,
      locale: r.locale,
      page: r.page,
      device: r.device,
      channel: r.channel,
      context: r.context ? JSON.stringify(r.context) : null,
      policy: r.consentPolicy,
      text: r.consentText,
      consentAt: r.consentAt,
      createdAt: r.createdAt,
      day: r.day,
      complete: r.complete ? 1 : 0,
      reached: JSON.stringify(r.reached),
      npsMin: r.npsMin,
      unhappy: r.unhappy ? 1 : 0,
      token: r.writeToken,
      claim: r.claim ?? null,
    })),
  );
  return db
    .prepare(
      `INSERT INTO responses (id, site_id, survey_id, version, body_hash, respondent_hash, locale, page, device,
         channel, context, consent_policy, consent_text, consent_at, created_at, updated_at, day, complete, reached,
         nps_min, unhappy, write_token)
       SELECT v->>'id', v->>'site', v->>'survey', v->>'version', v->>'hash', v->>'respondent', v->>'locale', v->>'page',
         v->>'device', v->>'channel', v->>'context', v->>'policy', v->>'text', v->>'consentAt', v->>'createdAt',
         v->>'createdAt', v->>'day', v->>'complete', v->>'reached', v->>'npsMin', v->>'unhappy', v->>'token'
       FROM (SELECT value AS v, key AS k FROM json_each(?1))
       WHERE ${WRITABLE} AND (v->>'claim' IS NULL OR EXISTS (SELECT 1 FROM response_claims c
         WHERE c.site_id = v->>'site' AND c.survey_id = v->>'survey' AND c.claim = v->>'claim'
           AND c.response_id = v->>'id'))
       ORDER BY k
       ON CONFLICT (id) DO NOTHING RETURNING id AS inserted_id`,
    )
    .bind(json);
}

/** The statements that write new responses, in multi-row chunks. */
const insertResponsesStatements = (db: D1Database, rows: NewResponse[]): D1PreparedStatement[] =>
  chunksByJsonSize(rows, MULTI_ROW_JSON_BYTES).flatMap((chunk) => [
    ...claimInsert(db, chunk),
    responseInsert(db, chunk),
    ...childStatements(db, chunk, (r) => r.answers),
  ]);

/**
 * Writes new responses in one transaction: the ids it inserted (an id already stored is left as it
 * was, answers too, so the same submission twice is written once) and the alert deliveries it made.
 */
export async function insertResponses(
  db: D1Database,
  rows: NewResponse[],
): Promise<{ inserted: Set<string>; deliveries: PendingDelivery[] }> {
  const results = await db.batch(insertResponsesStatements(db, rows));
  // Only the responses' insert returns `inserted_id` (one per new response; the claims' returns none).
  const inserted = new Set(
    results.flatMap((r) => (r.results as { inserted_id?: string }[]).flatMap((x) => x.inserted_id ?? [])),
  );
  return { inserted, deliveries: deliveriesIn(...results) };
}

/**
 * A later part of a stored response: its new answers, `complete`, the questions reached, and its
 * alerts. Written only if the response is still as it was read (`expected`): else another part
 * came first, nothing is written, and the caller reads again. Returns whether it was written.
 */
export async function continueResponse(
  db: D1Database,
  row: NewResponse,
  expected: { complete: boolean; answers: number; day: string },
  added: NewAnswer[],
): Promise<{ written: boolean; deliveries: PendingDelivery[] }> {
  const stored = { ...row, day: expected.day };
  const results = await db.batch([
    db
      .prepare(
        `UPDATE responses SET complete = ?2, reached = ?3, nps_min = ?4, unhappy = ?5, updated_at = ?6, write_token = ?7
         WHERE id = ?1 AND complete = ?8 AND (SELECT COUNT(*) FROM answers WHERE response_id = ?1) = ?9
         RETURNING id`,
      )
      .bind(
        row.id,
        row.complete ? 1 : 0,
        JSON.stringify(row.reached),
        row.npsMin,
        row.unhappy ? 1 : 0,
        row.createdAt,
        row.writeToken,
        expected.complete ? 1 : 0,
        expected.answers,
      ),
    ...childStatements(db, [stored], () => added),
  ]);
  return { written: results[0]!.results.length === 1, deliveries: deliveriesIn(...results.slice(1)) };
}
