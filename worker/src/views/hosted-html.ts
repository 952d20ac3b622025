/**
 * The HTML of the hosted survey page: no inline script and no inline style (the page is served under a
 * CSP of `script-src 'self'; style-src 'self'`). The survey's data travels as a JSON data block, which
 * browsers never execute; widget-hosted.js reads it and draws the survey with the widget's own UI.
 * Paths are relative (`../../widget-hosted.js` from `/s/KEY/SURVEY`), so a path prefix in front of the
 * collector keeps working.
 */
import { escapeHtml } from "../../../shared/html";
import type { HostedPageData } from "../../../shared/types";
import type { HostedStrings, PageMessage } from "./hosted-strings";

interface Frame {
  locale: string;
  strings: HostedStrings;
  siteName: string | null;
  policyUrl: string | null;
}

/** An owner's policy link is drawn only when it is http(s): a stored `javascript:` URL never becomes a link. */
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/** JSON inside `<script type="application/json">`: `<` escaped, so no value can close the element. */
const jsonBlock = (data: unknown) => JSON.stringify(data).replace(/</g, "\\u003c");

function page(f: Frame, title: string, head: string, main: string): string {
  const policy = safeUrl(f.policyUrl);
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${e(f.locale)}" dir="${f.strings.dir ?? "ltr"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${e(title)}</title>
<link rel="stylesheet" href="../../widget-hosted.css">
${head}</head>
<body>
<header class="hp-head"><p class="hp-site">${e(f.siteName ?? "")}</p></header>
<main class="hp-main" id="main">
${main}
</main>
<footer class="hp-foot">${policy ? `<a href="${e(policy)}">${e(f.strings.privacy)}</a>` : ""}</footer>
</body>
</html>
`;
}

/** The page that draws the survey: its files preloaded in parallel, the data for widget-hosted.js. */
export function surveyPage(f: Frame, data: HostedPageData): string {
  const files = ["widget-ui.js", `widget-l10n-${data.locale}.js`, "widget-plus.js"];
  const head =
    files.map((name) => `<link rel="preload" as="script" href="../../${name}">\n`).join("") +
    `<script src="../../widget-hosted.js" defer></script>\n` +
    `<script type="application/json" id="fb-page">${jsonBlock(data)}</script>\n`;
  const main =
    `<h1 class="hp-title">${escapeHtml(f.strings.title)}</h1>\n` +
    `<div class="hp-survey" id="fb-survey"></div>\n` +
    `<p class="hp-text" id="fb-failed" role="alert" hidden>${escapeHtml(f.strings.failed)}</p>\n` +
    `<p class="hp-text" id="fb-declined" role="status" hidden>${escapeHtml(f.strings.declined)}</p>\n` +
    `<noscript><p class="hp-text">${escapeHtml(f.strings.noscript)}</p></noscript>`;
  return page(f, `${f.strings.title} · ${f.siteName ?? ""}`, head, main);
}

/** A page that says why there is no survey to answer (unknown, closed, a bad or expired link, answered). */
export function messagePage(f: Frame, message: PageMessage): string {
  const [title, text] = f.strings.messages[message];
  const main =
    `<div class="hp-message"><h1 class="hp-title">${escapeHtml(title)}</h1>\n` +
    `<p class="hp-text">${escapeHtml(text)}</p></div>`;
  return page(f, f.siteName ? `${title} · ${f.siteName}` : title, "", main);
}
