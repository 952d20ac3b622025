/**
 * Results of the survey engine, as the summary gives them: option shares with Wilson intervals
 * (checked against hand-computed values), thumbs, the funnel under branching, and the daily
 * aggregates behind them recounted from raw answers after inserts, partial parts and erasures.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, SHOP, submission, submit, summary } from "./fixtures";
import { logicWorld } from "./logic-survey";

const answers = (...pairs: [string, unknown][]) => pairs.map(([question, value]) => ({ question, value }));
const event = (site: string, survey: string, name: string, origin: string | null = SHOP) =>
  call("POST", "/v1/events", { body: { site, survey, version: 1, event: name }, origin });

describe("option shares, thumbs and the funnel", () => {
  it("four customers, three paths › shares, Wilson 95% intervals computed by hand; funnel per question", async () => {
    const w = await logicWorld();
    // Detractor → wrong → source → thumbs; promoter → love → source (ad ends it); passive → source;
    // promoter who skips "love" → end. One more customer leaves after the NPS question (partial).
    const bodies = [
      answers(["nps", 3], ["wrong", "late"], ["source", "search"], ["helpful", 0]),
      answers(["nps", 10], ["love", "fast"], ["source", "ad"]),
      answers(["nps", 7], ["source", "search"], ["helpful", 1]),
      answers(["nps", 9]),
    ];
    for (const a of bodies) expect((await submit(submission(w, { answers: a }))).status).toBe(201);
    expect((await submit(submission(w, { complete: false, answers: answers(["nps", 8]) }))).status).toBe(201);
    for (const name of ["shown", "shown", "shown", "shown", "shown", "shown", "declined"]) {
      expect((await event(w.site.key, w.survey.id, name)).status).toBe(204);
    }
    expect((await submit(submission(w, { answers: answers(["nps", 8], ["source", "friend"]) }))).status).toBe(201);

    const s = await summary(w);
    expect([s.responses, s.completed]).toEqual([6, 5]);
    const source = s.questions.find((q: { id: string }) => q.id === "source");
    // 4 answers: search 2 (Wilson 15.0–85.0), ad 1 (4.6–69.9), friend 1 (4.6–69.9).
    expect(source).toEqual({
      id: "source",
      survey: w.survey.id,
      type: "choice",
      count: 4,
      options: [
        { id: "search", count: 2, share: 50, low: 15, high: 85 },
        { id: "friend", count: 1, share: 25, low: 4.6, high: 69.9 },
        { id: "ad", count: 1, share: 25, low: 4.6, high: 69.9 },
      ],
    });
    // Thumbs: 1 up of 2 → 50%, Wilson(1, 2).
    expect(s.thumbs).toMatchObject({ share: 50, count: 2 });
    expect(s.funnel).toMatchObject({ shown: 6, declined: 1, dismissed: 0, started: 6, completed: 5 });
    const reached = Object.fromEntries(
      s.funnel.questions.map((q: { id: string; reached: number; answered: number }) => [q.id, [q.reached, q.answered]]),
    );
    expect(reached).toEqual({
      nps: [6, 6],
      wrong: [1, 1],
      love: [2, 1], // the promoter who skipped it was shown it
      source: [5, 4], // the partial passive was shown it when leaving, without answering
      helpful: [3, 2], // the last passive was shown it and skipped it
    });
  });

  it("a partial response › reaches the question after its last answer: reached, not answered", async () => {
    const w = await logicWorld();
    expect((await submit(submission(w, { complete: false, answers: answers(["nps", 8]) }))).status).toBe(201);
    const s = await summary(w);
    const source = s.funnel.questions.find((q: { id: string }) => q.id === "source");
    expect(source).toMatchObject({ reached: 1, answered: 0 });
    expect(s.funnel).toMatchObject({ started: 1, completed: 0 });
  });

  it("events › 204, counted; unknown event or survey, refused origin › contract's error, nothing counted", async () => {
    const w = await logicWorld();
    expect((await event(w.site.key, w.survey.id, "dismissed")).status).toBe(204);
    const cases: [Response, number, string][] = [
      [await event(w.site.key, w.survey.id, "clicked"), 400, "invalid_body"],
      [await event(w.site.key, "srv_nope", "shown"), 404, "unknown_survey"],
      [await event("pk_nope", w.survey.id, "shown"), 404, "unknown_site"],
      [await event(w.site.key, w.survey.id, "shown", "https://evil.example"), 403, "origin_not_allowed"],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect((await json(res)).error.code).toBe(code);
    }
    const s = await summary(w);
    expect(s.funnel).toMatchObject({ shown: 0, declined: 0, dismissed: 1 });
    const rows = await env.DB.prepare("SELECT * FROM daily_events WHERE site_id = ?1").bind(w.site.id).all();
    expect(Object.keys(rows.results[0]!).sort()).toEqual(["channel", "count", "day", "event", "site_id", "survey_id"]);
  });
});

/** Recount of every daily table from the raw rows, to compare with what the triggers keep. */
async function recount(siteId: string) {
  const q = (sql: string) => env.DB.prepare(sql).bind(siteId).all();
  const [questions, kept, options, keptOptions, responses, keptResponses] = await Promise.all([
    q(`SELECT r.survey_id, x.value AS question, COUNT(*) AS reached FROM responses r, json_each(r.reached) x
       WHERE r.site_id = ?1 GROUP BY 1, 2 ORDER BY 1, 2`),
    q(`SELECT survey_id, question_id AS question, SUM(reached) AS reached, SUM(answered) AS answered
       FROM daily_questions WHERE site_id = ?1 GROUP BY 1, 2 ORDER BY 1, 2`),
    q(`SELECT a.question_id AS question, o.value AS option, COUNT(*) AS count FROM answers a,
       json_each(CASE a.type WHEN 'multi' THEN a.value ELSE json_array(json_extract(a.value, '$')) END) o
       WHERE a.site_id = ?1 AND a.type IN ('choice', 'multi') GROUP BY 1, 2 ORDER BY 1, 2`),
    q(`SELECT question_id AS question, option_id AS option, SUM(count) AS count
       FROM daily_options WHERE site_id = ?1 GROUP BY 1, 2 ORDER BY 1, 2`),
    q("SELECT COUNT(*) AS count, SUM(complete) AS completed FROM responses WHERE site_id = ?1"),
    q("SELECT SUM(count) AS count, SUM(completed) AS completed FROM daily_responses WHERE site_id = ?1"),
  ]);
  const answered = await q("SELECT question_id AS question, COUNT(*) AS n FROM answers WHERE site_id = ?1 GROUP BY 1");
  return {
    reached: [questions.results.map((r) => [r.question, r.reached]), kept.results.map((r) => [r.question, r.reached])],
    answered: [
      answered.results.map((r) => [r.question, r.n]).sort(),
      kept.results
        .filter((r) => Number(r.answered) > 0)
        .map((r) => [r.question, r.answered])
        .sort(),
    ],
    options: [options.results, keptOptions.results],
    responses: [responses.results[0], keptResponses.results[0]],
  };
}

