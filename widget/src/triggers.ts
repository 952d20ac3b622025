/**
 * Trigger rules: when a survey may show on this page view. Pure functions first (unit-tested),
 * then `arm`, which waits for delay, scroll depth and exit intent.
 */
import type { Trigger } from "../../shared/types";

/**
 * Glob over the path: `*` is any run of characters, everything else literal (every non-word
 * character is escaped: an identity escape outside unicode mode, and shorter than a list).
 */
export function pageMatches(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => new RegExp(`^${p.replace(/[^\w*]/g, "\\$&").replace(/\*/g, ".*")}$`).test(path));
}

export const inCooldown = (lastSeen: number | null, cooldownDays: number, now: number): boolean =>
  lastSeen !== null && cooldownDays > 0 && now - lastSeen < cooldownDays * 864e5;

export const sampled = (rate: number, random: number): boolean => random < rate;

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
