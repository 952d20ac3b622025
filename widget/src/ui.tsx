/**
 * widget-ui.js: the Preact UI, fetched by the loader only when a survey is about to show.
 * Renders into an open shadow root on a host element of its own; focus goes in on open and
 * back where it was on close. Non-modal: the page stays usable (except the "center" modal).
 */
import { Fragment, h, render } from "preact";
import type { OpenOptions, UiModule } from "./contract";
import { contextOf } from "./dataset";
import { mountShadow } from "./mount";
import { panel } from "./panel";
import { Options } from "./questions/options";
import { themeCss } from "./styles";
import { coveredBottom } from "./viewport";
import { remember } from "./visitor";

export function open(o: OpenOptions, container?: HTMLElement): () => void {
  // A custom element name: shop CSS aimed at `div`s (`body > div`, `main div`) cannot reach it.
  const host = container ?? document.createElement("feedback-widget");
  const previous = document.activeElement as HTMLElement | null;
  host.setAttribute("data-pos", o.survey.theme.position);
  if (o.preview) host.setAttribute("data-preview", "");
  if (o.inline) host.setAttribute("data-inline", "");
  const plus = window.__fbPlus?.({ h, Fragment, Options });
  const [root, setVars] = mountShadow(host, themeCss(o.survey.colors) + (plus?.css ?? ""));
  if (!container) document.body.appendChild(host);
  // A fixed panel sits under a phone's keyboard (the keyboard shrinks only the visual viewport):
  // lift it by the covered height, so the text field stays visible while typing.
  const vv = o.preview ? null : window.visualViewport;
  const fit = () => setVars(`:host{--kb:${coveredBottom(innerHeight, vv!)}px}`);
  vv?.addEventListener("resize", fit);
  vv?.addEventListener("scroll", fit);
  let closed = false;
  let detach = () => {};
  const close = (reason: "dismissed" | "done") => {
    if (closed) return;
    closed = true;
    detach();
    vv?.removeEventListener("resize", fit);
    vv?.removeEventListener("scroll", fit);
    // Give focus back only if it is still ours: a page control the customer moved to keeps it.
    const hadFocus = document.activeElement === host;
    render(null, root);
    if (!container) host.remove();
    if (hadFocus && !o.preview) previous?.focus?.();
    o.onClose(reason);
  };
  try {
    detach = panel(o, o.session, plus, root, close);
  } catch (e) {
    // A survey this version cannot draw (e.g. a question type it does not know) leaves no trace.
    if (!container) host.remove();
    throw e;
  }
  return () => close("dismissed");
}

const popup: UiModule["popup"] = (survey, config, session, closed) => {
  const id = survey.id;
  const close = open({
    survey,
    strings: window.__fbL10n![config.locale]!,
    policyUrl: config.policy.url,
    retentionDays: config.policy.retentionDays,
    session,
    onSubmitted(queued) {
      remember(session, (me) => {
        me.done[id] = 1;
      });
      session.emit("submitted", { survey: id, queued });
    },
    onClose(reason) {
      closed();
      if (reason === "dismissed") session.emit("dismissed", { survey: id });
    },
  });
  // Cooldown and fatigue start only once the survey is on screen (not when the UI failed to load).
  remember(session, (me) => {
    me.seen[id] = me.last[session.site] = Date.now();
  });
  session.emit("shown", { survey: id });
  return close;
};

/** Surveys drawn in place on the shop's page, recorded as `inline` (an element drawn already is left alone). */
const embed: UiModule["embed"] = (config, session) => {
  for (const host of document.querySelectorAll<HTMLElement>("[data-feedback-survey]")) {
    const survey = config.surveys.find((s) => s.id === host.dataset.feedbackSurvey);
    if (!survey || host.shadowRoot) continue;
    const own = contextOf(host.dataset);
    open(
      {
        survey,
        strings: window.__fbL10n![config.locale]!,
        policyUrl: config.policy.url,
        retentionDays: config.policy.retentionDays,
        session: { ...session, context: () => ({ ...session.context(), ...own }) },
        channel: "inline",
        inline: true,
        onSubmitted: (queued) => session.emit("submitted", { survey: survey.id, queued }),
        onClose() {},
      },
      host,
    );
  }
};

window.__fbUI = { open, popup, embed } satisfies UiModule;
