/**
 * SQL of responses, answers and shop context. One submission is one D1 batch
 * (one transaction); the triggers of 0001_init.sql keep the daily aggregates in step.
 */
import { SEGMENT_RANGE, type Segment } from "../../../shared/constants";

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
  bodyHash: string;
  respondentHash: string;
  locale: string | null;
  page: string | null;
  device: string;
  context: Record<string, string> | null;
  consentPolicy: string | null;
  consentText: string | null;
  consentAt: string;
  createdAt: string;
  day: string;
  npsMin: number | null;
  /** A detractor (NPS 0-6) or unhappy CSAT (1-2): owners' webhooks get an alert. */
  alert: boolean;
  answers: NewAnswer[];
}

/** Rows per multi-row statement are bounded by bytes of JSON, not by bound parameters (one per statement). */
const MULTI_ROW_JSON_BYTES = 256 * 1024;

/**
 * The statements of one submission (direct ingestion) or many (the queue consumer) in one
 * D1 batch, which is one transaction: one INSERT per table per chunk, each reading its rows from a single JSON parameter through `json_each`, so a
 * batch of 100 submissions is a handful of statements and never nears D1's limit of 100
 * bound parameters per statement. The response insert does nothing for an existing id (statement results list only the new ids), and
 * answers, context and alerts are written only under a response with this exact body hash,
 * doing nothing on conflict; the same submission twice, in one batch or in two, counts once.
 */
export function insertResponsesStatements(db: D1Database, rows: NewResponse[]): D1PreparedStatement[] {
  const chunks: NewResponse[][] = [];
  let current: NewResponse[] = [];
  let bytes = 0;
  for (const r of rows) {
    const size = JSON.stringify(r).length;
    if (current.length > 0 && bytes + size > MULTI_ROW_JSON_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks.flatMap((chunk) => multiRowStatements(db, chunk));
}

function multiRowStatements(db: D1Database, rows: NewResponse[]): D1PreparedStatement[] {
  const responsesJson = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      site: r.siteId,
      survey: r.surveyId,
      hash: r.bodyHash,
      respondent: r.respondentHash,
      locale: r.locale,
      page: r.page,
      device: r.device,
      context: r.context ? JSON.stringify(r.context) : null,
      policy: r.consentPolicy,
      consentAt: r.consentAt,
      createdAt: r.createdAt,
      day: r.day,
      npsMin: r.npsMin,
      text: r.consentText,
    })),
  );
  const answersJson = JSON.stringify(
    rows.flatMap((r) =>
      r.answers.map((a) => ({
        id: r.id,
        q: a.questionId,
        site: r.siteId,
        survey: r.surveyId,
        day: r.day,
        type: a.type,
        score: a.score,
        value: a.value,
        hash: r.bodyHash,
      })),
    ),
  );
  const contextJson = JSON.stringify(
    rows.flatMap((r) =>
      Object.entries(r.context ?? {}).map(([key, value]) => ({
        id: r.id,
        site: r.siteId,
        key,
        value,
        day: r.day,
        hash: r.bodyHash,
      })),
    ),
  );
  const alertsJson = JSON.stringify(
    rows.filter((r) => r.alert).map((r) => ({ id: r.id, site: r.siteId, at: r.createdAt, hash: r.bodyHash })),
  );
  // `WHERE true` lets SQLite parse ON CONFLICT after INSERT … SELECT; `ORDER BY key` keeps the batch's order.
  const stmts = [
    db
      .prepare(
        `INSERT INTO responses (id, site_id, survey_id, body_hash, respondent_hash, locale, page, device, context,
         consent_policy, consent_at, created_at, day, nps_min, consent_text)
       SELECT v->>'id', v->>'site', v->>'survey', v->>'hash', v->>'respondent', v->>'locale', v->>'page', v->>'device',
         v->>'context', v->>'policy', v->>'consentAt', v->>'createdAt', v->>'day', v->>'npsMin', v->>'text'
       FROM (SELECT value AS v, key AS k FROM json_each(?1)) WHERE true ORDER BY k
       ON CONFLICT (id) DO NOTHING RETURNING id AS inserted_id`,
      )
      .bind(responsesJson),
    db
      .prepare(
        `INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value)
       SELECT v->>'id', v->>'q', v->>'site', v->>'survey', v->>'day', v->>'type', v->>'score', v->>'value'
       FROM (SELECT value AS v, key AS k FROM json_each(?1))
       WHERE EXISTS (SELECT 1 FROM responses WHERE id = v->>'id' AND body_hash = v->>'hash') ORDER BY k
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
       FROM (SELECT value AS v, key AS k FROM json_each(?1))
       WHERE EXISTS (SELECT 1 FROM responses WHERE id = v->>'id' AND body_hash = v->>'hash') ORDER BY k
       ON CONFLICT (response_id, key) DO NOTHING`,
        )
        .bind(contextJson),
    );
  }
  if (alertsJson !== "[]") {
    stmts.push(
      db
        .prepare(
          `INSERT INTO alert_deliveries (id, site_id, webhook_id, response_id, status, created_at, updated_at)
       SELECT (v->>'id') || ':' || w.id, v->>'site', w.id, v->>'id', 'pending', v->>'at', v->>'at'
       FROM (SELECT value AS v FROM json_each(?1)) JOIN webhooks w ON w.site_id = v->>'site' AND w.active = 1
       WHERE EXISTS (SELECT 1 FROM responses WHERE id = v->>'id' AND body_hash = v->>'hash')
       ON CONFLICT (id) DO NOTHING`,
        )
        .bind(alertsJson),
    );
  }
  return stmts;
}

