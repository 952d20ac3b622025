/**
 * The intervals and the NPS comparison against values worked out by hand from the published
 * formulas (the arithmetic is in each comment; z = 1.96, z² = 3.8416).
 */
import { describe, expect, it } from "vitest";
import { compareNps, meanInterval, npsInterval, round, tCritical95, twoSidedP, wilson } from "../../shared/stats";

describe("npsInterval (adjusted Wald, Rocks 2016)", () => {
  it("0 answers › should be null", () => {
    expect(npsInterval(0, 0, 0)).toBeNull();
  });

  it("1 promoter › should span most of the scale instead of claiming 100", () => {
    // n' = 4, p = 1.75/4 = .4375, d = .75/4 = .1875, p − d = .25;
    // var = (.625 − .0625)/4 = .140625, √ = .375, 1.96·.375 = .735 → 100·(.25 ± .735) = [−48.5, 98.5]
    expect(npsInterval(1, 0, 1)).toEqual({ low: -48.5, high: 98.5 });
  });

  it("1 detractor › should be the mirror image of 1 promoter", () => {
    expect(npsInterval(0, 1, 1)).toEqual({ low: -98.5, high: 48.5 });
  });

  it("7 promoters of 7 (issue 19) › should be 32.8 to 100, not 100 ± 0", () => {
    // n' = 10, p = 7.75/10 = .775, d = .75/10 = .075, p − d = .7;
    // var = (.85 − .49)/10 = .036, √ = .189737, ·1.96 = .371884 → [32.81, 107.19] → clipped [32.8, 100]
    expect(npsInterval(7, 0, 7)).toEqual({ low: 32.8, high: 100 });
  });

  it("7 detractors of 7 › should be −100 to −32.8", () => {
    // the mirror image: p = .075, d = .775, p − d = −.7, same variance
    // → [−107.19, −32.81] → [−100, −32.8]
    expect(npsInterval(0, 7, 7)).toEqual({ low: -100, high: -32.8 });
  });

  it("balanced, 5 promoters and 5 detractors › should be centred on 0", () => {
    // n' = 13, p = d = 5.75/13 = .442308; var = .884615/13 = .0680473, √ = .260859, ·1.96 = .511283 → ±51.1
    expect(npsInterval(5, 5, 10)).toEqual({ low: -51.1, high: 51.1 });
  });

  it("balanced with passives, 3/4/3 › should be narrower than without them", () => {
    // n' = 13, p = d = 3.75/13 = .288462; var = .576923/13 = .0443787, √ = .210663, ·1.96 = .412899 → ±41.3
    expect(npsInterval(3, 3, 10)).toEqual({ low: -41.3, high: 41.3 });
  });

  it("10,000 answers, 5,000 promoters and 2,000 detractors › should be about ±1.5 around 30", () => {
    // n' = 10003, p = 5000.75/10003 = .499925, d = 2000.75/10003 = .200015, p − d = .299910;
    // var = (.699940 − .089946)/10003 = .00006098, √ = .007809, ·1.96 = .015306 → [28.46, 31.52]
    expect(npsInterval(5000, 2000, 10000)).toEqual({ low: 28.5, high: 31.5 });
  });
});

