/**
 * SQL that reads and deletes responses, answers and shop context (the writes are in
 * response-writes.ts); the triggers of the migrations keep the daily aggregates in step.
 */
import { SEGMENT_RANGE, type Segment } from "../../../shared/constants";
import type { D1Queries } from "../lib/d1-session";
import { costOf, type ReadCost } from "./cost";
import { fenceStatement, respondentSubject } from "./ingest-drops";
import {
  deliveriesIn,
  type ErasureEvent,
  erasedEventStatement,
  followUpEventStatement,
  type PendingDelivery,
} from "./webhook-events";

/**
 * Deletes every response of a respondent on a site; triggers remove answers, context and aggregate
 * weight. The erasure's fence is set first, in the same transaction: an answer of theirs accepted
 * before now and written later (waiting in the ingest queue) is never written. A withdrawal that
 * erased something is recorded with the consent records; one that found nothing (a repeat, or a
 * made-up token) is only counted for its day. Webhooks that asked for it get a response.erased
 * listing the ids, in the same transaction.
 */
export async function deleteRespondentResponses(
  db: D1Database,
  erasure: ErasureEvent,
  respondentHash: string,
): Promise<{ deleted: number; deliveries: PendingDelivery[] }> {
  const { siteId, at } = erasure;
  const ids = "SELECT id FROM responses WHERE site_id = ?2 AND respondent_hash = ?5";
  const [, events, deleted] = await db.batch([
    fenceStatement(db, siteId, respondentSubject(respondentHash), at),
    erasedEventStatement(db, erasure, ids, [respondentHash]),
    db
      .prepare("DELETE FROM responses WHERE site_id = ?1 AND respondent_hash = ?2 RETURNING id")
      .bind(siteId, respondentHash),
    // changes(): the rows the DELETE took, then whether this insert wrote the record.
    db
      .prepare(
        `INSERT INTO consent_withdrawals (site_id, respondent_hash, withdrawn_at, deleted)
         SELECT ?1, ?2, ?3, changes() WHERE changes() > 0
         ON CONFLICT DO UPDATE SET deleted = deleted + excluded.deleted`,
      )
      .bind(siteId, respondentHash, at),
    db
      .prepare(
        `INSERT INTO empty_withdrawals (site_id, day, count) SELECT ?1, substr(?2, 1, 10), 1 WHERE changes() = 0
         ON CONFLICT (site_id, day) DO UPDATE SET count = count + 1`,
      )
      .bind(siteId, at),
  ]);
  return { deleted: deleted!.results.length, deliveries: deliveriesIn(events!) };
}

/** Deletes one response (an owner's decision); webhooks that asked for it get a response.erased. */
export async function deleteResponse(db: D1Queries, erasure: ErasureEvent, id: string) {
  const [events, deleted] = await db.batch([
    erasedEventStatement(db, erasure, "SELECT id FROM responses WHERE site_id = ?2 AND id = ?5", [id]),
    db.prepare("DELETE FROM responses WHERE site_id = ?1 AND id = ?2 RETURNING id").bind(erasure.siteId, id),
  ]);
  return { deleted: deleted!.results.length, deliveries: deliveriesIn(events!) };
}

/** Sets a response's follow-up; webhooks that asked for it get a follow_up.changed if anything changed. */
export async function updateFollowUp(
  db: D1Queries,
  change: { id: string; siteId: string; responseId: string; status: string; note: string | null; at: string },
) {
  const [events, updated] = await db.batch([
    followUpEventStatement(db, change),
    db
      .prepare(
        `UPDATE responses SET status = ?3, note = COALESCE(?4, note), status_at = ?5
         WHERE site_id = ?1 AND id = ?2 RETURNING id`,
      )
      .bind(change.siteId, change.responseId, change.status, change.note, change.at),
  ]);
  return { updated: updated!.results.length, deliveries: deliveriesIn(events!) };
}

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
  channel?: string | undefined;
  unhappy?: boolean | undefined;
  complete?: boolean | undefined;
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
  version: number | null;
  complete: number;
  channel: string;
  updated_at: string | null;
}

