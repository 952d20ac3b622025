/**
 * The visitor's flags kept in their browser by the loader and the UI, never sent: when a survey
 * was last shown (its cooldown), whether it was completed ("ask again only if not answered"), and
 * when any survey of the site was last shown (the site's fatigue cap, across tabs).
 */
export const seenKey = (surveyId: string) => `fb_seen:${surveyId}`;
export const doneKey = (surveyId: string) => `fb_done:${surveyId}`;
export const lastShownKey = (site: string) => `fb_last:${site}`;
