/**
 * The loader's logic, shared by the script-tag entry (index.ts) and the ESM entry (esm.ts):
 * reads the site config, evaluates triggers (again on SPA route changes), loads the UI only
 * when a survey is about to show (or to send what an earlier page left in the outbox).
 */
import type { ConfigSurvey, SiteConfig } from "../../shared/types";
import { fetchConfig } from "./api";
import type { EventName, OpenOptions, SiteFacts, UiModule } from "./contract";
import type { Strings } from "./i18n/types";
import { embed } from "./inline";
import { pickLocale } from "./locale";
import { outboxKey } from "./queue";
import { read, write } from "./storage";
import { arm, inCooldown, pageMatches, sampled } from "./triggers";

/**
 * Content hashes of the UI and locale files by base name, set at build time: empty in widget.js
 * (plain names, short cache), filled in the pinned SRI loader (immutable hashed names).
 */
declare const __HASHES__: Record<string, string>;
/**
 * sha384 integrity by base name in the pinned loader, so that the SRI chain goes on past the
 * loader (a changed UI file is refused too); `false` in widget.js, where the minifier drops it.
 */
declare const __SRI__: Record<string, string> | false;
const file = (name: string) => `${name}${__HASHES__[name] ? `.${__HASHES__[name]}` : ""}.js`;

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
  let config: SiteConfig | null = null;
  let disarm: (() => void) | null = null;
  let close: (() => void) | null = null;
  const locale = pickLocale([o.locale, document.documentElement.lang, ...navigator.languages]);

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

  /** The UI and the visitor's strings (and widget-plus.js for a survey that needs it), fetched in parallel. */
  const ui = async (survey: ConfigSurvey): Promise<[UiModule, Strings]> => {
    await Promise.all([
      window.__fbUI ? 0 : load(base, "widget-ui"),
      window.__fbL10n?.[locale] ? 0 : load(base, `widget-l10n-${locale}`),
      survey.plus && !window.__fbPlus ? load(base, "widget-plus") : 0,
    ]);
    return [window.__fbUI!, window.__fbL10n![locale]!];
  };

  const sender = async () => {
    if (!window.__fbSend) await load(base, "widget-send");
    return window.__fbSend!;
  };

  const session = (policyVersion: string): SiteFacts => ({
    base,
    site: o.site,
    policyVersion,
    locale,
    context: () => context,
    read,
    write,
    emit,
    sender,
  });

  const forget = async () => {
    try {
      return await (await sender()).forget(session(""));
    } catch {
      return false;
    }
  };

  /** Never rejects. `close` is set while the UI loads, so that no second survey starts meanwhile. */
  const show = async (survey: ConfigSurvey) => {
    if (close || !config) return;
    disarm?.();
    close = () => {};
    try {
      const [mod, strings] = await ui(survey);
      const options: OpenOptions = {
        survey,
        strings,
        policyUrl: config.policy.url,
        retentionDays: config.policy.retentionDays,
        session: session(config.policy.version),
        onSubmitted: (queued) => emit("submitted", { survey: survey.id, queued }),
        onClose: (reason) => {
          close = null;
          if (reason === "dismissed") emit("dismissed", { survey: survey.id });
        },
      };
      close = mod.open(options);
      // The cooldown starts only once the survey was really shown (not when the UI failed to load).
      write(`fb_seen:${survey.id}`, Date.now());
      emit("shown", { survey: survey.id });
    } catch {
      close = null;
      emit("error", { survey: survey.id, reason: "ui" });
    }
  };

  // One draw per page load: SPA route changes must not give a sampled-out visitor new chances.
  const roll = Math.random();
  /** Runs from timers and promise callbacks: a malformed config must not surface as a page error. */
  const evaluate = () => {
    try {
      disarm?.();
      disarm = null;
      if (!config || close) return;
      const now = Date.now();
      const survey = config.surveys.find(
        (s) =>
          pageMatches(s.trigger.pages, location.pathname) &&
          !inCooldown(read<number>(`fb_seen:${s.id}`), s.trigger.cooldownDays, now),
      );
      if (survey && sampled(survey.trigger.sample, roll)) disarm = arm(survey.trigger, () => void show(survey));
    } catch {
      /* stay silent */
    }
  };

  // Single-page shops: re-evaluate on route changes, without fetching the config again.
  for (const m of ["pushState", "replaceState"] as const) {
    const original = history[m];
    history[m] = function (this: History, ...args: Parameters<History["pushState"]>) {
      const r = original.apply(this, args);
      setTimeout(evaluate);
      return r;
    };
  }
  addEventListener("popstate", () => setTimeout(evaluate));

  // Answers an earlier page could not deliver: widget-send.js (which holds the outbox) sends them.
  if (read(outboxKey(base)))
    sender().then(
      (mod) => mod.flush(session("")),
      () => {},
    );
  // A show() that came before the config is honoured when it arrives ("": any survey).
  let asked: string | undefined;
  const showAsked = () => {
    const s = config?.surveys.find((x) => !asked || x.id === asked);
    if (s) void show(s);
  };
  void fetchConfig(base, o.site).then((c) => {
    config = c;
    embed(c, ui, session);
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
    setContext(c) {
      context = { ...context, ...c };
    },
    forget,
    on(e, fn) {
      listeners[e] = [...(listeners[e] ?? []), fn];
      if (e === "ready" && ready) fn(ready);
    },
  };
}
