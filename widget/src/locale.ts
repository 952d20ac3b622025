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

/** The text of `texts` for `locale`, falling back to English, then to any text there is. */
export const localized = (texts: Record<string, string> | undefined, locale: string): string =>
  texts ? (texts[locale] ?? texts[locale.split("-")[0]!] ?? texts.en ?? Object.values(texts)[0] ?? "") : "";
