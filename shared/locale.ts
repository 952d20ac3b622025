/**
 * The visitor's language among those the widget ships: the first of the candidates (the page's
 * `data-locale`, then `<html lang>`, then the browser's languages) that is built in; English when
 * none is. Decided by the collector from the candidates the loader sends with the config request.
 */
import { BUILT_IN_LOCALES } from "./constants";

export function pickLocale(candidates: readonly (string | null | undefined)[]): string {
  for (const c of candidates) {
    if (!c) continue;
    const lang = c.toLowerCase().split(/[-_]/)[0]!;
    if ((BUILT_IN_LOCALES as readonly string[]).includes(lang)) return lang;
  }
  return "en";
}

/** The `lang` parameter of the config request: candidates in order, comma-separated. */
export const localeCandidates = (param: string | undefined): string[] => (param ?? "").split(",").slice(0, 12);