describe("daily aggregates kept by the database", () => {
  it("after inserts, later parts and erasures › equal a recount from the raw rows", async () => {
    const w = await logicWorld();
    const partial = submission(w, { respondent: "leaver-0123456789", complete: false, answers: answers(["nps", 2]) });
    const parts = [
      partial,
      { ...partial, answers: answers(["nps", 2], ["wrong", "broken"]) },
      { ...partial, complete: true, answers: answers(["nps", 2], ["wrong", "broken"], ["source", "friend"]) },
      submission(w, { respondent: "stayer-0123456789", answers: answers(["nps", 8], ["source", "search"]) }),
      submission(w, { respondent: "leaver-0123456789", answers: answers(["nps", 7], ["source", "friend"]) }),
    ];
    for (const body of parts) expect((await submit(body)).status).toBeLessThan(300);
    let r = await recount(w.site.id);
    for (const [name, [raw, kept]] of Object.entries(r)) expect(kept, name).toEqual(raw);
    expect(r.responses[0]).toEqual({ count: 3, completed: 3 });

    // The leaver withdraws: both responses and their weight in every daily table go.
    const forget = await call("POST", "/v1/forget", {
      body: { site: w.site.key, respondent: "leaver-0123456789" },
      origin: SHOP,
    });
    expect(await json(forget)).toEqual({ deleted: 2 });
    r = await recount(w.site.id);
    for (const [name, [raw, kept]] of Object.entries(r)) expect(kept, name).toEqual(raw);
    const s = await summary(w);
    expect(s.questions[0].options.map((o: { count: number }) => o.count)).toEqual([1, 0, 0]); // search, friend, ad
  });

  it("retention › raw answers go, the option counts and funnel stay", async () => {
    const w = await logicWorld();
    await submit(submission(w, { answers: answers(["nps", 8], ["source", "ad"]) }));
    const before = await summary(w);
    await env.DB.batch([
      env.DB.prepare("UPDATE responses SET expired = 1 WHERE site_id = ?1").bind(w.site.id),
      env.DB.prepare("DELETE FROM responses WHERE site_id = ?1 AND expired = 1").bind(w.site.id),
    ]);
    const after = await summary(w);
    expect(after.questions).toEqual(before.questions);
    expect(after.funnel.questions).toEqual(before.funnel.questions);
    expect(after.completed).toBe(1);
  });
});

