import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENTS } from "../../shared/webhooks";
import worker from "../../worker/src/index";
import { purgeExpired } from "../../worker/src/services/retention";
import {
  call,
  createSite,
  createSurvey,
  json,
  SHOP,
  SURVEY,
  signup,
  submission,
  submit,
  summary,
  type World,
} from "./fixtures";
import { callQueued, captureAlerts, deliver, hookedWorld, received } from "./webhook-support";

const DAY = 86_400_000;

async function worldWithRetention(retentionDays: number): Promise<World> {
  const owner = await signup();
  const site = await createSite(owner, { retentionDays });
  const survey = await createSurvey(owner, site.id, SURVEY);
  return { owner, site, survey };
}

/** `count` responses with one NPS answer each, created `ageDays` ago. */
async function bulkInsert(w: World, prefix: string, count: number, ageDays: number, now = Date.now()) {
  const at = new Date(now - ageDays * DAY).toISOString();
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?4 - 1)
     INSERT INTO responses
       (id, site_id, survey_id, body_hash, respondent_hash, device, consent_at, created_at, day, nps_min)
     SELECT ?5 || i, ?1, ?2, 'h', 'r' || i, 'desktop', ?3, ?3, substr(?3, 1, 10), i % 11 FROM n`,
  )
    .bind(w.site.id, w.survey.id, at, count, prefix)
    .run();
  await env.DB.prepare(
    `INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value)
     SELECT id, 'nps', site_id, survey_id, day, 'nps', nps_min, nps_min FROM responses
     WHERE site_id = ?1 AND id LIKE ?2 || '%'`,
  )
    .bind(w.site.id, prefix)
    .run();
}

const aggregateTotal = async (siteId: string) =>
  (await env.DB.prepare(
    "SELECT COALESCE(SUM(count), 0) AS n, COALESCE(SUM(sum), 0) AS s FROM daily_aggregates WHERE site_id = ?1",
  )
    .bind(siteId)
    .first<{ n: number; s: number }>())!;

describe("retention (scheduled handler)", () => {
  it("expired responses › should be deleted exactly, while the daily aggregates keep their weight", async () => {
    const w = await worldWithRetention(30);
    const other = await worldWithRetention(365);
    await bulkInsert(w, "old", 40, 45);
    await bulkInsert(w, "new", 25, 10);
    await bulkInsert(other, "keep", 30, 45); // older than 30 days but its site keeps a year
    const before = await aggregateTotal(w.site.id);
    expect(before.n).toBe(65);

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    const left = await env.DB.prepare("SELECT id FROM responses WHERE site_id = ?1 ORDER BY id")
      .bind(w.site.id)
      .all<{ id: string }>();
    expect(left.results.every((r) => r.id.startsWith("new"))).toBe(true);
    expect(left.results).toHaveLength(25);
    const orphanAnswers = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM answers WHERE site_id = ?1 AND response_id LIKE 'old%'",
    )
      .bind(w.site.id)
      .first<{ n: number }>();
    expect(orphanAnswers!.n).toBe(0);
    expect(await aggregateTotal(w.site.id)).toEqual(before);
    const s = await summary(w, `?from=${new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10)}`);
    expect(s.nps.count).toBe(65);
    expect(s.responses).toBe(65);
    const kept = await env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1")
      .bind(other.site.id)
      .first<{ n: number }>();
    expect(kept!.n).toBe(30);
  });

  it("a site with 50,000 expired responses › should be purged across several bounded runs", async () => {
    const w = await worldWithRetention(7);
    await bulkInsert(w, "x", 50_000, 30);
    const before = await aggregateTotal(w.site.id);
    const now = Date.now();
    const runs: { deleted: number; done: boolean }[] = [];
    for (let i = 0; i < 5; i++) {
      const report = await purgeExpired(env.DB, now);
      runs.push(report);
      if (report.done) break;
    }
    expect(runs).toEqual([
      { deleted: 20_000, done: false },
      { deleted: 20_000, done: false },
      { deleted: 10_000, done: true },
    ]);
    expect(
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1")
        .bind(w.site.id)
        .first<{ n: number }>())!.n,
    ).toBe(0);
    expect(
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM answers WHERE site_id = ?1")
        .bind(w.site.id)
        .first<{ n: number }>())!.n,
    ).toBe(0);
    expect(await aggregateTotal(w.site.id)).toEqual(before);
  });
});

describe("consent evidence", () => {
  it("consents.csv › should list grants (policy and text versions) and withdrawals, without answers", async () => {
    const w = await worldWithRetention(365);
    const kept = submission(w, {
      respondent: "keeps-consent-token-0001",
      consent: { granted: true, policy: "2026-11-01", text: "consent-v3" },
      answers: [
        { question: "nps", value: 9 },
        { question: "why", value: "secret opinion" },
      ],
    });
    expect((await submit(kept)).status).toBe(201);
    expect((await submit(submission(w, { respondent: "withdraws-token-00000001" }))).status).toBe(201);
    await call("POST", "/v1/forget", {
      body: { site: w.site.key, respondent: "withdraws-token-00000001" },
      origin: "https://shop.example",
    });
    const res = await call("GET", `/api/sites/${w.site.id}/consents.csv`, { cookie: w.owner.cookie });
    expect(res.status).toBe(200);
    const text = (await res.text()).replace(/^\uFEFF/, "");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "event,pseudonymous_id,at,policy_version,consent_text_version,response_id,locale,page,deleted_responses",
    );
    expect(lines.filter((l) => l.startsWith("granted,"))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith("granted,"))).toContain(`2026-11-01,consent-v3,${kept.id}`);
    expect(lines.filter((l) => l.startsWith("withdrawn,"))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith("withdrawn,"))!.endsWith(",1")).toBe(true);
    expect(text).not.toContain("secret opinion");
    expect(text).not.toContain("keeps-consent-token");
  });
});

describe("no IP address anywhere", () => {
  it("ingestion, a withdrawal, delivered webhooks › no row and no webhook request holds the address", async () => {
    const w = await hookedWorld(WEBHOOK_EVENTS);
    const ip = "192.0.2.123";
    const headers = { "cf-connecting-ip": ip, "x-forwarded-for": ip, "x-real-ip": ip };
    const q = captureAlerts();
    const post = (path: string, body: unknown) => callQueued(q, "POST", path, { body, origin: SHOP, headers });
    const kept = submission(w, {
      answers: [
        { question: "nps", value: 3 },
        { question: "why", value: "slow" },
      ],
    });
    expect((await post("/v1/responses", kept)).status).toBe(201);
    const leaving = submission(w, { respondent: "leaving-with-my-address-01" });
    expect((await post("/v1/responses", leaving)).status).toBe(201);
    expect(await json(await post("/v1/forget", { site: w.site.key, respondent: leaving.respondent }))).toEqual({
      deleted: 1,
    });
    await deliver(q, q.take());
    const hits = await received(w.path);
    expect(hits.map((h) => h.headers["x-feedback-event"]).sort()).toEqual([
      "response.completed",
      "response.created",
      "response.erased",
      "response.unhappy",
    ]);
    for (const hit of hits) expect(JSON.stringify(hit)).not.toContain(ip);
    // What the site keeps: the answer, the withdrawal and the deliveries, none with the address.
    const own = await env.DB.batch([
      env.DB.prepare("SELECT id FROM responses WHERE site_id = ?1").bind(w.site.id),
      env.DB.prepare("SELECT deleted FROM consent_withdrawals WHERE site_id = ?1").bind(w.site.id),
      env.DB.prepare("SELECT status FROM alert_deliveries WHERE site_id = ?1").bind(w.site.id),
    ]);
    expect(own[0]!.results).toEqual([{ id: kept.id }]);
    expect(own[1]!.results).toEqual([{ deleted: 1 }]);
    expect(own[2]!.results).toEqual(hits.map(() => ({ status: "delivered" })));
    const tables = (
      await env.DB.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      ).all<{ name: string }>()
    ).results;
    expect(tables.length).toBeGreaterThan(8);
    for (const { name } of tables) {
      const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      expect(JSON.stringify(rows.results), name).not.toContain(ip);
    }
  });
});
