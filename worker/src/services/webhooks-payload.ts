/**
 * The body of a webhook delivery, built when it is sent: from the response as it is then (an answer
 * erased meanwhile is never sent), or from what the event carries (response.erased, follow_up.changed).
 * One event, three formats: `json` (the event, with a one-line `text`), `slack` (`{ text }` for an
 * incoming webhook) and `teams` (an Adaptive Card message for a Teams workflow or incoming webhook).
 *
 * Customers' and owners' text is never markup: Slack's control characters < > & are escaped (a comment
 * cannot mention @channel or make a link), and Teams gets it in TextRuns, which draw no Markdown.
 */
import { SCORE_RANGE, type ScoredType } from "../../../shared/constants";
import { isUnhappy } from "../../../shared/scoring";
import { type ErasureReason, TEST_EVENT, type WebhookFormat } from "../../../shared/webhooks";
import type { DeliveryContext, DeliveryResponse } from "../db/alerts";

type Answer = DeliveryContext["answers"][number];

/** A chat message before it is formatted: a title and lines, as plain text. */
interface Message {
  title: string;
  lines: string[];
}

/** What a delivery posts, before its format: the event itself and its chat message. */
interface WebhookEventBody {
  event: Record<string, unknown>;
  message: Message;
}

const ERASURE_WORDS: Record<ErasureReason, string> = {
  withdrawal: "the customer withdrew consent",
  request: "a customer's erasure request",
  owner: "deleted by a member of the site",
};

/** "NPS 3/10", "CSAT 2/5", "CES 1/7", "thumbs down". */
const scoreWords = (type: string, score: number) =>
  type === "thumbs"
    ? `thumbs ${score === 1 ? "up" : "down"}`
    : `${type.toUpperCase()} ${score}/${SCORE_RANGE[type as ScoredType][1]}`;

const scored = (answers: Answer[]) => answers.filter((a) => a.type in SCORE_RANGE && a.score !== null);

function responseOf(r: DeliveryResponse, answers: Answer[]) {
  const lowest = (type: string) => {
    const scores = answers.filter((a) => a.type === type).map((a) => a.score!);
    return scores.length ? Math.min(...scores) : null;
  };
  return {
    id: r.id,
    survey: r.survey_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
    complete: r.complete === 1,
    locale: r.locale,
    page: r.page,
    channel: r.channel,
    context: r.context ? (JSON.parse(r.context) as Record<string, string>) : {},
    nps: lowest("nps"),
    csat: lowest("csat"),
    ces: lowest("ces"),
    thumbs: lowest("thumbs"),
    answers: answers.map((a) => ({ question: a.question_id, type: a.type, value: JSON.parse(a.value) as unknown })),
    followUp: { status: r.status, note: r.note },
  };
}

/** The comment and the shop's context of a response, as message lines. */
function detailLines(response: ReturnType<typeof responseOf>): string[] {
  const lines: string[] = [];
  const comment = response.answers.find((a) => a.type === "text")?.value as string | undefined;
  if (comment) lines.push(`“${comment.slice(0, 500)}”`);
  const context = Object.entries(response.context);
  if (context.length) lines.push(context.map(([k, v]) => `${k}: ${v}`).join(", "));
  return lines;
}

/** The event of a delivery, or null when it must not be sent (its response is gone). */
export function buildEvent(ctx: DeliveryContext): WebhookEventBody | null {
  const d = ctx.delivery;
  const site = ctx.siteName ?? "your site";
  const base = { id: d.id, type: d.event, createdAt: d.created_at, site: d.site_id };
  if (d.event === "response.erased") {
    const erased = JSON.parse(d.payload ?? "{}") as { reason: ErasureReason; responses: string[] };
    const n = erased.responses?.length ?? 0;
    const title = `${n} response${n === 1 ? "" : "s"} erased on ${site}: ${ERASURE_WORDS[erased.reason]}`;
    return {
      event: { ...base, erased: { reason: erased.reason, responses: erased.responses ?? [] } },
      message: { title, lines: ["Erase any copy of them you keep."] },
    };
  }
  if (!ctx.response) return null;
  const response = responseOf(ctx.response, ctx.answers);
  const survey = { id: ctx.response.survey_id, name: ctx.surveyName };
  const scores = (pick: (a: Answer) => boolean) =>
    scored(ctx.answers)
      .filter(pick)
      .map((a) => scoreWords(a.type, a.score!))
      .join(", ");
  const on = `on ${site} (${ctx.surveyName ?? survey.id})`;
  if (d.event === "follow_up.changed") {
    const followUp = JSON.parse(d.payload ?? "{}") as { status: string; note: string | null };
    const lines = followUp.note ? [`Note: ${followUp.note.slice(0, 500)}`] : [];
    return {
      event: { ...base, survey, response, followUp },
      message: { title: `Follow-up ${on}: response ${response.id} is now ${followUp.status}`, lines },
    };
  }
  const all = scores(() => true);
  const kind = d.event === "response.created" ? "New response" : "Response completed";
  const title =
    d.event === "response.unhappy"
      ? `Unhappy customer on ${site}: ${scores((a) => isUnhappy(a.type, a.score))}`
      : `${kind}${response.complete ? "" : " (partial)"} ${on}${all ? `: ${all}` : ""}`;
  return { event: { ...base, survey, response }, message: { title, lines: detailLines(response) } };
}

/** The test event of the settings page: what an alert looks like, marked as a test. */
export function testEvent(deliveryId: string, site: { id: string; name: string }, at: string): WebhookEventBody {
  return {
    event: { id: deliveryId, type: TEST_EVENT, createdAt: at, site: site.id, test: true },
    message: {
      title: `Test event for ${site.name}: this webhook receives the feedback collector's events`,
      lines: ["An unhappy customer's alert will look like this: NPS 3/10", "“(an example) The parcel came late”"],
    },
  };
}

/** Slack's mrkdwn treats < > & as control characters: escaped in every text of a message. */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const oneLine = (m: Message) => slackEscape([m.title, ...m.lines].join(" — "));

/** A Teams message holding an Adaptive Card: every text in a TextRun, which draws no Markdown. */
const teamsCard = (m: Message) => ({
  type: "message",
  attachments: [
    {
      contentType: "application/vnd.microsoft.card.adaptive",
      contentUrl: null,
      content: {
        $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
        type: "AdaptiveCard",
        version: "1.4",
        body: [
          { type: "RichTextBlock", inlines: [{ type: "TextRun", text: m.title, weight: "Bolder" }] },
          ...m.lines.map((text) => ({ type: "RichTextBlock", inlines: [{ type: "TextRun", text }] })),
        ],
      },
    },
  ],
});

/** The request body of an event in a webhook's format. */
export function formatBody(format: WebhookFormat, body: WebhookEventBody): string {
  if (format === "slack") return JSON.stringify({ text: oneLine(body.message) });
  if (format === "teams") return JSON.stringify(teamsCard(body.message));
  return JSON.stringify({ ...body.event, text: oneLine(body.message) });
}