describe("customers to answer, channels and the cross-tab", () => {
  it("unhappy answers of every type › listed by unhappy=true; a channel filters summary, list and export", async () => {
    const w = await logicWorld();
    const unhappy = [
      submission(w, { answers: answers(["nps", 6], ["wrong", "x"]) }),
      submission(w, { channel: "qr", answers: answers(["nps", 7], ["source", "search"], ["helpful", 0]) }),
    ];
    const happy = submission(w, { channel: "qr", answers: answers(["nps", 7], ["source", "search"], ["helpful", 1]) });
    for (const b of [...unhappy, happy]) expect((await submit(b)).status).toBe(201);
    const list = await json(
      await call("GET", `/api/sites/${w.site.id}/responses?unhappy=true&order=asc`, { cookie: w.owner.cookie }),
    );
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual(unhappy.map((b) => b.id).sort());
    const qr = await summary(w, "?channel=qr");
    expect([qr.responses, qr.nps.count, qr.thumbs.count]).toEqual([2, 2, 2]);
    const viaQr = await json(
      await call("GET", `/api/sites/${w.site.id}/responses?channel=qr`, { cookie: w.owner.cookie }),
    );
    expect(viaQr.items.map((i: { channel: string }) => i.channel)).toEqual(["qr", "qr"]);
    const csv = await (
      await call("GET", `/api/sites/${w.site.id}/export.csv?channel=qr`, { cookie: w.owner.cookie })
    ).text();
    expect(csv.trimEnd().split("\r\n")).toHaveLength(3);
  });

  it("a choice question by NPS segment and by product › counts and shares per column", async () => {
    const w = await logicWorld();
    const rows: [number, string, string][] = [
      [10, "search", "sku-1"],
      [9, "friend", "sku-1"],
      [7, "search", "sku-2"],
      [3, "search", "sku-2"],
    ];
    for (const [nps, source, sku] of rows) {
      const a =
        nps <= 6
          ? answers(["nps", nps], ["wrong", "x"], ["source", source])
          : nps >= 9
            ? answers(["nps", nps], ["love", "y"], ["source", source])
            : answers(["nps", nps], ["source", source]);
      expect((await submit(submission(w, { answers: a, context: { productId: sku } }))).status).toBe(201);
    }
    const base = `/api/sites/${w.site.id}/crosstab?survey=${w.survey.id}&question=source`;
    const bySegment = await json(await call("GET", `${base}&by=segment`, { cookie: w.owner.cookie }));
    expect(bySegment.columns).toEqual([
      { id: "promoter", respondents: 2 },
      { id: "passive", respondents: 1 },
      { id: "detractor", respondents: 1 },
    ]);
    expect(bySegment.rows[0]).toEqual({ option: "search", counts: [1, 1, 1], shares: [50, 100, 100] });
    expect(bySegment.rows[1]).toEqual({ option: "friend", counts: [1, 0, 0], shares: [50, 0, 0] });
    const byProduct = await json(await call("GET", `${base}&by=context:productId`, { cookie: w.owner.cookie }));
    expect(byProduct.columns).toEqual([
      { id: "sku-1", respondents: 2 },
      { id: "sku-2", respondents: 2 },
    ]);
    expect(byProduct.rows[0]).toEqual({ option: "search", counts: [1, 2], shares: [50, 100] });
    const notChoice = await call(
      "GET",
      `/api/sites/${w.site.id}/crosstab?survey=${w.survey.id}&question=nps&by=segment`,
      {
        cookie: w.owner.cookie,
      },
    );
    expect(notChoice.status).toBe(400);
  });
});
