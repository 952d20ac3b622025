/**
 * Where the loader's surveys go on the page: a popup (the survey its trigger chose), or in place
 * (`<div data-feedback-survey="ID" data-context-order-id="A-1042">` in the shop's page, drawn once,
 * whatever the triggers say).
 * Both record what the visitor saw and did in their browser and tell the page's listeners.
 */
import type { ConfigSurvey, SiteConfig } from "../../shared/types";
import type { OpenOptions, SiteFacts } from "./contract";
import { contextOf } from "./dataset";
import { open } from "./host";
import { remember } from "./visitor";

const optionsFor = (
  survey: ConfigSurvey,
  config: SiteConfig,
  session: SiteFacts,
  onClose: OpenOptions["onClose"],
): OpenOptions => ({
  survey,
  strings: window.__fbL10n![config.locale]!,
  policyUrl: config.policy.url,
  retentionDays: config.policy.retentionDays,
  session,
  onSubmitted(queued) {
    remember(session, (me) => {
      me.done[survey.id] = 1;
    });
    session.emit("submitted", { survey: survey.id, queued });
  },
  onClose,
});

/** The survey as a popup; `closed` is called once it closes (or could not be drawn). */
export function popup(survey: ConfigSurvey, config: SiteConfig, session: SiteFacts, closed: () => void) {
  const id = survey.id;
  return open({
    ...optionsFor(survey, config, session, (reason) => {
      closed();
      if (reason === "dismissed") session.emit("dismissed", { survey: id });
    }),
    // Cooldown and fatigue start only once the survey is on screen (not when it failed to load or draw).
    onShown() {
      remember(session, (me) => {
        me.seen[id] = me.last[session.site] = Date.now();
      });
      session.emit("shown", { survey: id });
    },
    onError() {
      closed();
      session.emit("error", { survey: id, reason: "ui" });
    },
  });
}

/** Every `[data-feedback-survey]` element of the page not drawn yet, with its survey if the config serves it. */
export function inline(config: SiteConfig, session: SiteFacts): void {
  for (const el of document.querySelectorAll<HTMLElement>("[data-feedback-survey]")) {
    const survey = config.surveys.find((s) => s.id === el.dataset.feedbackSurvey);
    if (!survey || el.shadowRoot) continue;
    // The element's own data-context-* (the order it shows) add to the snippet's context.
    const own = contextOf(el.dataset);
    const facts = { ...session, context: () => ({ ...session.context(), ...own }) };
    open(
      {
        ...optionsFor(survey, config, facts, () => {}),
        channel: "inline",
        inline: true,
        onShown: () => session.emit("shown", { survey: survey.id, inline: true }),
      },
      el,
    );
  }
}
