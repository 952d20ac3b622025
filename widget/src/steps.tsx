/**
 * The panel's three kinds of step: consent, one question, thanks. Plain functions of the panel
 * (not components with props of their own: the UI bundle stays within its byte budget).
 */
import { localizedText } from "../../shared/localized";
import type { View } from "./view";

const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));

/** An owner's link opened by customers: http(s) only (a stored `javascript:` link is never drawn). */
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

const heading = (a: View, text: string) => (
  <h2 id="fb-title" tabIndex={-1} ref={a.heading}>
    {text}
  </h2>
);

/** Its fonts (sizes and weights) are looked up while the UI downloads: warm-fonts.ts lists them. */
export function consentStep(a: View) {
  const { o } = a;
  const s = o.strings;
  const policy = safeUrl(o.policyUrl);
  return (
    <>
      {heading(a, s.consentTitle)}
      <p>
        {fill(s.consentWhat, { n: a.path().length })} {s.consentWhy}
      </p>
      <p class="fb-note">
        {s.consentStored} {fill(s.consentKept, { days: o.retentionDays })}{" "}
        {policy ? (
          <a href={policy} target="_blank" rel="noopener noreferrer">
            {s.privacy}
          </a>
        ) : null}
      </p>
      <div class="fb-actions">
        <button type="button" onClick={a.decline}>
          {s.decline}
        </button>
        <button type="button" class="fb-primary" onClick={a.agree}>
          {s.agree}
        </button>
      </div>
    </>
  );
}

export function questionStep(a: View) {
  const { o, session } = a;
  const { at, trail, answers, error, busy } = a.st;
  const s = o.strings;
  const q = a.questions[at]!;
  const Question = a.components[q.type]!;
  const position = trail.length + 1;
  return (
    <>
      {heading(a, localizedText(q.text, session.locale))}
      <Question
        q={q}
        value={answers[q.id]}
        onChange={(v) => a.answer(q.id, v)}
        s={s}
        locale={session.locale}
        labelId="fb-title"
        faces={a.plus?.faces}
      />
      {error ? (
        <p class="fb-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="fb-actions">
        <span class="fb-progress">{fill(s.progress, { i: position, n: Math.max(position, a.path().length) })}</span>
        {trail.length ? (
          <button type="button" onClick={a.back}>
            {s.back}
          </button>
        ) : null}
        <button type="button" class="fb-primary" disabled={busy} onClick={a.next}>
          {a.nextOf(at) < 0 ? s.send : s.next}
        </button>
      </div>
    </>
  );
}

export function thanksStep(a: View) {
  const { o, session } = a;
  const { delivery, note } = a.st;
  const s = o.strings;
  const reward = o.survey.reward;
  return (
    <>
      {heading(a, s.thanks)}
      {delivery === "queued" ? (
        <p class="fb-note" role="status">
          {s.queued}
        </p>
      ) : null}
      {reward && a.plus ? (
        <a.plus.Reward
          text={localizedText(reward.text, session.locale)}
          code={reward.code}
          copy={s.copy}
          copied={() => a.set({ note: s.copied })}
        />
      ) : null}
      <p class="fb-note" role="status">
        {note}
      </p>
      <div class="fb-actions">
        <button type="button" class="fb-link" onClick={a.withdraw}>
          {s.withdraw}
        </button>
        {o.inline ? null : (
          <button type="button" class="fb-primary" onClick={a.dismiss}>
            {s.close}
          </button>
        )}
      </div>
    </>
  );
}
