/**
 * Direct mode writes the submissions and events of concurrent requests together (lib/coalescer.ts):
 * one D1 round trip for a batch, each request told its own fate, and a row at fault failing alone.
 * The calls share one env object in the test's context (fixtures.ts, TOGETHER says why).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countingDb, watchedDb } from "./d1-count";
import { BASE, json, SHOP, submission, summary, world } from "./fixtures";
import { ANSWERS, app } from "./queue-support";

/** POST `path` through the app with the given env object (the same object: the same batches). */
async function post(path: string, body: unknown, bindings: Cloudflare.Env) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: SHOP, "cf-connecting-ip": "10.8.0.1" },
      body: JSON.stringify(body),
    }),
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

/** env.DB whose write batches fail when they hold a statement bound to `poison` (a row at fault). */
function poisonedDb(poison: string) {
  const poisoned = new WeakSet<D1PreparedStatement>();
  let failed = 0;
  const db = watchedDb({
    bound(_, bound, values) {
      if (values.some((v) => typeof v === "string" && v.includes(poison))) poisoned.add(bound);
    },
    batch(stmts, run) {
      if (!stmts.some((s) => poisoned.has(s))) return run();
      failed++;
      return Promise.reject(new Error("D1_ERROR: CHECK constraint failed: SQLITE_CONSTRAINT"));
    },
  });
  return { db, failed: () => failed };
}

describe("direct mode › concurrent submissions written together", () => {
  it("10 at once › one D1 round trip for all, each answered 201 and stored once", async () => {
    const w = await world();
    const counting = countingDb();
    const together = { ...env, DB: counting.db, INGEST_MODE: "direct" } as Cloudflare.Env;
    expect((await post("/v1/responses", submission(w, ANSWERS(0)), together)).status).toBe(201); // fills the cache
    counting.reset();
    const bodies = Array.from({ length: 10 }, (_, i) => submission(w, ANSWERS(i + 1)));
    const results = await Promise.all(bodies.map((b) => post("/v1/responses", b, together)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect((await Promise.all(results.map((r) => json(r)))).map((b) => b.id)).toEqual(bodies.map((b) => b.id));
    expect(counting.roundTrips()).toBe(1);
    const s = await summary(w);
    expect(s.responses).toBe(11);
    expect(s.nps.count).toBe(11);
  });

  it("a row at fault in the batch › it alone fails; the others are stored, each once", async () => {
    const w = await world();
    const bad = submission(w, { ...ANSWERS(1), page: "https://shop.example/poisoned-row" });
    const good = Array.from({ length: 6 }, (_, i) => submission(w, ANSWERS(i + 2)));
    const poisoned = poisonedDb("poisoned-row");
    const together = { ...env, DB: poisoned.db, INGEST_MODE: "direct" } as Cloudflare.Env;
    const results = await Promise.all([bad, ...good].map((b) => post("/v1/responses", b, together)));
    expect(results[0]!.status).toBe(500);
    expect(results.slice(1).map((r) => r.status)).toEqual(Array(6).fill(201));
    // The batch of all seven failed, then the bad row alone; the six were written one by one.
    expect(poisoned.failed()).toBe(2);
    const stored = await env.DB.prepare("SELECT id FROM responses WHERE site_id = ?1 ORDER BY id")
      .bind(w.site.id)
      .all<{ id: string }>();
    expect(stored.results.map((r) => r.id)).toEqual(good.map((b) => b.id).sort());
  });
});

describe("direct mode › concurrent events counted together", () => {
  it("12 events at once › one D1 round trip, every one counted", async () => {
    const w = await world();
    const counting = countingDb();
    const together = { ...env, DB: counting.db } as Cloudflare.Env;
    const event = (name: string) => ({ site: w.site.key, survey: w.survey.id, version: 1, event: name });
    expect((await post("/v1/events", event("shown"), together)).status).toBe(204); // fills the cache
    counting.reset();
    const names = [...Array(8).fill("shown"), ...Array(3).fill("dismissed"), "declined"];
    const results = await Promise.all(names.map((n) => post("/v1/events", event(n), together)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(204));
    expect(counting.roundTrips()).toBe(1);
    expect((await summary(w)).funnel).toMatchObject({ shown: 9, dismissed: 3, declined: 1 });
  });
});
