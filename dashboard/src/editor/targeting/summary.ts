/**
 * A survey's targeting in one sentence of plain words, under the editor's settings:
 * "Shown to 20% of returning visitors on phones, at most once every 14 days." Pure, unit-tested.
 */
import type { ContextCondition, Schedule, Trigger } from "../../../../shared/types";

/** Context operators as the editor says them. */
export const OP_WORDS: Record<ContextCondition["op"], string> = {
  eq: "is",
  neq: "is not",
  lt: "is less than",
  lte: "is at most",
  gt: "is more than",
  gte: "is at least",
  in: "is one of",
};

const list = (items: string[], and = "and") =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`;

const ordinal = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
};

const day = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const DEVICE_WORDS = { phone: "phones", tablet: "tablets", desktop: "computers" } as const;

export function conditionWords(c: ContextCondition): string {
  const value = Array.isArray(c.value) ? c.value.join(", ") : String(c.value);
  return `${c.key} ${OP_WORDS[c.op]} ${value}`;
}

export function targetingSummary(t: Trigger, schedule?: Schedule): string {
  const kind = t.visitors === "new" ? "new visitor" : t.visitors === "returning" ? "returning visitor" : "visitor";
  const who = t.sample >= 1 ? `every ${kind}` : `${Math.round(t.sample * 1000) / 10}% of ${kind}s`;
  const parts = [`Shown to ${who}`];
  if (t.devices && t.devices.length < 3) parts[0] += ` on ${list(t.devices.map((d) => DEVICE_WORDS[d]))}`;
  if (t.language === "translated") parts[0] += " who read one of its languages";
  const pages = t.pages.filter((p) => p !== "*");
  if (pages.length) parts.push(`on ${list(pages.slice(0, 3), "or")}${pages.length > 3 ? " (and more)" : ""}`);
  if (t.excludePages.length) parts.push(`except ${list(t.excludePages.slice(0, 3), "or")}`);
  if (t.event) {
    const times = t.event.times > 1 ? `the ${ordinal(t.event.times)} time` : "once";
    parts.push(`${times} the page reports "${t.event.name}"`);
  }
  if (t.context.length) parts.push(`when ${list(t.context.map(conditionWords))}`);
  const timing = [
    t.delaySeconds > 0 ? `after ${t.delaySeconds} s` : "",
    t.scrollPercent > 0 ? `after scrolling ${t.scrollPercent}%` : "",
    t.exitIntent ? "when the pointer leaves the page (computers only)" : "",
  ].filter(Boolean);
  if (timing.length) parts.push(list(timing));
  const again = t.askAgain === "unanswered" ? ", and never again once answered" : "";
  parts.push(t.cooldownDays > 0 ? `at most once every ${t.cooldownDays} days${again}` : `on every visit${again}`);
  if (schedule?.startsAt) parts.push(`from ${day(schedule.startsAt)}`);
  if (schedule?.endsAt) parts.push(`until ${day(schedule.endsAt)}`);
  if (schedule?.maxResponses) parts.push(`until ${schedule.maxResponses} completed responses`);
  return `${parts.join(", ")}.`;
}
