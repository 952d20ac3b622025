/**
 * widget-hosted.js: the script of the hosted survey page (GET /s/:siteKey/:surveyId), which a link,
 * a QR code or an email opens. It draws the survey in place with the widget's own UI (widget-ui.js,
 * widget-plus.js and the visitor's strings, preloaded by the page), consent first; answers go
 * through widget-send.js and its outbox like the popup's, with the link's context and signature.
 * Its own file: the popup's loader and UI do not grow for it.
 */
import type { HostedPageData } from "../../shared/types";
import type { SiteFacts } from "./contract";
import { outboxKey } from "./queue";
import { read, write } from "./storage";

const script = document.currentScript as HTMLScriptElement;
// The collector is where this script came from (a path prefix in front of it included).
const base = new URL(".", script.src).href.replace(/\/+$/, "");

const load = (name: string) =>
  new Promise<void>((resolve, reject) => {
    const s = document.createElement("script");
    s.src = `${base}/${name}.js`;
    s.onload = () => resolve();
    s.onerror = reject;
    document.head.appendChild(s);
  });

/** The page's chrome in the survey's colours (a constructed sheet: the page's CSP allows no inline style). */
function paint(c: HostedPageData["survey"]["colors"]) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`:root{--accent:${c.accent};--on-accent:${c.on};--link:${c.link};--link-dark:${c.linkDark}}`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/**
 * An answer the collector refused for good: if the page itself has changed its mind (the order was
 * answered in another tab, the link expired meanwhile, the survey closed), show that page instead.
 */
const recheck = () =>
  fetch(location.href, { credentials: "omit" }).then(
    (res) => res.status !== 200 && location.reload(),
    () => {},
  );

const unhide = (id: string) => {
  document.getElementById(id)!.hidden = false;
};

function start() {
  const data = JSON.parse(document.getElementById("fb-page")!.textContent!) as HostedPageData;
  const host = document.getElementById("fb-survey")!;
  paint(data.survey.colors);
  const facts: SiteFacts = {
    base,
    site: data.site,
    policyVersion: data.policy.version,
    locale: data.locale,
    context: () => data.context,
    read,
    write,
    emit: (event) => event === "error" && void recheck(),
    sender: async () => {
      if (!window.__fbSend) await load("widget-send");
      return window.__fbSend!;
    },
    sig: data.sig,
  };
  // Answers an earlier visit could not deliver (offline on a phone) go first.
  if (read(outboxKey(base)))
    facts.sender().then(
      (m) => m.flush(facts),
      () => {},
    );
  Promise.all([load("widget-ui"), load(`widget-l10n-${data.locale}`), load("widget-plus")]).then(
    () =>
      window.__fbUI!.open(
        {
          survey: data.survey,
          strings: window.__fbL10n![data.locale]!,
          policyUrl: data.policy.url,
          retentionDays: data.policy.retentionDays,
          session: facts,
          channel: data.channel,
          inline: true,
          prefill: data.prefill,
          onSubmitted() {},
          // "No, thanks" (the only way to close a survey drawn in place): the page says nothing was sent.
          onClose: () => unhide("fb-declined"),
        },
        host,
      ),
    () => unhide("fb-failed"),
  );
}

start();
