/**
 * The language of the widget's interface and of the hosted survey page: the first candidate that is
 * a built-in locale (`data-locale` or `lang=`, then `<html lang>` or Accept-Language, then the
 * browser's languages); English when none is. Zod-free: the loader uses it.
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
