/** Scheduling, priority and language rules shared by the collector and the loader (shared/targeting.ts). */
import { describe, expect, it } from "vitest";
import { pickLocale } from "../../shared/locale";
import { triggerSchema } from "../../shared/schemas";
import { byPriority, DEFAULT_TRIGGER, forLanguage, isOpen, speaks } from "../../shared/targeting";
import type { Survey } from "../../shared/types";

const T = Date.parse("2026-12-10T12:00:00Z");

describe("DEFAULT_TRIGGER", () => {
  it("is what the schema makes of an empty trigger", () => {
    expect(DEFAULT_TRIGGER).toEqual(triggerSchema.parse({}));
  });
});

describe("isOpen", () => {
  it("from startsAt (inclusive) to endsAt (exclusive), while completed < maxResponses", () => {
    expect(isOpen(undefined, T, 10_000)).toBe(true);
    const window = { startsAt: "2026-12-10T12:00:00Z", endsAt: "2026-12-31T00:00:00Z" };
    expect(isOpen(window, T - 1, 0)).toBe(false);
    expect(isOpen(window, T, 0)).toBe(true);
    expect(isOpen(window, Date.parse(window.endsAt) - 1, 0)).toBe(true);
    expect(isOpen(window, Date.parse(window.endsAt), 0)).toBe(false);
    expect(isOpen({ maxResponses: 500 }, T, 499)).toBe(true);
    expect(isOpen({ maxResponses: 500 }, T, 500)).toBe(false);
  });
});

describe("byPriority", () => {
  it("lower first, ties in the given (creation) order", () => {
    const list = [
      { id: "a", priority: 100 },
      { id: "b", priority: 5 },
      { id: "c", priority: 1 },
      { id: "d", priority: 5 },
    ];
    expect(byPriority(list).map((s) => s.id)).toEqual(["c", "b", "d", "a"]);
    expect(list.map((s) => s.id)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("language", () => {
  const survey = (language: "any" | "translated") =>
    ({
      trigger: { language },
      questions: [
        { text: { en: "How likely…?", "ro-RO": "Cât de probabil…?" } },
        { text: { en: "Why?", ro: "De ce?" } },
      ],
    }) as unknown as Survey;

  it("a survey speaks a language when every question has a text in it (regional tags count)", () => {
    expect(speaks(survey("any"), "ro")).toBe(true);
    expect(speaks(survey("any"), "pl")).toBe(false);
  });

  it("translated › only its languages; any › everyone (in its fallback)", () => {
    expect(forLanguage(survey("translated"), "ro")).toBe(true);
    expect(forLanguage(survey("translated"), "pl")).toBe(false);
    expect(forLanguage(survey("any"), "pl")).toBe(true);
  });

  it("pickLocale › the first built-in candidate; English when none", () => {
    expect(pickLocale(["xx", "pl-PL", "ro"])).toBe("pl");
    expect(pickLocale([])).toBe("en");
  });
});
