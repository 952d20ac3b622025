/** Locale: `data-locale`, else `<html lang>`, else the browser's languages; English when none is built in. */
export { pickLocale } from "../../shared/locale";
