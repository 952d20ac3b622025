/**
 * Trigger rules: whether a survey may open for this visitor on this page (pure, unit-tested), then
 * `arm`, which waits for delay, scroll depth and exit intent. Nothing here is ever sent anywhere.
 */
import type { TargetDevice } from "../../shared/constants";
import { contextHolds } from "../../shared/targeting";
import type { ConfigSurvey, Trigger } from "../../shared/types";

/**
 * Glob over the path: `*` is any run of characters, everything else literal (every non-word
 * character is escaped: an identity escape outside unicode mode, and shorter than a list).
 */
export function pageMatches(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => new RegExp(`^${p.replace(/[^\w*]/g, "\\$&").replace(/\*/g, ".*")}$`).test(path));
}

export const inCooldown = (lastSeen: number | null, cooldownDays: number, now: number): boolean =>
  lastSeen !== null && cooldownDays > 0 && now - lastSeen < cooldownDays * 864e5;

/** Phones and tablets have a coarse pointer; a phone's shorter screen side is under 600 CSS px. */
export const deviceOf = (coarse: boolean, shortSide: number): TargetDevice =>
  !coarse ? "desktop" : shortSide < 600 ? "phone" : "tablet";

/** What the loader knows of the visitor and the page (kept in the visitor's browser only). */
export interface Visitor {
  path: string;
  now: number;
  device: TargetDevice;
  /** In the first visit to the shop. */
  fresh: boolean;
  /** Custom events of this visit, by name. */
  events: Record<string, number>;
  context: Record<string, string>;
  /** When the survey was last shown to this visitor (ms), or null. */
  seen(id: string): number | null;
  /** Whether the visitor completed the survey. */
  done(id: string): boolean;
  /** The visitor's own draw in [0, 1) for the survey, made once and kept: sampling holds across pages and visits. */
  draw(id: string): number;
}

/** Every rule of the survey's trigger but timing (delay, scroll, exit intent: `arm` waits for those). */
export function mayOpen({ id, trigger: t }: ConfigSurvey, v: Visitor): boolean {
  return (
    pageMatches(t.pages, v.path) &&
    !pageMatches(t.excludePages, v.path) &&
    !inCooldown(v.seen(id), t.cooldownDays, v.now) &&
    !(t.askAgain === "unanswered" && v.done(id)) &&
    (!t.devices || t.devices.includes(v.device)) &&
    (t.visitors === "new" ? v.fresh : t.visitors !== "returning" || !v.fresh) &&
    (!t.event || (v.events[t.event.name] ?? 0) >= t.event.times) &&
    contextHolds(t.context, v.context) &&
    // Last: a draw is made only for a survey that could otherwise open.
    v.draw(id) < t.sample
  );
}

export const scrolledPercent = (): number => {
  const el = document.documentElement;
  const max = el.scrollHeight - innerHeight;
  return max <= 0 ? 100 : (100 * scrollY) / max;
};

/** Waits until every condition of `t` holds, then calls `fire` once. Returns a disarm function. */
export function arm(t: Trigger, fire: () => void): () => void {
  const desktop = matchMedia("(pointer: fine)").matches;
  if (t.exitIntent && !desktop) return () => {};
  const ready = { delay: false, scroll: t.scrollPercent <= 0, exit: !t.exitIntent };
  const check = () => {
    if (ready.delay && ready.scroll && ready.exit) {
      off();
      fire();
    }
  };
  const onScroll = () => {
    if (scrolledPercent() >= t.scrollPercent) {
      ready.scroll = true;
      check();
    }
  };
  const onOut = (e: MouseEvent) => {
    if (!e.relatedTarget && e.clientY <= 0) {
      ready.exit = true;
      check();
    }
  };
  const timer = setTimeout(() => {
    ready.delay = true;
    check();
  }, t.delaySeconds * 1000);
  const off = () => {
    clearTimeout(timer);
    removeEventListener("scroll", onScroll);
    document.removeEventListener("mouseout", onOut);
  };
  if (!ready.scroll) addEventListener("scroll", onScroll, { passive: true });
  if (!ready.exit) document.addEventListener("mouseout", onOut);
  return off;
}
