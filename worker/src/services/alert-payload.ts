/**
 * The body of an alert about an unhappy customer, built at send time from the database (an answer
 * erased meanwhile is never sent), with a Slack-compatible `text`, and its HMAC-SHA256 signature.
 */
import { SCORE_RANGE, type ScoredType } from "../../../shared/constants";
import { isUnhappy } from "../../../shared/scoring";
import type * as alerts from "../db/alerts";
import { hmacSha256, toHex } from "../lib/crypto";

export const SIGNATURE_HEADER = "X-Feedback-Signature";

/** Slack's mrkdwn treats < > & as control characters: escape them in customer text. */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** "NPS 3/10", "CSAT 2/5", "CES 1/7", "thumbs down". */
const scoreWords = (type: string, score: number) =>
  type === "thumbs" ? "thumbs down" : `${type.toUpperCase()} ${score}/${SCORE_RANGE[type as ScoredType][1]}`;

export function buildPayload(ctx: alerts.DeliveryContext) {
  const r = ctx.response!;
  const answers = ctx.answers.map((a) => ({
    question: a.question_id,
    type: a.type,
    value: JSON.parse(a.value) as unknown,
  }));
  const lowest = (type: string) => {
    const scores = ctx.answers.filter((a) => a.type === type).map((a) => a.score!);
    return scores.length ? Math.min(...scores) : null;
  };
  const unhappy = ctx.answers.filter((a) => isUnhappy(a.type, a.score)).map((a) => scoreWords(a.type, a.score!));
  const context = r.context ? (JSON.parse(r.context) as Record<string, string>) : {};
  const comment = answers.find((a) => a.type === "text")?.value as string | undefined;
  const parts = [`Unhappy customer on ${slackEscape(ctx.siteName ?? "your site")}: ${unhappy.join(", ")}`];
  if (comment) parts.push(`“${slackEscape(comment.slice(0, 500))}”`);
  if (Object.keys(context).length) {
    parts.push(
      Object.entries(context)
        .map(([k, v]) => `${slackEscape(k)}: ${slackEscape(v)}`)
        .join(", "),
    );
  }
  return {
    type: "feedback.unhappy_customer",
    text: parts.join(" — "),
    site: ctx.delivery.site_id,
    survey: { id: r.survey_id, name: ctx.surveyName },
    response: {
      id: r.id,
      createdAt: r.created_at,
      complete: r.complete === 1,
      locale: r.locale,
      page: r.page,
      context,
      nps: lowest("nps"),
      csat: lowest("csat"),
      ces: lowest("ces"),
      thumbs: lowest("thumbs"),
      answers,
    },
  };
}

export async function signBody(secret: string, body: string): Promise<string> {
  return `sha256=${toHex(await hmacSha256(secret, body))}`;
}
