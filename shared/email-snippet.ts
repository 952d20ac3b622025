/**
 * The HTML of an NPS question for an order-confirmation or follow-up email: eleven links 0–10, each
 * opening the survey's hosted page with that score prefilled (stored only once the customer agrees
 * there). Written the way email clients render: nested tables, `bgcolor`/`align`/`width` attributes and
 * inline `style` only, no script, no stylesheet, no image, no web font; every text escaped.
 *
 * The shop's email tool fills the placeholder (`{{order_id}}`) when it sends the email: braces are kept
 * as they are in the links. For a survey of signed links the whole link is the placeholder: the shop's
 * back end mints one per order, and the snippet adds the score (`&a.nps=9`), which the signature leaves out.
 */

import { hostedUrl } from "./hosted-url";
import { escapeHtml } from "./html";
import { themeColors } from "./theme";

export interface EmailSnippetOptions {
  /** The collector's address. */
  base: string;
  siteKey: string;
  surveyId: string;
  /** The NPS question (its id names the prefilled answer). */
  question: { id: string; text: string };
  /** The scale's end labels in the email's language. */
  low: string;
  high: string;
  accent: string;
  lang: string;
  /** The context key and the email tool's placeholder of its value, e.g. orderId and {{order_id}}. */
  context?: { key: string; placeholder: string } | undefined;
  /** For a survey of signed links: the placeholder of the link the shop minted for this order. */
  signedLink?: string | undefined;
}

/** The address behind score `n`. */
export function scoreLink(o: EmailSnippetOptions, n: number): string {
  if (o.signedLink) return `${o.signedLink}&a.${encodeURIComponent(o.question.id)}=${n}`;
  const context = o.context ? { [o.context.key]: o.context.placeholder } : undefined;
  return hostedUrl(o.base, o.siteKey, o.surveyId, {
    context,
    answers: { [o.question.id]: String(n) },
    channel: "email",
    lang: o.lang,
  });
}

export function npsEmailSnippet(o: EmailSnippetOptions): string {
  const { accent, on } = themeColors(o.accent);
  const e = escapeHtml;
  const font = "font-family:Arial,Helvetica,sans-serif;";
  const cells = Array.from(
    { length: 11 },
    (_, n) =>
      `<td align="center" width="9%" bgcolor="${accent}" style="border-radius:4px;">` +
      `<a href="${e(scoreLink(o, n))}" target="_blank" title="${n}" ` +
      `style="display:block;padding:10px 0;${font}font-size:16px;font-weight:bold;color:${on};text-decoration:none;">` +
      `${n}</a></td>`,
  ).join("\n");
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;">
<tr><td style="padding:0 0 12px;${font}font-size:17px;line-height:24px;color:#1d1d1f;">${e(o.question.text)}</td></tr>
<tr><td>
<table role="presentation" width="100%" cellpadding="0" cellspacing="3" border="0"><tr>
${cells}
</tr></table>
</td></tr>
<tr><td>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td align="left" style="padding:6px 3px 0;${font}font-size:13px;color:#55555f;">0 = ${e(o.low)}</td>
<td align="right" style="padding:6px 3px 0;${font}font-size:13px;color:#55555f;">10 = ${e(o.high)}</td>
</tr></table>
</td></tr>
</table>`;
}
