/**
 * The email snippet of a survey's NPS question (shared/email-snippet.ts): its HTML to paste into an
 * order-confirmation or follow-up email, and a preview of how it reads. The preview is drawn with
 * elements (the dashboard's CSP allows no inline style attribute, so the HTML itself is not rendered here).
 */
import { useState } from "preact/hooks";
import { type EmailSnippetOptions, npsEmailSnippet, scoreLink } from "../../../shared/email-snippet";
import { localizedText } from "../../../shared/localized";
import { themeColors } from "../../../shared/theme";
import type { Site, Survey } from "../../../shared/types";
import { STRINGS } from "../../../widget/src/i18n";
import { CopyButton, Field } from "../components/form";

export function EmailSnippet({ site, survey, base, lang }: { site: Site; survey: Survey; base: string; lang: string }) {
  const question = survey.questions.find((q) => q.type === "nps");
  const signed = !!survey.links?.signed;
  const [key, setKey] = useState(survey.links?.onePer ?? "orderId");
  const [placeholder, setPlaceholder] = useState(signed ? "{{feedback_link}}" : "{{order_id}}");
  if (!question) return <p class="muted">The email snippet asks an NPS question: this survey has none.</p>;
  const strings = STRINGS[lang] ?? STRINGS.en!;
  const options: EmailSnippetOptions = {
    base,
    siteKey: site.key,
    surveyId: survey.id,
    question: { id: question.id, text: localizedText(question.text, lang) },
    low: localizedText(question.labels?.low, lang, strings.npsLow),
    high: localizedText(question.labels?.high, lang, strings.npsHigh),
    accent: survey.theme.accent,
    lang,
    ...(signed ? { signedLink: placeholder } : key.trim() ? { context: { key: key.trim(), placeholder } } : {}),
  };
  const html = npsEmailSnippet(options);
  const colors = themeColors(survey.theme.accent);
  return (
    <div class="email-snippet">
      <div class="grid-2">
        {signed ? null : (
          <Field label="Context key" hint="Recorded with the answer, e.g. the order.">
            <input class="short" value={key} onInput={(e) => setKey(e.currentTarget.value)} />
          </Field>
        )}
        <Field
          label={signed ? "Placeholder of the signed link" : "Placeholder of its value"}
          hint={
            signed
              ? "Your back end mints one link per order (channel email) and your email tool puts it here."
              : "Your email tool fills it in when it sends the email (Shopify, Klaviyo and Mailchimp each " +
                "have their own)."
          }
        >
          <input value={placeholder} onInput={(e) => setPlaceholder(e.currentTarget.value)} />
        </Field>
      </div>
      <figure class="email-preview" aria-label="Preview of the email snippet">
        <p>{options.question.text}</p>
        <div class="email-scores">
          {Array.from({ length: 11 }, (_, n) => (
            <a
              key={n}
              href={scoreLink(options, n)}
              style={{ background: colors.accent, color: colors.on }}
              target="_blank"
              rel="noopener noreferrer"
            >
              {n}
            </a>
          ))}
        </div>
        <p class="row muted small">
          <span>0 = {options.low}</span>
          <span>10 = {options.high}</span>
        </p>
      </figure>
      <textarea class="snippet" readOnly rows={8} aria-label="HTML of the email snippet" data-testid="email-html">
        {html}
      </textarea>
      <CopyButton text={html} label="Copy HTML" />
    </div>
  );
}
