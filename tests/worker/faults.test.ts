/**
 * Faults injected into D1 writes: transient errors before or after the commit, and overload.
 * Every answer the client was told was accepted must be stored exactly once; every refused
 * one must have been told to retry (503 + Retry-After), never a 500.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/src/index";
import { SHOP, submission, summary, world } from "./fixtures";
import { watchedDb } from "./watched-db";

type Fault = "none" | "lost-before" | "lost-after" | "overloaded";

/** A D1 whose batch() fails as the plan says; reads go straight through. */
function faultyDb(nextFault: () => Fault): D1Database {
  return watchedDb({
    async batch(_, run) {
      const fault = nextFault();
      if (fault === "lost-before") throw new Error("D1_ERROR: Network connection lost.");
      if (fault === "overloaded") throw new Error("D1_ERROR: D1 DB is overloaded. Too many requests queued.");
      const result = await run();
      // Committed, but the caller never heard.
      if (fault === "lost-after") throw new Error("D1_ERROR: Network connection lost.");
      return result;
    },
  });
}

async function post(body: unknown, db: D1Database) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request("https://collector.test/v1/responses", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: SHOP,
        "cf-connecting-ip": `10.9.${Math.floor(Math.random() * 255)}.1`,
      },
      body: JSON.stringify(body),
    }),
    { ...env, DB: db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("D1 faults during ingestion", () => {
  it("transient and overload faults › accepted answers stored exactly once; the rest told to retry", async () => {
    const w = await world();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Fault>("none", "lost-before", "lost-after", "overloaded"), {
          minLength: 30,
          maxLength: 30,
        }),
        async (plan) => {
          let i = 0;
          const db = faultyDb(() => plan[i++ % plan.length]!);
          const told = new Map<string, number[]>();
          const bodies = Array.from({ length: 8 }, (_, k) =>
            submission(w, {
              answers: [
                { question: "nps", value: k % 11 },
                { question: "csat", value: 1 + (k % 5) },
              ],
            }),
          );
          for (const body of bodies) {
            // The client (the widget's queue) retries what it was told to retry, a bounded number of times.
            for (let attempt = 0; attempt < 6; attempt++) {
              const res = await post(body, db);
              told.set(body.id, [...(told.get(body.id) ?? []), res.status]);
              expect([200, 201, 503]).toContain(res.status);
              if (res.status === 503) {
                expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
                const err = (await res.json()) as { error: { code: string } };
                expect(err.error.code).toBe("unavailable");
                continue;
              }
              break;
            }
          }
          for (const body of bodies) {
            const statuses = told.get(body.id)!;
            const accepted = statuses.some((s) => s === 200 || s === 201);
            const rows = await env.DB.batch([
              env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE id = ?1").bind(body.id),
              env.DB.prepare("SELECT COUNT(*) AS n FROM answers WHERE response_id = ?1").bind(body.id),
            ]);
            const [responses, answers] = rows.map((r) => (r.results[0] as { n: number }).n);
            if (accepted) {
              expect(responses).toBe(1);
              expect(answers).toBe(2);
            } else {
              // Never accepted: every answer said 503, and the row exists at most once (a commit the client
              // never heard of).
              expect(statuses.every((s) => s === 503)).toBe(true);
              expect(responses).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
    // The aggregates agree with the stored answers, whatever happened.
    const s = await summary(w, "");
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM answers WHERE site_id = ?1 AND type = 'nps'")
      .bind(w.site.id)
      .first<{ n: number }>();
    expect(s.nps.count).toBe(stored!.n);
    expect(s.responses).toBe(stored!.n);
  });

  it("every batch lost › should answer 503 with Retry-After, not 500", async () => {
    const w = await world();
    const res = await post(
      submission(w),
      faultyDb(() => "lost-before"),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
  });
});
