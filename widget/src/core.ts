/**
 * The loader's logic, shared by the script-tag entry (index.ts) and the ESM entry (esm.ts):
 * reads the site config, evaluates triggers (again on SPA route changes), loads the UI only
 * when a survey is about to show (or to send what an earlier page left in the outbox).
 */
import type { ConfigSurvey, SiteConfig } from "../../shared/types";
import { fetchConfig } from "./api";
import type { EventName, SiteFacts, UiModule } from "./contract";
import { outboxKey } from "./queue";
import { read, write } from "./storage";
import { arm, deviceOf, inCooldown, mayOpen } from "./triggers";
import { nextVisit, VISITOR_KEY, type VisitorState } from "./visitor";
import { sampleOf, warmFonts } from "./warm-fonts";

/**
 * Content hashes of the UI and locale files by base name, set at build time: `false` in widget.js
 * (plain names, short cache), every file's in the pinned SRI loader (immutable hashed names).
 */
declare const __HASHES__: Record<string, string> | false;
/**
 * sha384 integrity by base name in the pinned loader, so that the SRI chain goes on past the
 * loader (a changed UI file is refused too); `false` in widget.js, where the minifier drops it.
 */
declare const __SRI__: Record<string, string> | false;
const file = (name: string) => (__HASHES__ ? `${name}.${__HASHES__[name]}.js` : `${name}.js`);

export interface StartOptions {
  site: string;
  collector: string;
  locale?: string | null;
  context?: Record<string, string>;
}

export interface FeedbackApi {
  show(surveyId?: string): void;
  hide(): void;
  setContext(context: Record<string, string>): void;
  forget(): Promise<boolean>;
  on(event: EventName, fn: (detail: unknown) => void): void;
  /** A custom event of the page (`added_to_cart`): surveys may open on its Nth time in the visit. */
  track(name: string): void;
}

const load = (base: string, name: string) =>
  new Promise<void>((resolve, reject) => {
    const s = document.createElement("script");
    s.src = `${base}/${file(name)}`;
    if (__SRI__) {
      s.integrity = __SRI__[name]!;
      s.crossOrigin = "anonymous";
    }
    s.onload = resolve as () => void;
    s.onerror = reject;
    document.head.appendChild(s);
  });

