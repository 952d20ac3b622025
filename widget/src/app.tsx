/** The survey panel: consent, one question per step, then thanks (with the reward and the way to withdraw). */
import { Component, createRef } from "preact";
import { localizedText } from "../../shared/localized";
import type { Answers, OpenOptions, Session } from "./contract";
import { QUESTION_COMPONENTS } from "./questions";
import type { Value } from "./questions/types";
import type { Delivery } from "./queue";
import { forget, giveConsent, hasConsent, submit } from "./session";

const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));

interface Props {
  o: OpenOptions;
  session: Session;
  close(reason: "dismissed" | "done"): void;
}

interface State {
  step: number;
  answers: Answers;
  error: string;
  busy: boolean;
  delivery: Delivery | null;
  note: string;
}

/** A class component: Preact's core has it, so the UI bundle needs no hooks module (~1 KB gzip less). */
export class App extends Component<Props, State> {
  heading = createRef<HTMLHeadingElement>();

  constructor(props: Props) {
    super(props);
    this.state = {
      step: !props.o.preview && hasConsent(props.session) ? 0 : -1,
      answers: {},
      error: "",
      busy: false,
      delivery: null,
      note: "",
    };
  }

  // Focus follows the step, so keyboard and screen-reader users start at the new content.
  override componentDidMount() {
    this.heading.current?.focus();
  }

  override componentDidUpdate(_: Props, prev: State) {
    if (prev.step !== this.state.step) this.heading.current?.focus();
  }

  render({ o, session, close }: Props, { step, answers, error, busy, delivery, note }: State) {
    const { strings: s, survey } = o;
    const locale = session.locale;
    // A type this version does not know is skipped rather than breaking the panel.
    const questions = survey.questions.filter((q) => QUESTION_COMPONENTS[q.type]);
    const done = step >= questions.length;
    const heading = this.heading;
    const setStep = (n: number) => this.setState({ step: n, error: "" });
    const setError = (e: string) => this.setState({ error: e });
    const setNote = (n: string) => this.setState({ note: n });

    const center = survey.theme.position === "center";
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        close(done ? "done" : "dismissed");
      }
      // Only the owner-chosen centred modal keeps Tab inside: from the last control (the primary
      // button, always last) back to the first (the close button, always first), and the reverse.
      if (center && e.key === "Tab") {
        const panel = e.currentTarget as HTMLElement;
        const first = panel.querySelector<HTMLElement>(".x")!;
        const all = panel.querySelectorAll<HTMLElement>(".pr");
        const last = all[all.length - 1]!;
        const to = e.shiftKey ? (e.target === first ? last : null) : e.target === last ? first : null;
        if (to) {
          e.preventDefault();
          to.focus();
        }
      }
    };

    const next = async () => {
      const q = questions[step]!;
      if (q.required && answers[q.id] === undefined) return setError(s.required);
      if (step < questions.length - 1) return setStep(step + 1);
      this.setState({ busy: true, error: "" });
      const result = o.preview ? "sent" : await submit(session, survey.id, answers).catch(() => "failed" as const);
      if (result === "failed") return this.setState({ busy: false, error: s.error });
      o.onSubmitted(result === "queued");
      this.setState({ busy: false, delivery: result, step: questions.length });
    };

    const set = (id: string, v: Value) => {
      const copy = { ...this.state.answers };
      if (v === undefined) delete copy[id];
      else copy[id] = v;
      this.setState({ answers: copy, error: "" });
    };

    let body: preact.JSX.Element;
    if (step < 0) {
      body = (
        <>
          <h2 id="t" tabIndex={-1} ref={heading}>
            {s.consentTitle}
          </h2>
          <p>
            {fill(s.consentWhat, { n: questions.length })} {s.consentWhy}
          </p>
          <p class="m">
            {s.consentStored} {fill(s.consentKept, { days: o.retentionDays })}{" "}
            {o.policyUrl ? (
              <a href={o.policyUrl} target="_blank" rel="noopener noreferrer">
                {s.privacy}
              </a>
            ) : null}
          </p>
          <div class="f">
            <button type="button" class="b" onClick={() => close("dismissed")}>
              {s.decline}
            </button>
            <button
              type="button"
              class="b pr"
              onClick={() => {
                if (!o.preview) giveConsent(session);
                setStep(0);
              }}
            >
              {s.agree}
            </button>
          </div>
        </>
      );
    } else if (!done) {
      const q = questions[step]!;
      const Question = QUESTION_COMPONENTS[q.type];
      body = (
        <>
          <h2 id="t" tabIndex={-1} ref={heading}>
            {localizedText(q.text, locale)}
          </h2>
          <Question q={q} value={answers[q.id]} onChange={(v) => set(q.id, v)} s={s} locale={locale} labelId="t" />
          {error ? (
            <p class="r" role="alert">
              {error}
            </p>
          ) : null}
          <div class="f">
            <span class="g">{fill(s.progress, { i: step + 1, n: questions.length })}</span>
            {step > 0 ? (
              <button type="button" class="b" onClick={() => setStep(step - 1)}>
                {s.back}
              </button>
            ) : null}
            <button type="button" class="b pr" disabled={busy} onClick={next}>
              {step === questions.length - 1 ? s.send : s.next}
            </button>
          </div>
        </>
      );
    } else {
      const reward = survey.reward;
      body = (
        <>
          <h2 id="t" tabIndex={-1} ref={heading}>
            {s.thanks}
          </h2>
          {delivery === "queued" ? (
            <p class="m" role="status">
              {s.queued}
            </p>
          ) : null}
          {reward ? (
            <>
              <p>{localizedText(reward.text, locale)}</p>
              {reward.code ? (
                <div class="w">
                  <code>{reward.code}</code>
                  <button
                    type="button"
                    class="b"
                    onClick={() =>
                      navigator.clipboard?.writeText(reward.code!).then(
                        () => setNote(s.copied),
                        () => {},
                      )
                    }
                  >
                    {s.copy}
                  </button>
                </div>
              ) : null}
            </>
          ) : null}
          <p class="m" role="status">
            {note}
          </p>
          <div class="f">
            <button
              type="button"
              class="l"
              onClick={async () => setNote(o.preview || (await forget(session)) ? s.withdrawn : s.forgetFailed)}
            >
              {s.withdraw}
            </button>
            <button type="button" class="b pr" onClick={() => close("done")}>
              {s.close}
            </button>
          </div>
        </>
      );
    }

    return (
      <div
        class="p"
        role="dialog"
        aria-modal={center ? "true" : "false"}
        aria-label={s.dialog}
        lang={locale}
        dir={s.dir ?? "ltr"}
        onKeyDown={onKey}
      >
        <button type="button" class="x" aria-label={s.close} onClick={() => close(done ? "done" : "dismissed")}>
          ×
        </button>
        {body}
      </div>
    );
  }
}
