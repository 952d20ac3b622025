/**
 * Surveys drawn in place on the shop's page, part of the loader:
 *   <div data-feedback-survey="SURVEY_ID" data-context-order-id="A-1042"></div>
 * on a page with the snippet draws that survey inside the element (an order-status page, an account
 * page) instead of a popup: the same UI in its own shadow root, consent first, the same outbox. The
 * element's `data-context-*` attributes add to the snippet's context (the order it shows).
 */
import type { ConfigSurvey, SiteConfig } from "../../shared/types";
import type { SiteFacts, UiModule } from "./contract";
import type { Strings } from "./i18n/types";

export function embed(
  config: SiteConfig | null,
  ui: (survey: ConfigSurvey) => Promise<[UiModule, Strings]>,
  facts: (policyVersion: string) => SiteFacts,
): void {
  // The config may come before the page's body is parsed: the elements are looked for once it is.
  if (document.readyState === "loading")
    return void addEventListener("DOMContentLoaded", () => embed(config, ui, facts));
  for (const el of document.querySelectorAll<HTMLElement>("[data-feedback-survey]")) {
    const survey = config?.surveys.find((s) => s.id === el.dataset.feedbackSurvey);
    if (!survey) continue;
    const f = facts(config!.policy.version);
    // Drawn in place, which widget-plus.js styles: fetched for every inline survey.
    ui({ ...survey, plus: true }).then(
      ([mod, strings]) => mod.embed(config!, survey, strings, f, el),
      () => f.emit("error", { survey: survey.id, reason: "ui" }),
    );
  }
}