describe("wilson", () => {
  it("0 answers › should be null", () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it("1 of 1 › should be 20.7 to 100", () => {
    // p̂ = 1: denominator 1 + 3.8416 = 4.8416; low = (1 + 1.9208 − 1.96·√(3.8416/4))/4.8416
    // = (2.9208 − 1.9208)/4.8416 = 1/4.8416 = .206543 → 20.7; high = 4.8416/4.8416 = 1 → 100
    expect(wilson(1, 1)).toEqual({ low: 20.7, high: 100 });
  });

  it("0 of 1 › should be 0 to 79.3", () => {
    // the mirror image: high = 1 − .206543 = .793457 → 79.3
    expect(wilson(0, 1)).toEqual({ low: 0, high: 79.3 });
  });

  it("7 of 7 (all satisfied) › should not claim 100 ± 0", () => {
    // low = n/(n + z²) when p̂ = 1: 7/10.8416 = .645661 → 64.6
    expect(wilson(7, 7)).toEqual({ low: 64.6, high: 100 });
  });

  it("0 of 7 › should be 0 to 35.4", () => {
    // 1 − .645661 = .354339 → 35.4
    expect(wilson(0, 7)).toEqual({ low: 0, high: 35.4 });
  });

  it("5 of 10 (balanced) › should be symmetric around 50", () => {
    // denominator 1.38416, centre .5; half = 1.96·√(.025 + .009604)/1.38416 = 1.96·.186022/1.38416 = .263410
    // → [.236590, .763410] → [23.7, 76.3]
    expect(wilson(5, 10)).toEqual({ low: 23.7, high: 76.3 });
  });

  it("8,000 of 10,000 › should be about ±0.8 around 80", () => {
    // denominator 1.00038416; centre (.8 + .00019208)/1.00038416 = .799885;
    // half = 1.96·√(.000016 + .0000000096)/1.00038416 = .007839 → [79.20, 80.77]
    expect(wilson(8000, 10000)).toEqual({ low: 79.2, high: 80.8 });
  });
});

describe("tCritical95", () => {
  it("1 and 2 degrees of freedom › should match the closed forms", () => {
    // df = 1 (Cauchy): tan(π·(.975 − .5)) = tan(.475π) = 12.7062047…
    expect(tCritical95(1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 9);
    // df = 2: t = (2q − 1)·√(2/(4q(1 − q))) with q = .975: .95·√(2/.0975) = 4.3026527…
    expect(tCritical95(2)).toBeCloseTo(0.95 * Math.sqrt(2 / 0.0975), 9);
  });

  it("table values › should match a t table to 5 decimals on both sides of the method switch", () => {
    const table: [number, number][] = [
      [3, 3.182446],
      [4, 2.776445],
      [5, 2.570582],
      [10, 2.228139],
      [19, 2.093024],
      [29, 2.04523],
      [30, 2.042272],
      [100, 1.983972],
      [200, 1.971896],
      [201, 1.971837],
      [1000, 1.962339],
      [9999, 1.960201],
    ];
    for (const [df, t] of table) expect(Math.abs(tCritical95(df) - t), `df ${df}`).toBeLessThan(5e-6);
  });

  it("many degrees of freedom › should fall towards the normal 1.95996", () => {
    expect(tCritical95(1e7)).toBeCloseTo(1.959964, 6);
    expect(tCritical95(50)).toBeGreaterThan(tCritical95(51));
  });

  it("fewer than 1 degree of freedom › should throw", () => {
    expect(() => tCritical95(0)).toThrow(RangeError);
  });
});

describe("meanInterval (t-interval of a rating mean)", () => {
  it("0 and 1 answers › should be null", () => {
    expect(meanInterval([0, 0, 0, 0, 0], 1)).toBeNull();
    expect(meanInterval([0, 0, 0, 0, 1], 1)).toBeNull();
  });

  it("2 answers, CSAT 4 and 5 › should span the whole scale", () => {
    // mean 4.5, s² = (.25 + .25)/1 = .5, s = .707107, s/√2 = .5; t(1) = 12.706 → 4.5 ± 6.35 → clipped [1, 5]
    expect(meanInterval([0, 0, 0, 1, 1], 1)).toEqual({ low: 1, high: 5 });
  });

  it("all answers alike › should have no width (the few-answers hint guards it)", () => {
    expect(meanInterval([0, 0, 0, 0, 0, 0, 9], 1, 1)).toEqual({ low: 7, high: 7 });
  });

  it("20 CES answers, 5 each of 4, 5, 6, 7 › should be 5.5 ± 0.54", () => {
    // mean 5.5; s² = 5·(2.25 + .25 + .25 + 2.25)/19 = 25/19 = 1.315789, s = 1.147079, s/√20 = .256495;
    // t(19) = 2.093024 → half .536851 → [4.963, 6.037]
    expect(meanInterval([0, 0, 0, 5, 5, 5, 5], 1)).toEqual({ low: 4.96, high: 6.04 });
    expect(meanInterval([0, 0, 0, 5, 5, 5, 5], 1, 1)).toEqual({ low: 5, high: 6 });
  });

  it("10,000 CSAT answers › should be 3.6 ± 0.03", () => {
    // [1000, 1000, 2000, 3000, 3000] of 1…5: mean 36000/10000 = 3.6;
    // Σk(x − 3.6)² = 1000·6.76 + 1000·2.56 + 2000·.36 + 3000·.16 + 3000·1.96 = 16400,
    // s² = 16400/9999 = 1.640164,
    // s = 1.280689, s/100 = .0128069; t(9999) = 1.960201 → half .025104 → [3.5749, 3.6251]
    expect(meanInterval([1000, 1000, 2000, 3000, 3000], 1)).toEqual({ low: 3.57, high: 3.63 });
  });
});

describe("compareNps (two-sample z on adjusted Wald)", () => {
  it("60/20/20 against 40/30/30 of 100 each › should be beyond chance (p ≈ .010)", () => {
    // a: n' = 103, p = 60.75/103 = .589806, d = 20.75/103 = .201456, NPS′ = .388350,
    //    var = (.791262 − .150816)/103 = .0062179
    // b: p = 40.75/103 = .395631, d = 30.75/103 = .298544, NPS′ = .097087, var = (.694175 − .009426)/103 = .0066480
    // z = .291262/√.0128659 = .291262/.113428 = 2.5678; p = erfc(2.5678/√2) = .01023
    const r = compareNps({ promoters: 60, detractors: 20, count: 100 }, { promoters: 40, detractors: 30, count: 100 });
    expect(r).toMatchObject({ difference: 30, beyondChance: true });
    expect(r!.z).toBeCloseTo(2.5678, 4);
    expect(r!.p).toBeCloseTo(0.01023, 5);
  });

  it("7 promoters against 5 promoters and 2 detractors › should be a 57-point gap that chance explains", () => {
    // a: n' = 10, NPS′ = .775 − .075 = .7, var = .036; b: p = 5.75/10, d = 2.75/10, NPS′ = .3,
    //    var = (.85 − .09)/10 = .076; z = .4/√.112 = .4/.334664 = 1.1952; p = .2320
    // raw scores 100 and 42.9 → difference 57.1
    const r = compareNps({ promoters: 7, detractors: 0, count: 7 }, { promoters: 5, detractors: 2, count: 7 });
    expect(r).toMatchObject({ difference: 57.1, beyondChance: false });
    expect(r!.z).toBeCloseTo(1.1952, 4);
    expect(r!.p).toBeCloseTo(0.232, 3);
  });

  it("order of the groups › should flip the sign only", () => {
    const a = { promoters: 12, detractors: 30, count: 50 };
    const b = { promoters: 25, detractors: 10, count: 60 };
    const ab = compareNps(a, b)!;
    const ba = compareNps(b, a)!;
    expect(ba.difference).toBe(-ab.difference);
    expect(ba.z).toBeCloseTo(-ab.z, 12);
    expect(ba.p).toBeCloseTo(ab.p, 12);
  });

  it("two groups of all promoters › should compare instead of dividing by zero", () => {
    // plain Wald variances would both be 0. Same size: identical adjusted estimates → z = 0, p = 1.
    expect(compareNps({ promoters: 7, detractors: 0, count: 7 }, { promoters: 7, detractors: 0, count: 7 })).toEqual({
      difference: 0,
      z: 0,
      p: 1,
      beyondChance: false,
    });
    // 7 of 7 against 3 of 3: b has n' = 6, p = 3.75/6 = .625, d = .75/6 = .125, NPS′ = .5, var = (.75 − .25)/6
    // = .083333; z = (.7 − .5)/√(.036 + .083333) = .2/.345446 = .5790, p = .5626: the smaller group is less sure
    const r = compareNps({ promoters: 7, detractors: 0, count: 7 }, { promoters: 3, detractors: 0, count: 3 });
    expect(r).toMatchObject({ difference: 0, beyondChance: false });
    expect(r!.z).toBeCloseTo(0.579, 3);
    expect(r!.p).toBeCloseTo(0.5626, 3);
  });

  it("a side without answers › should be null", () => {
    expect(compareNps({ promoters: 0, detractors: 0, count: 0 }, { promoters: 1, detractors: 0, count: 1 })).toBeNull();
    expect(compareNps({ promoters: 1, detractors: 0, count: 1 }, { promoters: 0, detractors: 0, count: 0 })).toBeNull();
  });
});

describe("twoSidedP and round", () => {
  it("known quantiles › should give the normal tail areas", () => {
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(3.290527)).toBeCloseTo(0.001, 7);
  });

  it("halves and negative zero › should round half away from zero and never give −0", () => {
    expect(round(2.675, 2)).toBe(2.68);
    expect(round(-0.04, 1)).toBe(0);
    expect(Object.is(round(-0.04, 1), -0)).toBe(false);
  });
});