/**
 * Writes submissions in one transaction and returns the ids it inserted: an id already stored is
 * left as it was (and its answers too), so the same submission twice is written once.
 */
export async function insertResponses(db: D1Database, rows: NewResponse[]): Promise<Set<string>> {
  const results = await db.batch(insertResponsesStatements(db, rows));
  // Only the responses' insert returns rows (one `inserted_id` per new response).
  return new Set(results.flatMap((r) => (r.results as { inserted_id?: string }[]).map((x) => x.inserted_id ?? "")));
}

/** The site and body hash of stored responses, by id (to tell a retry from a reused id). */
export async function findResponseHashes(db: D1Database, ids: string[]) {
  const rows = await db
    .prepare("SELECT id, site_id, body_hash FROM responses WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(ids))
    .all<{ id: string; site_id: string; body_hash: string }>();
  return new Map(rows.results.map((r) => [r.id, r]));
}

/** Deletes every response of a respondent on a site; triggers remove answers, context and aggregate weight. */
export async function deleteRespondentResponses(
  db: D1Database,
  siteId: string,
  respondentHash: string,
  at: string,
): Promise<number> {
  const [deleted] = await db.batch([
    db
      .prepare("DELETE FROM responses WHERE site_id = ?1 AND respondent_hash = ?2 RETURNING id")
      .bind(siteId, respondentHash),
    db
      .prepare(
        "INSERT INTO consent_withdrawals (site_id, respondent_hash, withdrawn_at, deleted) VALUES (?1, ?2, ?3, changes()) ON CONFLICT DO NOTHING",
      )
      .bind(siteId, respondentHash, at),
  ]);
  return deleted!.results.length;
}

export const deleteResponse = async (db: D1Database, siteId: string, id: string): Promise<number> =>
  (await db.prepare("DELETE FROM responses WHERE site_id = ?1 AND id = ?2 RETURNING id").bind(siteId, id).all()).results
    .length;

export const updateFollowUp = async (
  db: D1Database,
  siteId: string,
  id: string,
  status: string,
  note: string | null,
  at: string,
) =>
  (
    await db
      .prepare(
        "UPDATE responses SET status = ?3, note = COALESCE(?4, note), status_at = ?5 WHERE site_id = ?1 AND id = ?2 RETURNING id",
      )
      .bind(siteId, id, status, note, at)
      .all()
  ).results.length;

export interface ResponseFilter {
  siteId: string;
  survey?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  segment?: Segment | undefined;
  status?: string | undefined;
  context?: { key: string; value: string } | undefined;
  locale?: string | undefined;
  page?: string | undefined;
  q?: string | undefined;
}

export interface ResponseRow {
  id: string;
  survey_id: string;
  locale: string | null;
  page: string | null;
  device: string;
  context: string | null;
  consent_policy: string | null;
  consent_at: string;
  created_at: string;
  status: "new" | "contacted" | "resolved";
  note: string | null;
  nps_min: number | null;
}

export interface AnswerRow {
  response_id: string;
  question_id: string;
  type: string;
  value: string;
}

/** WHERE clause over `responses r` for the owner filters, with numbered parameters. */
export function responseWhere(f: ResponseFilter, params: unknown[]): string {
  const add = (v: unknown) => {
    params.push(v);
    return `?${params.length}`;
  };
  const where = [`r.site_id = ${add(f.siteId)}`];
  if (f.survey) where.push(`r.survey_id = ${add(f.survey)}`);
  if (f.from) where.push(`r.day >= ${add(f.from)}`);
  if (f.to) where.push(`r.day <= ${add(f.to)}`);
  if (f.status) where.push(`r.status = ${add(f.status)}`);
  if (f.locale) where.push(`r.locale = ${add(f.locale)}`);
  if (f.page) where.push(`r.page = ${add(f.page)}`);
  if (f.segment) {
    const [lo, hi] = SEGMENT_RANGE[f.segment];
    where.push(`r.nps_min BETWEEN ${add(lo)} AND ${add(hi)}`);
  }
  if (f.context) {
    where.push(
      `EXISTS (SELECT 1 FROM response_context rc WHERE rc.response_id = r.id AND rc.site_id = r.site_id AND rc.key = ${add(f.context.key)} AND rc.value = ${add(f.context.value)})`,
    );
  }
  if (f.q) {
    where.push(
      `EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.id AND a.type = 'text' AND instr(lower(a.value), lower(${add(f.q)})) > 0)`,
    );
  }
  return where.join(" AND ");
}

/** One page of responses by keyset (created_at, id), newest first unless `ascending`. */
export async function listResponses(
  db: D1Database,
  f: ResponseFilter,
  opts: { limit: number; ascending: boolean; after?: { createdAt: string; id: string } | undefined },
): Promise<ResponseRow[]> {
  const params: unknown[] = [];
  let where = responseWhere(f, params);
  const cmp = opts.ascending ? ">" : "<";
  if (opts.after) {
    params.push(opts.after.createdAt, opts.after.id);
    where += ` AND (r.created_at, r.id) ${cmp} (?${params.length - 1}, ?${params.length})`;
  }
  params.push(opts.limit);
  const dir = opts.ascending ? "ASC" : "DESC";
  const sql = `SELECT r.id, r.survey_id, r.locale, r.page, r.device, r.context, r.consent_policy, r.consent_at,
      r.created_at, r.status, r.note, r.nps_min
    FROM responses r WHERE ${where} ORDER BY r.created_at ${dir}, r.id ${dir} LIMIT ?${params.length}`;
  return (
    await db
      .prepare(sql)
      .bind(...params)
      .all<ResponseRow>()
  ).results;
}

export async function answersOf(db: D1Database, responseIds: string[]): Promise<AnswerRow[]> {
  if (responseIds.length === 0) return [];
  return (
    await db
      .prepare(
        `SELECT response_id, question_id, type, value FROM answers
     WHERE response_id IN (SELECT value FROM json_each(?1)) ORDER BY response_id`,
      )
      .bind(JSON.stringify(responseIds))
      .all<AnswerRow>()
  ).results;
}
