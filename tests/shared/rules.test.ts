import { describe, expect, it } from "vitest";
import {
  CONTEXT_KEY_PATTERN,
  CONTEXT_PATTERN_ATTRIBUTE,
  SCORE_RANGE,
  SEGMENT_RANGE,
  UNHAPPY_MAX,
} from "../../shared/constants";
import { isUnhappy, npsSegment } from "../../shared/scoring";

describe("business rules", () => {
  it("NPS segments › 0–6 detractors, 7–8 passives, 9–10 promoters, covering the scale once", () => {
    const segments = Array.from({ length: 11 }, (_, score) => npsSegment(score));
    expect(segments).toEqual([...Array(7).fill("detractor"), "passive", "passive", "promoter", "promoter"]);
    const covered = Object.values(SEGMENT_RANGE).flatMap(([lo, hi]) =>
      Array.from({ length: hi - lo + 1 }, (_, i) => lo + i),
    );
    expect(covered.sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i));
  });

  it("unhappy answers › NPS 0–6, CSAT 1–2, CES 1–2, thumbs down; nothing else", () => {
    expect(UNHAPPY_MAX.nps).toBe(SEGMENT_RANGE.detractor[1]);
    expect([6, 7].map((s) => isUnhappy("nps", s))).toEqual([true, false]);
    expect([2, 3].map((s) => isUnhappy("csat", s))).toEqual([true, false]);
    expect([1, 2, 3].map((s) => isUnhappy("ces", s))).toEqual([true, true, false]);
    expect([0, 1].map((s) => isUnhappy("thumbs", s))).toEqual([true, false]);
    // Every value of every scale: unhappy exactly up to its boundary.
    const unhappyValues = Object.entries(SCORE_RANGE).map(([type, [lo, hi]]) => [
      type,
      Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).filter((v) => isUnhappy(type, v)),
    ]);
    expect(Object.fromEntries(unhappyValues)).toEqual({
      nps: [0, 1, 2, 3, 4, 5, 6],
      csat: [1, 2],
      ces: [1, 2],
      thumbs: [0],
    });
    expect(isUnhappy("text", 0)).toBe(false);
    expect(isUnhappy("nps", null)).toBe(false);
    for (const [type, [lo]] of Object.entries(SCORE_RANGE)) expect(isUnhappy(type, lo), type).toBe(true);
  });

  it("context keys › the HTML pattern is the same rule as the regular expression", () => {
    expect(new RegExp(`^${CONTEXT_PATTERN_ATTRIBUTE}$`).source).toBe(CONTEXT_KEY_PATTERN.source);
  });
});
