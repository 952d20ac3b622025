import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AGGREGATE_SQL } from "../../worker/src/db/aggregates";
import { backdated, call, json, summary, world } from "./fixtures";

describe("GET /api/sites/:id/summary", () => {
  it("mixed answers › should match hand-computed NPS, margin, CSAT, CES and trend", async () => {
    const w = await world();
    // Oct 1 (Wed): nps 10, 9, 6; csat 5, 2. Oct 2: nps 8, 0; ces 6, 3. Oct 13 (next-next week): nps 10; csat 4.
    await backdated(w, "r1", "2026-10-01", [
      ["nps", "nps", 10, 10],
      ["csat", "csat", 5, 5],
    ]);
    await backdated(w, "r2", "2026-10-01", [
      ["nps", "nps", 9, 9],
      ["csat", "csat", 2, 2],
    ]);
    await backdated(w, "r3", "2026-10-01", [
      ["nps", "nps", 6, 6],
      ["why", "text", null, "slow"],
    ]);
    await backdated(w, "r4", "2026-10-02", [
      ["nps", "nps", 8, 8],
      ["ces", "ces", 6, 6],
    ]);
    await backdated(w, "r5", "2026-10-02", [
      ["nps", "nps", 0, 0],
      ["ces", "ces", 3, 3],
    ]);
    await backdated(w, "r6", "2026-10-13", [
      ["nps", "nps", 10, 10],
      ["csat", "csat", 4, 4],
    ]);
    await backdated(w, "r7", "2026-11-05", [["nps", "nps", 0, 0]]); // outside the range

    const s = await summary(w, "?from=2026-10-01&to=2026-10-31");
    expect(s).toMatchObject({ site: w.site.id, survey: null, from: "2026-10-01", to: "2026-10-31", responses: 6 });
    // 3 promoters, 1 passive, 2 detractors of 6: p = .5, d = 1/3 → 16.7;
    // margin = 1.96·100·sqrt((.5 + .3333 − .02778)/6) = 1.96·100·sqrt(.13426) = 71.82 → 71.8
    // adjusted Wald: n' = 9, p = 3.75/9 = .416667, d = 2.75/9 = .305556, p − d = .111111;
    // var = (.722222 − .012346)/9 = .078875, √ = .280847, ·1.96 = .550461 → [−43.94, 66.16]
    expect(s.nps).toEqual({
      score: 16.7,
      marginOfError: 71.8,
      interval: { low: -43.9, high: 66.2 },
      count: 6,
      promoters: 3,
      passives: 1,
      detractors: 2,
      distribution: [1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 2],
    });
    // CSAT 5, 2, 4: 2 of 3 satisfied → 66.7; mean 11/3 = 3.67.
    // Wilson 2 of 3: denominator 1 + 3.8416/3 = 2.280533, centre (.666667 + .640267)/2.280533 = .573082,
    // half 1.96·√(.074074 + .106711)/2.280533 = .365427 → [20.77, 93.85].
    // Mean: s² = (1.7778 + 2.7778 + .1111)/2 = 2.3333, s/√3 = .881917, t(2) = 4.302653 → ±3.79 → clipped [1, 5]
    expect(s.csat).toEqual({
      score: 66.7,
      interval: { low: 20.8, high: 93.9 },
      average: 3.67,
      averageInterval: { low: 1, high: 5 },
      count: 3,
      distribution: [0, 1, 0, 1, 1],
    });
    // CES 6, 3 → 4.5; s/√2 = 2.1213/1.4142 = 1.5, t(1) = 12.706 → ±19.1 → clipped [1, 7]
    expect(s.ces).toEqual({
      average: 4.5,
      interval: { low: 1, high: 7 },
      count: 2,
      distribution: [0, 0, 1, 0, 0, 1, 0],
    });
    // Oct 1: 10, 9, 6 → n' = 6, p = 2.75/6, d = 1.75/6, p − d = .166667, var = (.75 − .027778)/6 = .120370,
    //   1.96·√.120370 = 1.96·.346944 = .680011 → [−51.33, 84.67]
    // Oct 2: 8, 0 → n' = 5, p = .15, d = .35, p − d = −.2, var = (.5 − .04)/5 = .092, 1.96·.303315 = .594497
    //   → [−79.45, 39.45] (.5944974: −79.4497 and 39.4497)
    // Oct 13: one 10 → n' = 4, p − d = .25, var = .140625, 1.96·.375 = .735 → [−48.5, 98.5]
    expect(s.trend).toEqual([
      { period: "2026-10-01", responses: 3, nps: 33.3, npsLow: -51.3, npsHigh: 84.7, csat: 50 },
      { period: "2026-10-02", responses: 2, nps: -50, npsLow: -79.4, npsHigh: 39.4, csat: null },
      { period: "2026-10-13", responses: 1, nps: 100, npsLow: -48.5, npsHigh: 98.5, csat: 100 },
    ]);

    const weekly = await summary(w, "?from=2026-10-01&to=2026-10-31&interval=week");
    // ISO weeks start on Monday: Sep 28 holds Oct 1 and 2; Oct 12 holds Oct 13.
    // Sep 28: 10, 9, 6, 8, 0 → n' = 8, p = d = 2.75/8 = .34375, var = .6875/8 = .0859375, 1.96·.293151 = .574576
    expect(weekly.trend).toEqual([
      { period: "2026-09-28", responses: 5, nps: 0, npsLow: -57.5, npsHigh: 57.5, csat: 50 },
      { period: "2026-10-12", responses: 1, nps: 100, npsLow: -48.5, npsHigh: 98.5, csat: 100 },
    ]);
    const monthly = await summary(w, "?from=2026-10-01&to=2026-11-30&interval=month");
    expect(monthly.trend.map((t: { period: string; responses: number }) => [t.period, t.responses])).toEqual([
      ["2026-10-01", 6],
      ["2026-11-01", 1],
    ]);
  });

  it("no answers › should give null scores and an empty trend", async () => {
    const w = await world();
    const s = await summary(w, "?from=2026-01-01&to=2026-01-31");
    expect(s.responses).toBe(0);
    expect(s.nps).toMatchObject({ score: null, marginOfError: null, interval: null, count: 0 });
    expect(s.csat).toMatchObject({ score: null, interval: null, average: null, averageInterval: null });
    expect(s.ces).toMatchObject({ average: null, interval: null });
    expect(s.trend).toEqual([]);
  });

  it("two NPS questions in one survey › should count each answer in nps but the response once", async () => {
    const w = await world();
    await backdated(w, "d1", "2026-10-05", [
      ["nps", "nps", 10, 10],
      ["nps2", "nps", 2, 2],
    ]);
    const s = await summary(w, "?from=2026-10-01&to=2026-10-31");
    expect(s.responses).toBe(1);
    expect(s.nps).toMatchObject({ count: 2, promoters: 1, detractors: 1, score: 0 });
  });

  it("context filter › should give satisfaction of that product only", async () => {
    const w = await world();
    await backdated(w, "p1", "2026-10-05", [["nps", "nps", 10, 10]], { productId: "sku-77" });
    await backdated(
      w,
      "p2",
      "2026-10-06",
      [
        ["nps", "nps", 9, 9],
        ["csat", "csat", 5, 5],
      ],
      { productId: "sku-77" },
    );
    await backdated(w, "p3", "2026-10-06", [["nps", "nps", 2, 2]], { productId: "sku-12" });
    const s = await summary(w, "?from=2026-10-01&to=2026-10-31&context=productId:sku-77");
    expect(s.responses).toBe(2);
    expect(s.nps).toMatchObject({ score: 100, count: 2 });
    expect(s.csat).toMatchObject({ score: 100, count: 1 });
    expect(s.context).toEqual({ key: "productId", value: "sku-77" });
    const all = await summary(w, "?from=2026-10-01&to=2026-10-31");
    expect(all.nps).toMatchObject({ count: 3, score: 33.3 });

    const res = await call("GET", `/api/sites/${w.site.id}/breakdown?key=productId&from=2026-10-01&to=2026-10-31`, {
      cookie: w.owner.cookie,
    });
    expect(res.status).toBe(200);
    const b = await json(res);
    // sku-77 (10, 9): n' = 5, p = .55, d = .15, p − d = .4, var = (.7 − .16)/5 = .108, 1.96·.328634 = .644122
    //   → [−24.41, 104.41] → [−24.4, 100]; its CSAT 5 alone: Wilson 1 of 1 = [20.7, 100].
    // sku-12 (2): n' = 4, p − d = −.25, var = .140625, ±.735 → [−98.5, 48.5].
    // Each against the other: z = (.4 − (−.25))/√(.108 + .140625) = .65/.498623 = 1.3036, p = .1924
    const vsRest = (difference: number, z: number) => ({
      difference,
      z: expect.closeTo(z, 4),
      p: expect.closeTo(0.1924, 4),
      beyondChance: false,
    });
    expect(b.rows).toEqual([
      {
        value: "sku-77",
        responses: 2,
        nps: {
          score: 100,
          count: 2,
          marginOfError: 0,
          interval: { low: -24.4, high: 100 },
          promoters: 2,
          detractors: 0,
          vsRest: vsRest(200, 1.3036),
        },
        csat: { score: 100, interval: { low: 20.7, high: 100 }, average: 5, count: 1 },
        ces: { average: null, interval: null, count: 0 },
      },
      {
        value: "sku-12",
        responses: 1,
        nps: {
          score: -100,
          count: 1,
          marginOfError: null,
          interval: { low: -98.5, high: 48.5 },
          promoters: 0,
          detractors: 1,
          vsRest: vsRest(-200, -1.3036),
        },
        csat: { score: null, interval: null, average: null, count: 0 },
        ces: { average: null, interval: null, count: 0 },
      },
    ]);
  });

  it("survey filter › should only count that survey", async () => {
    const w = await world();
    await backdated(w, "s1", "2026-10-05", [["nps", "nps", 10, 10]]);
    expect((await summary(w, `?from=2026-10-01&to=2026-10-31&survey=${w.survey.id}`)).responses).toBe(1);
    expect((await summary(w, "?from=2026-10-01&to=2026-10-31&survey=srv_other")).responses).toBe(0);
  });

  it("bad query › should answer 400 invalid_body", async () => {
    const w = await world();
    for (const q of ["?from=2026-13-01", "?from=2026-10-31&to=2026-10-01", "?interval=year", "?context=nocolon"]) {
      const res = await call("GET", `/api/sites/${w.site.id}/summary${q}`, { cookie: w.owner.cookie });
      expect(res.status, q).toBe(400);
      expect((await json(res)).error.code).toBe("invalid_body");
    }
  });

  it("aggregates › should always equal a recount from the answers, after inserts and erasures", async () => {
    const w = await world();
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
       INSERT INTO responses
         (id, site_id, survey_id, body_hash, respondent_hash, device, consent_at, created_at, day, nps_min)
       SELECT 'bulk' || i, ?1, ?2, 'h', 'resp' || (i % 50), 'desktop', '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z',
              date('2026-09-01', '+' || (i % 60) || ' days'), (i * 7) % 11 FROM n`,
    )
      .bind(w.site.id, w.survey.id)
      .run();
    await env.DB.prepare(
      `INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value)
       SELECT id, 'nps', site_id, survey_id, day, 'nps', nps_min, nps_min FROM responses
       WHERE site_id = ?1 AND id LIKE 'bulk%'`,
    )
      .bind(w.site.id)
      .run();
    await env.DB.prepare("DELETE FROM responses WHERE site_id = ?1 AND respondent_hash IN ('resp3', 'resp17')")
      .bind(w.site.id)
      .run();
    const recount = await env.DB.prepare(
      `SELECT day, COUNT(*) AS n, SUM(score) AS s, SUM(score = 10) AS h10 FROM answers
       WHERE site_id = ?1 GROUP BY day ORDER BY day`,
    )
      .bind(w.site.id)
      .all();
    const aggregates = await env.DB.prepare(
      "SELECT day, count AS n, sum AS s, h10 FROM daily_aggregates WHERE site_id = ?1 ORDER BY day",
    )
      .bind(w.site.id)
      .all();
    expect(aggregates.results).toEqual(recount.results);
    const s = await summary(w, "?from=2026-09-01&to=2026-10-31");
    expect(s.responses).toBe(1920);
    expect(s.nps.count).toBe(1920);
  });

  it("query plan › the unfiltered summary reads only the daily tables, by primary key, however filtered", async () => {
    for (const [survey, channel] of [
      [null, null],
      ["srv", null],
      [null, "qr"],
      ["srv", "link"],
    ]) {
      for (const [what, sql] of Object.entries(AGGREGATE_SQL)) {
        const plan = (
          await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .bind("site", "2026-01-01", "2026-12-31", survey, channel)
            .all<{ detail: string }>()
        ).results
          .map((r) => r.detail)
          .join("\n");
        expect(plan, what).not.toMatch(/(?<!daily_)(answers|responses)\b/);
        expect(plan, what).toMatch(
          new RegExp(
            "SEARCH daily_(aggregates|responses|questions|options|events) " +
              String.raw`USING PRIMARY KEY \(site_id=\? AND day>\? AND day<\?\)`,
          ),
        );
        expect(plan, what).not.toMatch(/SCAN daily/);
      }
    }
  });
});