export interface AnswerRow {
  response_id: string;
  question_id: string;
  type: string;
  value: string;
}

/**
 * A column kept out of the planner's choice of index (`+column`). Owner views read one window of days
 * per query, which bounds the query only if responses are searched by those days; a condition on a
 * range of scores, or grouping by a column that another index of responses starts with after the site
 * (survey, channel), would otherwise have SQLite walk that index over all of the site's responses
 * (tests/worker/owner-read-plans.test.ts).
 */
export const unindexed = (column: string) => `+${column}`;

/** A column of responses as a filter searches it: kept out of the choice of index when a context value's ids drive. */
const byFilter = (f: ResponseFilter, column: string) => (f.context ? unindexed(column) : column);

/**
 * WHERE clause over `responses r` for the owner filters, with numbered parameters. A context value is
 * searched through its own ids within the filter's days (the context index holds the day): the site and
 * its days are then kept out of the choice of index, so those ids drive the query rather than a walk
 * through every response of the days, most of which do not hold the value.
 */
export function responseWhere(f: ResponseFilter, params: unknown[]): string {
  const add = (v: unknown) => {
    params.push(v);
    return `?${params.length}`;
  };
  const where = [`${byFilter(f, "r.site_id")} = ${add(f.siteId)}`];
  if (f.survey) where.push(`r.survey_id = ${add(f.survey)}`);
  if (f.from) where.push(`${byFilter(f, "r.day")} >= ${add(f.from)}`);
  if (f.to) where.push(`${byFilter(f, "r.day")} <= ${add(f.to)}`);
  if (f.status) where.push(`r.status = ${add(f.status)}`);
  if (f.locale) where.push(`r.locale = ${add(f.locale)}`);
  if (f.page) where.push(`r.page = ${add(f.page)}`);
  if (f.channel) where.push(`r.channel = ${add(f.channel)}`);
  if (f.unhappy !== undefined) where.push(`r.unhappy = ${add(f.unhappy ? 1 : 0)}`);
  if (f.complete !== undefined) where.push(`r.complete = ${add(f.complete ? 1 : 0)}`);
  if (f.segment) {
    const [lo, hi] = SEGMENT_RANGE[f.segment];
    where.push(`${unindexed("r.nps_min")} BETWEEN ${add(lo)} AND ${add(hi)}`);
  }
  if (f.context) {
    // An IN list rather than a correlated EXISTS: the context index then finds the few responses, within
    // the filter's days (the index holds the day).
    const held = [
      `rc.site_id = ${add(f.siteId)}`,
      `rc.key = ${add(f.context.key)}`,
      `rc.value = ${add(f.context.value)}`,
    ];
    if (f.from) held.push(`rc.day >= ${add(f.from)}`);
    if (f.to) held.push(`rc.day <= ${add(f.to)}`);
    where.push(`r.id IN (SELECT rc.response_id FROM response_context rc WHERE ${held.join(" AND ")})`);
  }
  if (f.q) {
    where.push(
      `EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.id AND a.type = 'text'
         AND instr(lower(a.value), lower(${add(f.q)})) > 0)`,
    );
  }
  return where.join(" AND ");
}

/**
 * Responses holding a context value, per day of [from, to], counted in the context index alone (newest
 * days first, at most `cap` + 1 entries read): null when the value holds more than `cap`, as its count
 * would then be a long read of its own.
 */
export async function contextResponsesPerDay(
  db: D1Queries,
  f: { siteId: string; from: string; to: string; context: { key: string; value: string } },
  cap: number,
): Promise<{ day: string; count: number }[] | null> {
  const { results } = await db
    .prepare(
      `SELECT day, COUNT(*) AS count FROM (SELECT day FROM response_context
         WHERE site_id = ?1 AND key = ?2 AND value = ?3 AND day >= ?4 AND day <= ?5 ORDER BY day DESC LIMIT ?6)
       GROUP BY day ORDER BY day DESC`,
    )
    .bind(f.siteId, f.context.key, f.context.value, f.from, f.to, cap + 1)
    .all<{ day: string; count: number }>();
  const days = results.map((r) => ({ day: r.day, count: Number(r.count) }));
  return days.reduce((n, d) => n + d.count, 0) > cap ? null : days;
}

