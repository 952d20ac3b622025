/**
 * The survey panel: consent, then one question at a time along the path its answers take
 * (shared/logic.ts, from widget-plus.js when the survey has logic), then thanks. After consent every
 * answered step is sent as a part of one response (same id, `complete: false`), the last as complete,
 * by widget-send.js, which the loader fetches at "I agree" (or at once when consent was given before).
 *
 * A controller of closures over one state object, drawn again by Preact's `render` on every change
 * (Preact diffs, so only what changed is touched). Closures minify to one-letter names where class
 * members would not: the UI bundle has a byte budget.
 */
import { createRef, render } from "preact";
import type { FunnelEvent } from "../../shared/constants";
import { hasConsent } from "./consent";
import type { OpenOptions, Plus, ResponseDraft, SendModule, SiteFacts } from "./contract";
import { afterPaint } from "./frames";
import { QUESTION_COMPONENTS } from "./questions";
import type { Delivery } from "./queue";
import { consentStep, questionStep, thanksStep } from "./steps";
import type { View } from "./view";

/** Without logic the path is every question in order (widget-plus.js brings the logic). */
const LINEAR: Pick<Plus, "nextIndex" | "surveyPath"> = {
  nextIndex: (questions, i) => (i + 1 < questions.length ? i + 1 : -1),
  surveyPath: (questions) => questions.map((q) => q.id),
};

/** Draws the panel into `root`; returns what to call once it is closed (it stops listening to the page). */
export function panel(
  o: OpenOptions,
  session: SiteFacts,
  plus: Plus | undefined,
  root: ShadowRoot,
  close: (reason: "dismissed" | "done") => void,
): () => void {
  const logic = plus ?? LINEAR;
  const components = { ...QUESTION_COMPONENTS, thumbs: plus?.Thumbs, choice: plus?.Choice, multi: plus?.Choice };
  // A type this version does not know (or whose part did not load) is skipped rather than breaking the panel.
  const questions = o.survey.questions.filter((q) => components[q.type]);
  const channel = o.channel ?? "widget";
  const s = o.strings;
  /** After consent: widget-send.js and the response it began; a failed fetch is tried again on next use. */
  let draft: Promise<[SendModule, ResponseDraft]> | null = null;
  const ready = () =>
    (draft ??= session
      .sender()
      .then((m): [SendModule, ResponseDraft] => [m, m.begin(session, o.survey, channel)])
      .catch((e) => {
        draft = null;
        throw e;
      }));
  /** The answers as last sent (JSON), so that leaving the page sends only what is new. */
  let sent = "{}";

  /** An anonymous count of the funnel (shown, declined, dismissed): a beacon, nothing stored. */
  const event = (name: FunnelEvent) => {
    try {
      if (!o.preview)
        navigator.sendBeacon(
          `${session.base}/v1/events`,
          JSON.stringify({ site: session.site, survey: o.survey.id, version: o.survey.version, event: name, channel }),
        );
    } catch {
      /* a count is never worth an error on the shop's page */
    }
  };
  /** Sends the answers so far when they changed (after a step, or as the customer leaves the page). */
  const part = () => {
    const { answers, at } = v.st;
    const json = JSON.stringify(answers);
    if (!draft || json === sent || at >= questions.length) return;
    sent = json;
    draft.then(([m, d]) => m.sendPart(session, d, answers, false)).catch(() => {});
  };
  /** After consent (given now or before): the response's id and what every part of it says. */
  const begin = () => {
    if (!o.preview) ready().catch(() => {});
    v.set({ at: 0 });
    // An answer given before the survey opened (a score clicked in an email) is stored from consent on.
    part();
  };

  const v: View = {
    o,
    session,
    plus,
    questions,
    components,
    heading: createRef(),
    st: { at: -1, trail: [], answers: o.prefill ?? {}, error: "", busy: false, delivery: null, note: "" },
    path: () => logic.surveyPath(questions, v.st.answers),
    nextOf: (at) => logic.nextIndex(questions, at, v.st.answers),
    set(patch) {
      const at = v.st.at;
      v.st = { ...v.st, ...patch };
      render(draw(), root);
      // Focus follows the step, so keyboard and screen-reader users start at the new content.
      if (v.st.at !== at) v.heading.current?.focus();
    },
    answer(id, value) {
      const answers = { ...v.st.answers };
      if (value === undefined) delete answers[id];
      else answers[id] = value;
      v.set({ answers, error: "" });
    },
    agree: begin,
    decline() {
      event("declined");
      close("dismissed");
    },
    dismiss() {
      const done = v.st.at >= questions.length;
      if (!done) event("dismissed");
      part();
      close(done ? "done" : "dismissed");
    },
    back() {
      const trail = [...v.st.trail];
      v.set({ at: trail.pop()!, trail, error: "" });
    },
    async next() {
      const { at, answers, trail } = v.st;
      const q = questions[at]!;
      if (q.required && answers[q.id] === undefined) return v.set({ error: s.required });
      const to = v.nextOf(at);
      if (to >= 0) {
        part();
        return v.set({ at: to, trail: [...trail, at], error: "" });
      }
      v.set({ busy: true, error: "" });
      // Nothing answered (every question optional and skipped): there is nothing to record.
      const delivery: Delivery =
        !o.preview && Object.keys(answers).length
          ? await ready()
              .then(([m, d]) => m.sendPart(session, d, answers, true))
              .catch(() => "failed" as const)
          : "sent";
      if (delivery === "failed") return v.set({ busy: false, error: s.error });
      sent = JSON.stringify(answers);
      o.onSubmitted(delivery === "queued");
      v.set({ busy: false, delivery, at: questions.length });
    },
    async withdraw() {
      const done =
        o.preview ||
        (await session.sender().then(
          (m) => m.forget(session),
          () => false,
        ));
      v.set({ note: done ? s.withdrawn : s.forgetFailed });
    },
  };

  const center = o.survey.theme.position === "center";
  const onKey = (e: KeyboardEvent) => {
    // A survey drawn in place is part of the page: Escape does not remove it.
    if (e.key === "Escape" && !o.inline) {
      e.stopPropagation();
      v.dismiss();
    }
    // Only the owner-chosen centred modal keeps Tab inside.
    if (center) plus?.trap(e);
  };
  const draw = () => (
    // biome-ignore lint/a11y/noStaticElementInteractions: a dialog (or region) closed by Escape
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: aria-modal is set only when the role is dialog
    <div
      class="fb-panel"
      role={o.inline ? "region" : "dialog"}
      aria-modal={o.inline ? undefined : center ? "true" : "false"}
      aria-label={s.dialog}
      lang={session.locale}
      dir={s.dir ?? "ltr"}
      onKeyDown={onKey}
    >
      {o.inline ? null : (
        <button type="button" class="fb-close" aria-label={s.close} onClick={v.dismiss}>
          ×
        </button>
      )}
      {v.st.at < 0 ? consentStep(v) : v.st.at < questions.length ? questionStep(v) : thanksStep(v)}
    </div>
  );

  // Consent given before (this device, this policy): the first question at once, and a prefilled answer sent.
  if (!o.preview && hasConsent(session)) {
    ready().catch(() => {});
    v.st.at = 0;
  }
  render(draw(), root);
  part();
  // On a shop page, focus once the first render is painted (at once, it would force style and layout now).
  // A survey drawn in place waits on the page to be reached: it does not take the focus (nor scroll to it).
  const focus = () => v.heading.current?.focus();
  if (o.preview) focus();
  else if (!o.inline) afterPaint(focus);
  event("shown");
  addEventListener("pagehide", part);
  return () => removeEventListener("pagehide", part);
}
