import { describe, expect, it } from "vitest";
import { cesFromDistribution, csatFromDistribution, npsFromDistribution, npsSegment } from "../../shared/scoring";

const nps = (...scores: number[]) => {
  const d = new Array(11).fill(0);
  for (const s of scores) d[s]++;
  return npsFromDistribution(d);
};

describe("NPS", () => {
  it("all promoters › should be 100 with a zero margin", () => {
    expect(nps(9, 10, 10, 9)).toMatchObject({
      score: 100,
      marginOfError: 0,
      promoters: 4,
      passives: 0,
      detractors: 0,
      count: 4,
    });
  });
  it("all detractors › should be -100", () => {
    expect(nps(0, 6, 3)).toMatchObject({ score: -100, marginOfError: 0, detractors: 3 });
  });
  it("empty › should be null, margin null", () => {
    expect(nps()).toMatchObject({ score: null, marginOfError: null, count: 0 });
  });
  it("one answer › should have a score but no margin", () => {
    expect(nps(10)).toMatchObject({ score: 100, marginOfError: null });
  });
  it("mixed › should match the hand-computed score and margin", () => {
    // 5 promoters, 3 passives, 2 detractors of 10: p = .5, d = .2 → 30.0;
    // margin = 1.96·100·sqrt((.5 + .2 − .09)/10) = 1.96·100·sqrt(.061) = 48.408… → 48.4
    expect(nps(10, 10, 9, 9, 9, 8, 7, 7, 6, 0)).toMatchObject({
      score: 30,
      marginOfError: 48.4,
      promoters: 5,
      passives: 3,
      detractors: 2,
    });
  });
  it("rounding › should round to one decimal (1/3 promoters of 3 passives mix)", () => {
    // 1 promoter, 1 passive, 1 detractor: 0.0; 2 promoters + 1 detractor of 3: 33.333… → 33.3
    expect(nps(9, 0, 9).score).toBe(33.3);
    // 2 of 3 detractors, 1 promoter → −33.3
    expect(nps(0, 0, 10).score).toBe(-33.3);
    // 1 promoter of 6 → 16.666… → 16.7
    expect(nps(9, 7, 7, 7, 8, 8).score).toBe(16.7);
  });
  it("contract example › distribution [0,0,10,20,30,40,100,150,150,300,300] gives the documented split", () => {
    const r = npsFromDistribution([0, 0, 10, 20, 30, 40, 100, 150, 150, 300, 300]);
    expect(r).toMatchObject({ count: 1100, promoters: 600, passives: 300, detractors: 200 });
    // (600 − 200) / 1100 = 36.36… → 36.4
    expect(r.score).toBe(36.4);
  });
  it("segments › should split at 6|7 and 8|9", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsSegment)).toEqual([
      "detractor",
      "detractor",
      "passive",
      "passive",
      "promoter",
      "promoter",
    ]);
  });
});

describe("CSAT and CES", () => {
  it("CSAT › should be % of 4 and 5 with a two-decimal mean", () => {
    // 1,2,3,4,5,5: satisfied 3 of 6 = 50.0; mean 20/6 = 3.333 → 3.33.
    // Wilson 3 of 6: denominator 1.640267, half 1.96·√(.041667 + .026678)/1.640267 = .312387 → [18.76, 81.24].
    // Mean: s² = 13.3333/5 = 2.6667, s/√6 = .666667, t(5) = 2.570582 → ±1.7137 → [1.62, 5.05] → [1.62, 5]
    expect(csatFromDistribution([1, 1, 1, 1, 2])).toEqual({
      score: 50,
      interval: { low: 18.8, high: 81.2 },
      average: 3.33,
      averageInterval: { low: 1.62, high: 5 },
      count: 6,
      distribution: [1, 1, 1, 1, 2],
    });
  });
  it("CSAT empty › should be null", () => {
    expect(csatFromDistribution([])).toMatchObject({ score: null, average: null, count: 0 });
  });
  it("CES › should be the one-decimal mean of 1-7", () => {
    // 7,7,6,1 → 21/4 = 5.25 → 5.3
    expect(cesFromDistribution([1, 0, 0, 0, 0, 1, 2])).toMatchObject({ average: 5.3, count: 4 });
  });
});
