/** Locale: `data-locale`, else `<html lang>`, else the browser's languages; English when none is built in. */
import { BUILT_IN_LOCALES } from "../../shared/constants";

export function pickLocale(candidates: readonly (string | null | undefined)[]): string {
  for (const c of candidates) {
    if (!c) continue;
    const lang = c.toLowerCase().split(/[-_]/)[0]!;
    if ((BUILT_IN_LOCALES as readonly string[]).includes(lang)) return lang;
  }
  return "en";
}
