/**
 * Owner views of responses: the paged list, follow-up, deletion and the streamed CSV export. Both the
 * list and the export read window by window (response-windows.ts), pausing on the primary.
 */
import { nanoid } from "nanoid";
import type { Channel } from "../../../shared/constants";
import { localizedText } from "../../../shared/localized";
import type { ResponseItem, ResponsesQuery, Survey } from "../../../shared/types";
import * as db from "../db/responses";
import * as surveysDb from "../db/surveys";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import type { D1Queries } from "../lib/d1-session";
import type { KeepAlive } from "../lib/keep-alive";
import { nowIso } from "../lib/time";
import { queueLater } from "./alerts";
import { OWNER_SCAN, pauseAfter, type ScanLimits } from "./bounded-scan";
import { csvStream, verbatim } from "./csv";
import { type Cursor, clipWindows, listWindows, windowedPage } from "./response-windows";

const encodeCursor = (c: Cursor) => btoa(JSON.stringify([c.createdAt, c.id])).replace(/=+$/, "");
function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const [createdAt, id] = JSON.parse(atob(text)) as unknown[];
    if (typeof createdAt === "string" && typeof id === "string") return { createdAt, id };
  } catch {
    /* fall through */
  }
  throw new ApiError("invalid_body", "cursor: not a cursor returned by this endpoint");
}

export const filterOf = (siteId: string, q: Partial<ResponsesQuery>): db.ResponseFilter => ({
  siteId,
  survey: q.survey,
  from: q.from,
  to: q.to,
  segment: q.segment,
  status: q.status,
  context: q.context,
  locale: q.locale,
  page: q.page,
  q: q.q,
  channel: q.channel,
  unhappy: q.unhappy === undefined ? undefined : q.unhappy === "true",
  complete: q.complete === undefined ? undefined : q.complete === "true",
});

function toItems(rows: db.ResponseRow[], answers: db.AnswerRow[]): ResponseItem[] {
  const byResponse = new Map<string, db.AnswerRow[]>();
  for (const a of answers) byResponse.set(a.response_id, [...(byResponse.get(a.response_id) ?? []), a]);
  return rows.map((r) => ({
    id: r.id,
    survey: r.survey_id,
    locale: r.locale,
    page: r.page,
    device: r.device,
    context: r.context ? (JSON.parse(r.context) as Record<string, string>) : {},
    createdAt: r.created_at,
    consent: { policy: r.consent_policy, at: r.consent_at },
    status: r.status,
    note: r.note,
    version: r.version,
    complete: r.complete === 1,
    channel: r.channel as Channel,
    updatedAt: r.updated_at ?? r.created_at,
    answers: (byResponse.get(r.id) ?? []).map((a) => ({
      question: a.question_id,
      type: a.type,
      value: JSON.parse(a.value) as number | string | string[],
    })),
  }));
}

export async function listPage(
  d1: D1Queries,
  siteId: string,
  q: ResponsesQuery & { order?: "asc" | "desc" },
  limits: ScanLimits = OWNER_SCAN,
) {
  const ascending = q.order === "asc";
  const after = decodeCursor(q.cursor);
  const filter = filterOf(siteId, q);
  const windows = clipWindows(await listWindows(d1, filter, ascending, limits), after, ascending);
  const page = await windowedPage(d1, filter, windows, { limit: q.limit, ascending, after }, limits);
  const answers = await withD1Retry(() =>
    db.answersOf(
      d1,
      page.rows.map((r) => r.id),
    ),
  );
  return { items: toItems(page.rows, answers), next: page.next ? encodeCursor(page.next) : null };
}

/** An editor's follow-up of a response; webhooks that asked for it are told when it changed. */
export async function setFollowUp(
  env: Env,
  d1: D1Queries,
  siteId: string,
  id: string,
  change: { status: string; note?: string | undefined },
  keepAlive: KeepAlive,
) {
  const { updated, deliveries } = await withD1Retry(() =>
    db.updateFollowUp(d1, {
      id: `follow_up:${nanoid()}`,
      siteId,
      responseId: id,
      status: change.status,
      note: change.note ?? null,
      at: nowIso(),
    }),
  );
  if (updated === 0) throw new ApiError("not_found", "no such response on this site");
  queueLater(env, keepAlive, deliveries);
}

/** An owner deletes one response; webhooks that asked for it are told (response.erased). */
export async function removeResponse(env: Env, d1: D1Queries, siteId: string, id: string, keepAlive: KeepAlive) {
  const erasure = { id: `erasure:${nanoid()}`, siteId, at: nowIso(), reason: "owner" as const };
  const { deleted, deliveries } = await withD1Retry(() => db.deleteResponse(d1, erasure, id));
  if (deleted === 0) throw new ApiError("not_found", "no such response on this site");
  queueLater(env, keepAlive, deliveries);
}

export const EXPORT_PAGE = 500;

/**
 * CSV of every response matching the filters, streamed page by page (never all in memory): one
 * window of days per page at most, and a pause after each on the primary, however long it takes.
 */
export async function exportCsv(
  d1: D1Queries,
  siteId: string,
  q: Partial<ResponsesQuery>,
  limits: ScanLimits = OWNER_SCAN,
  sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
) {
  const surveys: Survey[] = (await surveysDb.listSurveys(d1, siteId))
    .map(surveysDb.toSurvey)
    .filter((s) => !q.survey || s.id === q.survey);
  const questions = surveys.flatMap((s) => s.questions.map((question) => ({ survey: s, question })));
  const header = [
    "response_id",
    "created_at",
    "survey",
    "locale",
    "page",
    "device",
    "status",
    "note",
    "consent_policy",
    "consent_at",
    "context",
    "channel",
    ...questions.map(
      ({ survey, question }) => `${survey.name} / ${question.id}: ${localizedText(question.text, "en")}`,
    ),
  ];
  const filter = filterOf(siteId, q);
  const windows = await listWindows(d1, filter, true, limits);
  const onePage = { ...limits, budgetMs: 0 };
  return csvStream<Cursor>(header, async (after) => {
    const started = Date.now();
    const page = await windowedPage(
      d1,
      filter,
      clipWindows(windows, after, true),
      { limit: EXPORT_PAGE, ascending: true, after },
      onePage,
    );
    const rows = page.rows;
    const answers = await withD1Retry(() =>
      db.answersOf(
        d1,
        rows.map((r) => r.id),
      ),
    );
    const csvPage = {
      rows: toItems(rows, answers).map((item) => {
        const values = new Map(item.answers.map((a) => [`${item.survey}/${a.question}`, a.value]));
        return [
          verbatim(item.id),
          verbatim(item.createdAt),
          verbatim(item.survey),
          item.locale,
          item.page,
          verbatim(item.device),
          verbatim(item.status),
          item.note,
          item.consent.policy,
          verbatim(item.consent.at),
          Object.entries(item.context)
            .map(([k, v]) => `${k}=${v}`)
            .join("; "),
          verbatim(item.channel),
          ...questions.map(({ survey, question }) => values.get(`${survey.id}/${question.id}`)),
        ];
      }),
      next: page.next,
    };
    // The page's time includes its answers and its rows made: the pause covers this worker's share too.
    if (page.next) await sleep(pauseAfter(page.cost, Date.now() - started, limits));
    return csvPage;
  });
}
