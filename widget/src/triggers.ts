/**
 * Trigger rules: whether a survey may open for this visitor on this page (pure, unit-tested), then
 * `arm`, which waits for delay, scroll depth and exit intent. Nothing here is ever sent anywhere.
 */
import type { TargetDevice } from "../../shared/constants";
import { contextHolds } from "../../shared/targeting";
import type { ConfigSurvey, Trigger } from "../../shared/types";
import type { VisitorState } from "./visitor";

/**
 * Glob over the path: `*` is any run of characters, everything else literal (every non-word
 * character is escaped: an identity escape outside unicode mode, and shorter than a list).
 */
export function pageMatches(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => new RegExp(`^${p.replace(/[^\w*]/g, "\\$&").replace(/\*/g, ".*")}$`).test(path));
}

export const inCooldown = (lastSeen: number | null | undefined, cooldownDays: number, now: number): boolean =>
  !!lastSeen && cooldownDays > 0 && now - lastSeen < cooldownDays * 864e5;

/** Phones and tablets have a coarse pointer; a phone's shorter screen side is under 600 CSS px. */
export const deviceOf = (coarse: boolean, shortSide: number): TargetDevice =>
  !coarse ? "desktop" : shortSide < 600 ? "phone" : "tablet";

/** What the loader knows of the visitor and the page (kept in the visitor's browser only). */
export interface Visitor {
  path: string;
  now: number;
  device: TargetDevice;
  context: Record<string, string>;
  /** Its sampling draws are made here, once per survey (the caller stores the state afterwards). */
  me: VisitorState;
}

/** Every rule of the survey's trigger but timing (delay, scroll, exit intent: `arm` waits for those). */
export function mayOpen({ id, trigger: t }: ConfigSurvey, { path, now, device, context, me }: Visitor): boolean {
  return (
    pageMatches(t.pages, path) &&
    !pageMatches(t.excludePages, path) &&
    !inCooldown(me.seen[id], t.cooldownDays, now) &&
    !(t.askAgain === "unanswered" && me.done[id]) &&
    (!t.devices || t.devices.includes(device)) &&
    // A visitor in their first visit is not "returning", and one in a later visit not "new".
    t.visitors !== (me.n < 2 ? "returning" : "new") &&
    (!t.event || (me.ev[t.event.name] ?? 0) >= t.event.times) &&
    contextHolds(t.context, context) &&
    // Last: a draw is made only for a survey that could otherwise open (once: then it is kept).
    // biome-ignore lint/suspicious/noAssignInExpressions: the draw is made where it is read, in the loader's budget
    (me.draw[id] ??= Math.random()) < t.sample
  );
}

/**
 * Waits until every timing condition of `t` holds (delay, scroll depth, exit intent), then calls
 * `fire` once. Exit intent needs a pointer that can leave the page: never on phones and tablets.
 * Returns a disarm function.
 */
export function arm(t: Trigger, device: TargetDevice, fire: () => void): () => void {
  if (t.exitIntent && device !== "desktop") return () => {};
  const ready = { delay: false, scroll: t.scrollPercent <= 0, exit: !t.exitIntent };
  const check = () => {
    if (ready.delay && ready.scroll && ready.exit) {
      off();
      fire();
    }
  };
  const onScroll = () => {
    // A page shorter than the window counts as scrolled to the bottom.
    const max = document.documentElement.scrollHeight - innerHeight;
    if (max <= 0 || (100 * scrollY) / max >= t.scrollPercent) {
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