/**
 * One page of responses by keyset (created_at, id), newest first unless `ascending`. `within`, a window
 * of days, takes the place of the filter's days and bounds the times, so that the page examines that
 * window only, not the whole site nor the whole range of the filter: with a cursor, SQLite searches by
 * the days rather than the times, and would otherwise sort every response of the range for one page.
 * A context value is searched through its own ids (responseWhere), its times kept out of the choice of
 * index too: by time, SQLite would walk the site's responses to find a value it holds a few times, or never.
 */
export async function listResponses(
  db: D1Queries,
  f: ResponseFilter,
  opts: {
    limit: number;
    ascending: boolean;
    after?: { createdAt: string; id: string } | undefined;
    within?: { from: string; to: string };
  },
): Promise<{ rows: ResponseRow[]; cost: ReadCost }> {
  const params: unknown[] = [];
  const { within } = opts;
  // The window, cut from the filter's days, takes their place, as in every windowed view.
  let where = responseWhere(within ? { ...f, ...within } : f, params);
  const cmp = opts.ascending ? ">" : "<";
  if (opts.after) {
    params.push(opts.after.createdAt, opts.after.id);
    where += ` AND (r.created_at, r.id) ${cmp} (?${params.length - 1}, ?${params.length})`;
  }
  if (within) {
    // A time (YYYY-MM-DDT…) sorts after its day and before the next day.
    params.push(within.from, within.to);
    const at = byFilter(f, "r.created_at");
    where += ` AND ${at} >= ?${params.length - 1} AND ${at} < ?${params.length} || '~'`;
  }
  params.push(opts.limit);
  const dir = opts.ascending ? "ASC" : "DESC";
  const sql = `SELECT r.id, r.survey_id, r.locale, r.page, r.device, r.context, r.consent_policy, r.consent_at,
      r.created_at, r.status, r.note, r.nps_min, r.version, r.complete, r.channel, r.updated_at
    FROM responses r WHERE ${where} ORDER BY r.created_at ${dir}, r.id ${dir} LIMIT ?${params.length}`;
  const result = await db
    .prepare(sql)
    .bind(...params)
    .all<ResponseRow>();
  return { rows: result.results, cost: costOf([result]) };
}

export async function answersOf(db: D1Queries, responseIds: string[]): Promise<AnswerRow[]> {
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

/** Answers of responses older than the `unhappy` column, a bounded chunk at a time (the cron fills it in). */
export const unknownUnhappy = async (db: D1Database, limit: number) =>
  (
    await db
      .prepare(
        `SELECT r.id, a.type, a.score FROM (SELECT id FROM responses WHERE unhappy IS NULL LIMIT ?1) r
         LEFT JOIN answers a ON a.response_id = r.id`,
      )
      .bind(limit)
      .all<{ id: string; type: string | null; score: number | null }>()
  ).results;

/** Sets `unhappy` on responses by id (a JSON list of [id, 0 | 1]). */
export const setUnhappy = (db: D1Database, flags: [string, number][]) =>
  db
    .prepare(
      `UPDATE responses SET unhappy = (SELECT f.value->>1 FROM json_each(?1) f WHERE f.value->>0 = responses.id)
       WHERE id IN (SELECT value->>0 FROM json_each(?1))`,
    )
    .bind(JSON.stringify(flags))
    .run();

/** Whether a response with this id is stored for the site (a later part may continue a closed survey's response). */
export const responseExists = async (db: D1Database, siteId: string, id: string): Promise<boolean> =>
  (await db.prepare("SELECT 1 AS ok FROM responses WHERE id = ?1 AND site_id = ?2").bind(id, siteId).first()) !== null;
