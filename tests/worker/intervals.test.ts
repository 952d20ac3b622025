/**
 * The summary's and the breakdown's 95% intervals (issue 19) against hand-computed values, through
 * the real routes: aggregates for unfiltered summaries, raw answers for filtered ones.
 */
import { describe, expect, it } from "vitest";
import { backdated, call, json, submission, submit, summary, world } from "./fixtures";

describe("summary intervals", () => {
  it("7 answers, all promoters (issue 19) › should give 32.8 to 100 instead of 100 ± 0", async () => {
    const w = await world();
    for (const value of [9, 10, 10, 9, 10, 9, 10]) {
      const res = await submit(
        submission(w, {
          answers: [
            { question: "nps", value },
            { question: "csat", value: 5 },
          ],
        }),
      );
      expect(res.status).toBe(201);
    }
    const s = await summary(w);
    // n' = 10, p = 7.75/10 = .775, d = .75/10 = .075, p − d = .7; var = (.85 − .49)/10 = .036,
    // √ = .189737, ·1.96 = .371884 → [32.81, 107.19] → clipped [32.8, 100]
    expect(s.nps).toMatchObject({ score: 100, count: 7, interval: { low: 32.8, high: 100 } });
    expect(s.nps.marginOfError).toBe(0); // kept for old clients, as the contract wrote it
    // CSAT 7 of 7 satisfied: Wilson low = 7/(7 + 3.8416) = .645661 → 64.6; all 5s: the mean's t-interval has no width
    expect(s.csat).toMatchObject({
      score: 100,
      interval: { low: 64.6, high: 100 },
      average: 5,
      averageInterval: { low: 5, high: 5 },
    });
    // all on one day: one trend point with the same interval
    expect(s.trend).toHaveLength(1);
    expect(s.trend[0]).toMatchObject({ responses: 7, nps: 100, npsLow: 32.8, npsHigh: 100 });
  });

  it("filtered summary (raw answers) › should give the same intervals as the aggregates", async () => {
    const w = await world();
    // 8 of 10 CSAT answers satisfied, 3 NPS promoters and 1 detractor, all of product sku-1
    const csat = [5, 5, 4, 4, 4, 5, 4, 5, 2, 1];
    for (const [i, score] of csat.entries()) {
      const answers: [string, string, number, number][] = [["csat", "csat", score, score]];
      if (i < 4) answers.push(["nps", "nps", i === 3 ? 0 : 10, i === 3 ? 0 : 10]);
      await backdated(w, `f${i}`, `2026-10-0${1 + (i % 3)}`, answers, { productId: "sku-1" });
    }
    const filtered = await summary(w, "?from=2026-10-01&to=2026-10-31&context=productId:sku-1");
    const unfiltered = await summary(w, "?from=2026-10-01&to=2026-10-31");
    for (const s of [filtered, unfiltered]) {
      // Wilson 8 of 10: denominator 1.38416, centre (.8 + .19208)/1.38416 = .716738,
      // half 1.96·√(.016 + .009604)/1.38416 = .226581 → [49.02, 94.33]
      expect(s.csat).toMatchObject({ score: 80, interval: { low: 49, high: 94.3 } });
      // NPS 3 promoters, 1 detractor of 4: n' = 7, p = 3.75/7 = .535714, d = 1.75/7 = .25, p − d = .285714;
      // var = (.785714 − .081633)/7 = .100583, √ = .317148, ·1.96 = .621610 → [−33.59, 90.73]
      expect(s.nps).toMatchObject({ score: 50, interval: { low: -33.6, high: 90.7 } });
    }
    expect(filtered.trend).toEqual(unfiltered.trend);
  });
});

describe("breakdown intervals and comparison with the rest", () => {
  const breakdown = async (w: Awaited<ReturnType<typeof world>>) => {
    const res = await call("GET", `/api/sites/${w.site.id}/breakdown?key=productId&from=2026-10-01&to=2026-10-31`, {
      cookie: w.owner.cookie,
    });
    expect(res.status).toBe(200);
    return json(res);
  };

  it("10 detractors on one product, 10 promoters on another › should be beyond chance", async () => {
    const w = await world();
    for (let i = 0; i < 10; i++) {
      await backdated(w, `bad${i}`, "2026-10-05", [["nps", "nps", 2, 2]], { productId: "sku-bad" });
      await backdated(w, `good${i}`, "2026-10-06", [["nps", "nps", 10, 10]], { productId: "sku-good" });
    }
    const b = await breakdown(w);
    const bad = b.rows.find((r: { value: string }) => r.value === "sku-bad");
    // n' = 13, p = .75/13 = .057692, d = 10.75/13 = .826923, NPS′ = −.769231;
    // var = (.884615 − .591716)/13 = .022531
    // ±1.96·.150102 = .294200 → [−106.34, −47.50] → [−100, −47.5]
    expect(bad.nps.interval).toEqual({ low: -100, high: -47.5 });
    // against sku-good (the mirror image): z = −1.538462/√.045061 = −1.538462/.212277 = −7.2474,
    // p ≈ 4.2e−13
    expect(bad.nps.vsRest).toMatchObject({ difference: -200, beyondChance: true });
    expect(bad.nps.vsRest.z).toBeCloseTo(-7.2474, 3);
    expect(bad.nps.vsRest.p).toBeLessThan(1e-12);
  });

  it("1/1/3 against 6/1/1 › should stay within chance, just (p = .0503)", async () => {
    const w = await world();
    const scores: [string, number[]][] = [
      ["sku-a", [10, 8, 0, 3, 6]],
      ["sku-b", [9, 10, 9, 10, 9, 9, 7, 5]],
    ];
    for (const [product, values] of scores) {
      for (const [i, v] of values.entries()) {
        await backdated(w, `${product}-${i}`, "2026-10-07", [["nps", "nps", v, v]], { productId: product });
      }
    }
    const b = await breakdown(w);
    const a = b.rows.find((r: { value: string }) => r.value === "sku-a");
    // a: n' = 8, p = 1.75/8 = .21875, d = 3.75/8 = .46875, NPS′ = −.25, var = (.6875 − .0625)/8 = .078125
    // b: n' = 11, p = 6.75/11 = .613636, d = 1.75/11 = .159091, NPS′ = .454545,
    //    var = (.772727 − .206612)/11 = .051465
    // z = −.704545/√.129590 = −.704545/.359986 = −1.9571, p = .0503; scores −40 and 62.5 → −102.5
    expect(a.nps.vsRest).toMatchObject({ difference: -102.5, beyondChance: false });
    expect(a.nps.vsRest.z).toBeCloseTo(-1.9571, 3);
    expect(a.nps.vsRest.p).toBeCloseTo(0.0503, 4);
  });
});
