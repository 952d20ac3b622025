/** Owner views of responses: the paged list, follow-up, deletion and the streamed CSV export. */
import { nanoid } from "nanoid";
import type { Channel } from "../../../shared/constants";
import { localizedText } from "../../../shared/localized";
import type { ResponseItem, ResponsesQuery, Survey } from "../../../shared/types";
import * as db from "../db/responses";
import * as surveysDb from "../db/surveys";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import { nowIso } from "../lib/time";
import { queueLater } from "./alerts";
import { csvStream, verbatim } from "./csv";
import type { Defer } from "./ingest";

interface Cursor {
  createdAt: string;
  id: string;
}

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

export async function listPage(d1: D1Database, siteId: string, q: ResponsesQuery & { order?: "asc" | "desc" }) {
  const rows = await withD1Retry(() =>
    db.listResponses(d1, filterOf(siteId, q), {
      limit: q.limit + 1,
      ascending: q.order === "asc",
      after: decodeCursor(q.cursor),
    }),
  );
  const page = rows.slice(0, q.limit);
  const answers = await withD1Retry(() =>
    db.answersOf(
      d1,
      page.map((r) => r.id),
    ),
  );
  const last = page[page.length - 1];
  return {
    items: toItems(page, answers),
    next: rows.length > q.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/** An editor's follow-up of a response; webhooks that asked for it are told when it changed. */
export async function setFollowUp(
  env: Env,
  siteId: string,
  id: string,
  change: { status: string; note?: string | undefined },
  defer: Defer,
) {
  const { updated, deliveries } = await withD1Retry(() =>
    db.updateFollowUp(env.DB, {
      id: `follow_up:${nanoid()}`,
      siteId,
      responseId: id,
      status: change.status,
      note: change.note ?? null,
      at: nowIso(),
    }),
  );
  if (updated === 0) throw new ApiError("not_found", "no such response on this site");
  queueLater(env, defer, deliveries);
}

/** An owner deletes one response; webhooks that asked for it are told (response.erased). */
export async function removeResponse(env: Env, siteId: string, id: string, defer: Defer) {
  const erasure = { id: `erasure:${nanoid()}`, siteId, at: nowIso(), reason: "owner" as const };
  const { deleted, deliveries } = await withD1Retry(() => db.deleteResponse(env.DB, erasure, id));
  if (deleted === 0) throw new ApiError("not_found", "no such response on this site");
  queueLater(env, defer, deliveries);
}

export const EXPORT_PAGE = 500;

/** CSV of every response matching the filters, streamed page by page (never all in memory). */
export async function exportCsv(d1: D1Database, siteId: string, q: Partial<ResponsesQuery>) {
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
  return csvStream<Cursor>(header, async (after) => {
    const rows = await withD1Retry(() => db.listResponses(d1, filter, { limit: EXPORT_PAGE, ascending: true, after }));
    const answers = await withD1Retry(() =>
      db.answersOf(
        d1,
        rows.map((r) => r.id),
      ),
    );
    const last = rows[rows.length - 1];
    return {
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
      next: rows.length === EXPORT_PAGE && last ? { createdAt: last.created_at, id: last.id } : null,
    };
  });
}
