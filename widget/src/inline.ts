/**
 * Surveys drawn in place on the shop's page, the loader's part:
 *   <div data-feedback-survey="SURVEY_ID" data-context-order-id="A-1042"></div>
 * on a page with the snippet draws that survey inside the element (an order-status page) instead of a
 * popup: the same UI in its own shadow root, consent first, the same outbox. The loader only notices
 * such an element and fetches the UI (with widget-plus.js, which styles a survey drawn in place); the
 * UI finds the elements and their surveys (UiModule.embed): the loader has a byte budget.
 */
import type { ConfigSurvey, SiteConfig } from "../../shared/types";
import type { SiteFacts, UiModule } from "./contract";

export function embed(
  config: SiteConfig | null,
  ui: (config: SiteConfig, survey: ConfigSurvey) => Promise<UiModule>,
  facts: (policyVersion: string) => SiteFacts,
): void {
  // `ui` reads only whether widget-plus.js is needed, which it always is here. A UI that cannot be
  // fetched leaves the element empty, as the shop's page was.
  const draw = () =>
    document.querySelector("[data-feedback-survey]") &&
    ui(config!, { plus: true } as ConfigSurvey).then(
      (mod) => mod.embed(config!, facts(config!.policy.version)),
      () => {},
    );
  // The config may come before the page's body is parsed: the elements are looked for once it is.
  if (config) document.readyState === "loading" ? addEventListener("DOMContentLoaded", draw) : draw();
}