export function start(o: StartOptions): FeedbackApi {
  const base = o.collector.replace(/\/+$/, "");
  const listeners: Partial<Record<EventName, ((d: unknown) => void)[]>> = {};
  let context = { ...o.context };
  // The visitor state: this page load is counted into the visits on first use (when the config has
  // come, a task after the page's own: the first localStorage read of a page can be slow), and it is
  // re-read before each decision, since other tabs change it.
  const landing = location.search;
  let me: VisitorState | undefined;
  const latest = (): VisitorState => {
    const stored = read<VisitorState>(VISITOR_KEY);
    me = me ? (stored ?? me) : nextVisit(stored, Date.now(), landing);
    write(VISITOR_KEY, me);
    return me;
  };
  // The landing page's campaign first: what the page sets wins over it.
  const contextNow = () => ({ ...(me ?? latest()).utm, ...context });
  let config: SiteConfig | null = null;
  let disarm: (() => void) | null = null;
  let close: (() => void) | null = null;

  // `ready` is told again to a listener that comes after it (as a late `Feedback.on("ready")`).
  let ready: unknown;
  const emit = (e: EventName, detail: unknown) => {
    if (e === "ready") ready = detail;
    for (const fn of listeners[e] ?? []) {
      try {
        fn(detail);
      } catch {
        /* a listener's error is not ours to throw */
      }
    }
  };

  /**
   * The UI and the visitor's strings (and widget-plus.js when needed), fetched in parallel while the
   * survey's fonts are looked up (warm-fonts.ts, with its first question's letters; not once the UI is
   * here: an earlier survey of this page looked them up). `stop` takes the look-up's box away early.
   */
  const ui = (c: SiteConfig, plus: boolean, survey?: ConfigSurvey) => {
    const fonts = window.__fbUI ? null : warmFonts(sampleOf(survey?.questions[0]?.text[c.locale] ?? ""), c.locale);
    const stop = () => fonts?.stop();
    const loaded = Promise.all([
      window.__fbUI ? 0 : load(base, "widget-ui"),
      window.__fbL10n?.[c.locale] ? 0 : load(base, `widget-l10n-${c.locale}`),
      plus && !window.__fbPlus ? load(base, "widget-plus") : 0,
      fonts?.done,
    ]).then(
      (): UiModule => window.__fbUI!,
      (e) => {
        stop();
        throw e;
      },
    );
    return { loaded, stop };
  };

  const sender = async () => {
    if (!window.__fbSend) await load(base, "widget-send");
    return window.__fbSend!;
  };

  const session = (policyVersion: string): SiteFacts => ({
    base,
    site: o.site,
    policyVersion,
    locale: config?.locale ?? "en",
    context: contextNow,
    read,
    write,
    emit,
    sender,
  });

  // Never rejects: a widget-send.js that cannot be fetched reads as "not done".
  const forget = () =>
    sender().then(
      (m) => m.forget(session("")),
      () => false,
    );

  /**
   * Never rejects. `close` is set while the UI loads, so that no second survey starts meanwhile; called
   * then (`hide()`), it stops the loading survey from opening.
   */
  const show = async (survey: ConfigSurvey) => {
    if (close || !config) return;
    disarm?.();
    const { loaded, stop } = ui(config, survey.plus, survey);
    let cancelled = false;
    close = () => {
      cancelled = true;
      stop();
      close = null;
    };
    try {
      const m = await loaded;
      if (cancelled) return;
      close = m.popup(survey, config, session(config.policy.version), () => {
        close = null;
      });
    } catch {
      if (cancelled) return;
      close = null;
      emit("error", { survey: survey.id, reason: "ui" });
    }
  };

  const device = () => deviceOf(matchMedia("(pointer:coarse)").matches, Math.min(screen.width, screen.height));
  /** Whether the survey may open now: checked when armed, and again when it fires (another tab may have shown one). */
  const mayOpenNow = (survey: ConfigSurvey) => {
    const now = Date.now();
    const v = latest();
    const may =
      !!config &&
      !inCooldown(v.last[o.site], config.fatigueDays, now) &&
      mayOpen(survey, { path: location.pathname, now, device: device(), context: contextNow(), me: v });
    write(VISITOR_KEY, v); // with the draw mayOpen may have made
    return may;
  };
  /**
   * Every survey that may open is armed, in priority order: the first whose timing is met opens, so
   * one that cannot open now (sampled out, its event not seen, exit intent on a phone) keeps no other back.
   * Runs from timers and promise callbacks: a malformed config must not surface as a page error.
   */
  const evaluate = () => {
    try {
      disarm?.();
      disarm = null;
      if (!config) return;
      // Surveys the page places itself are drawn in place (their look is in widget-plus.js).
      const c = config;
      const placed = document.querySelector<HTMLElement>("[data-feedback-survey]");
      if (placed)
        ui(
          c,
          true,
          c.surveys.find((s) => s.id === placed.dataset.feedbackSurvey),
        ).loaded.then(
          (m) => m.inline(c, session(c.policy.version)),
          () => {},
        );
      if (close) return;
      const offs = config.surveys
        .filter(mayOpenNow)
        .map((s) => arm(s.trigger, device(), () => mayOpenNow(s) && void show(s)));
      disarm = () => offs.map((off) => off());
    } catch {
      /* stay silent */
    }
  };

  // Single-page shops: re-evaluate on route changes, without fetching the config again.
  for (const m of ["pushState", "replaceState"] as const) {
    const original = history[m];
    // Weighed in a later task, once the new address is in place.
    history[m] = (...args: Parameters<History["pushState"]>) => {
      setTimeout(evaluate);
      return original.apply(history, args);
    };
  }
  addEventListener("popstate", () => setTimeout(evaluate));
  // A config that came before the page was parsed (from the cache) is weighed again then: an element
  // <div data-feedback-survey> further down the page exists only from here on.
  addEventListener("DOMContentLoaded", evaluate);

  const track = (name: string) => {
    const v = latest();
    v.ev[name] = (v.ev[name] ?? 0) + 1;
    write(VISITOR_KEY, v);
    evaluate();
  };
  // A click on (or inside) an element carrying data-feedback-event counts as that event. Capture
  // phase: a page handler that stops the click's propagation does not hide it.
  addEventListener(
    "click",
    (e) => {
      const marked = (e.target as Element | null)?.closest?.<HTMLElement>("[data-feedback-event]");
      const name = marked?.dataset.feedbackEvent;
      if (name) track(name);
    },
    true,
  );

  // A show() that came before the config is honoured when it arrives ("": any survey).
  let asked: string | undefined;
  const showAsked = () => {
    const s = config?.surveys.find((x) => !asked || x.id === asked);
    if (s) void show(s);
  };
  // The collector picks the language (and leaves out surveys not written in it, where they ask so).
  const langs = [o.locale, document.documentElement.lang, ...navigator.languages].filter(Boolean).join();
  void fetchConfig(base, o.site, langs).then((c) => {
    // Answers an earlier page could not deliver: widget-send.js (which holds the outbox) sends them.
    if (read(outboxKey(base)))
      sender().then(
        (mod) => mod.flush(session("")),
        () => {},
      );
    config = c;
    if (asked !== undefined) showAsked();
    evaluate();
    emit("ready", { surveys: c ? c.surveys.length : 0 });
  });

  return {
    show(surveyId) {
      asked = surveyId ?? "";
      showAsked();
    },
    hide() {
      close?.();
    },
    track,
    setContext(c) {
      context = { ...context, ...c };
      evaluate();
    },
    forget,
    on(e, fn) {
      listeners[e] = [...(listeners[e] ?? []), fn];
      if (e === "ready" && ready) fn(ready);
    },
  };
}
