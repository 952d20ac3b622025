/**
 * Sites and surveys of the widget's browser tests, made by the file's owner (live-stack.ts), the
 * answers they stored, and a watched page of the file's browser.
 */
import { browser, owner, stack } from "./live-stack";
import { watch as watchPage } from "./widget-page";

export const TRIGGER = { delaySeconds: 0, scrollPercent: 0, exitIntent: false, sample: 1, cooldownDays: 0 };

/**
 * Each test gets its own site, so that one test's surveys never show in another's page. Without
 * the site's fatigue cap: these tests show several surveys to one visitor (tests/e2e/targeting covers it).
 */
export async function siteWith(survey: Record<string, unknown>) {
  const site = await owner.json<{ id: string; key: string }>("POST", "/api/sites", {
    name: "Coffee & Co",
    origins: [stack.shopUrl],
    retentionDays: 90,
    fatigueDays: 0,
  });
  const { id } = await owner.json<{ id: string }>("POST", `/api/sites/${site.id}/surveys`, {
    name: "Survey",
    theme: { accent: "#0a7cff", position: "bottom-right" },
    ...survey,
  });
  return { ...site, surveyId: id };
}

/** A further survey of a site (the widget weighs surveys in the order they were created). */
export const addSurvey = async (siteId: string, survey: Record<string, unknown>) =>
  (await owner.json<{ id: string }>("POST", `/api/sites/${siteId}/surveys`, { name: "Second", ...survey })).id;

export const responses = async (siteId: string): Promise<any[]> =>
  (await owner.json("GET", `/api/sites/${siteId}/responses?limit=100`)).items;

export const watch = (opts: { bypassCSP?: boolean; permissions?: string[] } = {}) => watchPage(browser, opts);
