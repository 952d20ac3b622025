import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AGGREGATE_HISTOGRAM_SQL, AGGREGATE_RESPONSES_SQL } from "../../worker/src/db/aggregates";
import { call, json, submission, submit, summary, type World, world } from "./fixtures";

/** Inserts a response with answers on a given day, straight into D1 (the triggers keep the aggregates). */
async function backdated(
  w: World,
  id: string,
  day: string,
  answers: [string, string, number | null, unknown][],
  context: Record<string, string> = {},
) {
  const at = `${day}T12:00:00.000Z`;
  const nps = answers.filter(([, t]) => t === "nps").map(([, , s]) => s as number);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO responses (id, site_id, survey_id, body_hash, respondent_hash, device, context, consent_at, created_at, day, nps_min)
       VALUES (?1, ?2, ?3, 'h', 'r', 'desktop', ?4, ?5, ?5, ?6, ?7)`,
    ).bind(id, w.site.id, w.survey.id, JSON.stringify(context), at, day, nps.length ? Math.min(...nps) : null),
    ...answers.map(([q, type, score, value]) =>
      env.DB.prepare(
        `INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      ).bind(id, q, w.site.id, w.survey.id, day, type, score, JSON.stringify(value)),
    ),
    ...Object.entries(context).map(([k, v]) =>
      env.DB.prepare(
        "INSERT INTO response_context (response_id, site_id, key, value, day) VALUES (?1, ?2, ?3, ?4, ?5)",
      ).bind(id, w.site.id, k, v, day),
    ),
  ]);
}

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
    expect(s.nps).toEqual({
      score: 16.7,
      marginOfError: 71.8,
      count: 6,
      promoters: 3,
      passives: 1,
      detractors: 2,
      distribution: [1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 2],
    });
    // CSAT 5, 2, 4: 2 of 3 satisfied → 66.7; mean 11/3 = 3.67
    expect(s.csat).toEqual({ score: 66.7, average: 3.67, count: 3, distribution: [0, 1, 0, 1, 1] });
    // CES 6, 3 → 4.5
    expect(s.ces).toEqual({ average: 4.5, count: 2, distribution: [0, 0, 1, 0, 0, 1, 0] });
    expect(s.trend).toEqual([
      { period: "2026-10-01", responses: 3, nps: 33.3, csat: 50 },
      { period: "2026-10-02", responses: 2, nps: -50, csat: null },
      { period: "2026-10-13", responses: 1, nps: 100, csat: 100 },
    ]);

    const weekly = await summary(w, "?from=2026-10-01&to=2026-10-31&interval=week");
    // ISO weeks start on Monday: Sep 28 holds Oct 1 and 2; Oct 12 holds Oct 13.
    expect(weekly.trend).toEqual([
      { period: "2026-09-28", responses: 5, nps: 0, csat: 50 },
      { period: "2026-10-12", responses: 1, nps: 100, csat: 100 },
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
    expect(s.nps).toMatchObject({ score: null, marginOfError: null, count: 0 });
    expect(s.csat).toMatchObject({ score: null, average: null });
    expect(s.ces).toMatchObject({ average: null });
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
    expect(b.rows).toEqual([
      {
        value: "sku-77",
        responses: 2,
        nps: { score: 100, count: 2, marginOfError: 0 },
        csat: { score: 100, average: 5, count: 1 },
        ces: { average: null, count: 0 },
      },
      {
        value: "sku-12",
        responses: 1,
        nps: { score: -100, count: 1, marginOfError: null },
        csat: { score: null, average: null, count: 0 },
        ces: { average: null, count: 0 },
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
       INSERT INTO responses (id, site_id, survey_id, body_hash, respondent_hash, device, consent_at, created_at, day, nps_min)
       SELECT 'bulk' || i, ?1, ?2, 'h', 'resp' || (i % 50), 'desktop', '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z',
              date('2026-09-01', '+' || (i % 60) || ' days'), (i * 7) % 11 FROM n`,
    )
      .bind(w.site.id, w.survey.id)
      .run();
    await env.DB.prepare(
      `INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value)
       SELECT id, 'nps', site_id, survey_id, day, 'nps', nps_min, nps_min FROM responses WHERE site_id = ?1 AND id LIKE 'bulk%'`,
    )
      .bind(w.site.id)
      .run();
    await env.DB.prepare("DELETE FROM responses WHERE site_id = ?1 AND respondent_hash IN ('resp3', 'resp17')")
      .bind(w.site.id)
      .run();
    const recount = await env.DB.prepare(
      "SELECT day, COUNT(*) AS n, SUM(score) AS s, SUM(score = 10) AS h10 FROM answers WHERE site_id = ?1 GROUP BY day ORDER BY day",
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

  it("query plan › the unfiltered summary should read only the daily aggregates, by primary key", async () => {
    for (const withSurvey of [false, true]) {
      for (const sql of [AGGREGATE_HISTOGRAM_SQL(withSurvey), AGGREGATE_RESPONSES_SQL(withSurvey)]) {
        const params = withSurvey ? ["site", "2026-01-01", "2026-12-31", "srv"] : ["site", "2026-01-01", "2026-12-31"];
        const plan = (
          await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .bind(...params)
            .all<{ detail: string }>()
        ).results
          .map((r) => r.detail)
          .join("\n");
        expect(plan).not.toMatch(/(?<!daily_)(answers|responses)\b/);
        expect(plan).toMatch(
          /SEARCH daily_(aggregates|responses) USING PRIMARY KEY \(site_id=\? AND day>\? AND day<\?\)/,
        );
        expect(plan).not.toMatch(/SCAN daily/);
      }
    }
  });
});

describe("POST /v1/forget", () => {
  it("respondent withdraws › should delete their responses and their weight in every aggregate", async () => {
    const w = await world();
    const mine = "respondent-who-withdraws-123";
    await submit(
      submission(w, {
        respondent: mine,
        answers: [
          { question: "nps", value: 0 },
          { question: "csat", value: 1 },
        ],
      }),
    );
    await submit(
      submission(w, { respondent: mine, answers: [{ question: "nps", value: 2 }], context: { productId: "sku-1" } }),
    );
    await submit(
      submission(w, { respondent: "someone-else-entirely-0001", answers: [{ question: "nps", value: 10 }] }),
    );
    const before = await summary(w);
    expect(before.nps).toMatchObject({ count: 3, detractors: 2 });

    const res = await call("POST", "/v1/forget", {
      body: { site: w.site.key, respondent: mine },
      origin: "https://shop.example",
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ deleted: 2 });
    const after = await summary(w);
    expect(after.responses).toBe(1);
    expect(after.nps).toMatchObject({ count: 1, promoters: 1, detractors: 0, score: 100 });
    expect(after.csat.count).toBe(0);
    const left = await env.DB.batch([
      env.DB.prepare("SELECT COUNT(*) AS n FROM answers WHERE site_id = ?1").bind(w.site.id),
      env.DB.prepare("SELECT COUNT(*) AS n FROM response_context WHERE site_id = ?1").bind(w.site.id),
    ]);
    expect(left.map((r) => (r.results[0] as { n: number }).n)).toEqual([1, 0]);

    const again = await call("POST", "/v1/forget", {
      body: { site: w.site.key, respondent: mine },
      origin: "https://shop.example",
    });
    expect(await json(again)).toEqual({ deleted: 0 });
  });

  it("bad input › should answer in the envelope and delete nothing", async () => {
    const w = await world();
    await submit(submission(w));
    const cases: [unknown, string | null, number, string][] = [
      [{ site: w.site.key }, "https://shop.example", 400, "invalid_body"],
      [{ site: "pk_none", respondent: "respondent-token-0123456789" }, "https://shop.example", 404, "unknown_site"],
      [
        { site: w.site.key, respondent: "respondent-token-0123456789" },
        "https://evil.example",
        403,
        "origin_not_allowed",
      ],
    ];
    for (const [body, origin, status, code] of cases) {
      const res = await call("POST", "/v1/forget", { body, origin });
      expect(res.status).toBe(status);
      expect((await json(res)).error.code).toBe(code);
    }
    expect((await summary(w)).responses).toBe(1);
  });
});
