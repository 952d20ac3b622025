/**
 * The text of a survey for one language: the language itself, else its base language (pt for
 * pt-BR), else English, else the first text written, else `fallback`. Zod-free: the widget uses it.
 */
export const localizedText = (
  texts: Readonly<Record<string, string>> | undefined,
  locale: string,
  fallback = "",
): string =>
  (texts && (texts[locale] || texts[locale.split("-")[0]!] || texts.en || Object.values(texts).find(Boolean))) ||
  fallback;
