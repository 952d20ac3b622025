/**
 * Direct mode writes the submissions and events of concurrent requests together (lib/coalescer.ts):
 * one D1 round trip for a batch, each request told its own fate, and a row at fault failing alone. How
 * many join one batch depends on when each reaches the writer: the round trips are fewer than the calls.
 * The calls share one env object in the test's context (fixtures.ts, TOGETHER says why): `call` makes one
 * env per overrides object.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, SHOP, submission, summary, world } from "./fixtures";
import { ANSWERS } from "./queue-support";
import { countingDb, watchedDb } from "./watched-db";

/** POST `path` with the given overrides: the same overrides object, the same env, the same batches. */
const post = (path: string, body: unknown, overrides: Partial<Cloudflare.Env>) =>
  call("POST", path, { body, origin: SHOP, env: overrides });

/** env.DB whose write batches fail when they hold a statement `isPoison` picks (a row or a step at fault). */
function poisonedDb(isPoison: (sql: string, values: unknown[]) => boolean) {
  const sqlOf = new WeakMap<D1PreparedStatement, string>();
  const poisoned = new WeakSet<D1PreparedStatement>();
  let failed = 0;
  const db = watchedDb({
    prepared: (stmt, sql) => void sqlOf.set(stmt, sql),
    bound(unbound, bound, values) {
      if (isPoison(sqlOf.get(unbound)!, values)) poisoned.add(bound);
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
  it("10 at once › fewer D1 round trips than answers, each answered 201 and stored once", async () => {
    const w = await world();
    const counting = countingDb();
    const together = { DB: counting.db, INGEST_MODE: "direct" };
    expect((await post("/v1/responses", submission(w, ANSWERS(0)), together)).status).toBe(201); // fills the cache
    counting.reset();
    const bodies = Array.from({ length: 10 }, (_, i) => submission(w, ANSWERS(i + 1)));
    const results = await Promise.all(bodies.map((b) => post("/v1/responses", b, together)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect((await Promise.all(results.map((r) => json(r)))).map((b) => b.id)).toEqual(bodies.map((b) => b.id));
    // Those that reach the writer while a batch is on its way go together in the next one.
    expect(counting.roundTrips()).toBeLessThan(bodies.length);
    const s = await summary(w);
    expect(s.responses).toBe(11);
    expect(s.nps.count).toBe(11);
  });

  it("a row at fault in the batch › it alone fails; the others are stored, each once", async () => {
    const w = await world();
    const bad = submission(w, { ...ANSWERS(1), page: "https://shop.example/poisoned-row" });
    const good = Array.from({ length: 6 }, (_, i) => submission(w, ANSWERS(i + 2)));
    const poisoned = poisonedDb((_, values) => values.some((v) => typeof v === "string" && v.includes("poisoned-row")));
    const together = { DB: poisoned.db, INGEST_MODE: "direct" };
    const results = await Promise.all([bad, ...good].map((b) => post("/v1/responses", b, together)));
    expect(results[0]!.status).toBe(500);
    expect(results.slice(1).map((r) => r.status)).toEqual(Array(6).fill(201));
    // Every batch that held the bad row failed; it was written apart until it stood alone.
    expect(poisoned.failed()).toBeGreaterThanOrEqual(1);
    const stored = await env.DB.prepare("SELECT id FROM responses WHERE site_id = ?1 ORDER BY id")
      .bind(w.site.id)
      .all<{ id: string }>();
    expect(stored.results.map((r) => r.id)).toEqual(good.map((b) => b.id).sort());
  });
});

describe("direct mode › a batch whose later step fails", () => {
  it("new rows written, a later part failing to continue › the new ones 201, only that part fails", async () => {
    const w = await world();
    const partial = submission(w, { complete: false, answers: [{ question: "nps", value: 4 }] });
    expect((await post("/v1/responses", partial, { INGEST_MODE: "direct" })).status).toBe(201);
    // Continuing a stored response (UPDATE responses …) fails; inserting new ones does not.
    const { db } = poisonedDb((sql) => sql.includes("UPDATE responses SET complete"));
    const together = { DB: db, INGEST_MODE: "direct" };
    const later = { ...partial, complete: true, answers: [...partial.answers, { question: "why", value: "late" }] };
    const fresh = Array.from({ length: 5 }, (_, i) => submission(w, ANSWERS(i + 1)));
    const results = await Promise.all([later, ...fresh].map((b) => post("/v1/responses", b, together)));
    expect(results[0]!.status).toBe(500);
    // Written by the batch before its later step failed: each told 201, not a duplicate of itself.
    expect(results.slice(1).map((r) => r.status)).toEqual(Array(5).fill(201));
    expect((await Promise.all(results.slice(1).map((r) => json(r)))).every((b) => !b.duplicate)).toBe(true);
    const s = await summary(w);
    expect(s.responses).toBe(6);
    expect(s.completed).toBe(5);
  });
});

describe("direct mode › concurrent events counted together", () => {
  it("12 events at once › fewer D1 round trips than events, every one counted", async () => {
    const w = await world();
    const counting = countingDb();
    const together = { DB: counting.db };
    const event = (name: string) => ({ site: w.site.key, survey: w.survey.id, version: 1, event: name });
    expect((await post("/v1/events", event("shown"), together)).status).toBe(204); // fills the cache
    counting.reset();
    const names = [...Array(8).fill("shown"), ...Array(3).fill("dismissed"), "declined"];
    const results = await Promise.all(names.map((n) => post("/v1/events", event(n), together)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(204));
    expect(counting.roundTrips()).toBeLessThan(names.length);
    expect((await summary(w)).funnel).toMatchObject({ shown: 9, dismissed: 3, declined: 1 });
  });

  it("a batch of events committed but its answer lost › 503 retry later, and counted once, not twice", async () => {
    const w = await world();
    let lost = 0;
    const db = watchedDb({
      batch: (stmts, run) =>
        lost++ === 0 && stmts.length > 0
          ? run().then(() => Promise.reject(new Error("D1_ERROR: Network connection lost.")))
          : run(),
    });
    const event = { site: w.site.key, survey: w.survey.id, version: 1, event: "shown" };
    await post("/v1/events", event, {}); // fills the cache, counted: 1
    const res = await post("/v1/events", event, { DB: db });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    // Counted by the batch that did commit, and not again by a retry.
    expect((await summary(w)).funnel.shown).toBe(2);
  });
});
