/** POST /v1/responses accepted: what is stored (and what never is), duplicates, CORS, a new id after a refusal. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  call,
  clientId,
  json,
  rowCounts,
  SHOP,
  submission,
  submit,
  summary,
  WRITTEN_EITHER_WAY,
  world,
} from "./fixtures";

describe("POST /v1/responses", () => {
  it("valid submission › should answer 201 with the id and store one response with its answers", async () => {
    const w = await world();
    const body = submission(w, {
      answers: [
        { question: "nps", value: 3 },
        { question: "csat", value: 2 },
        { question: "why", value: "Livrare rapidă, dar ambalaj șifonat" },
        { question: "topics", value: ["delivery", "price"] },
      ],
      context: { orderId: "A-1042", productId: "sku-77" },
    });
    const res = await submit(body);
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual({ id: body.id });
    expect(res.headers.get("access-control-allow-origin")).toBe(SHOP);
    const row = await env.DB.prepare("SELECT * FROM responses WHERE id = ?1")
      .bind(body.id)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({
      page: "https://shop.example/checkout/thank-you",
      locale: "en",
      nps_min: 3,
      consent_policy: "2026-11-01",
    });
    const answers = await env.DB.prepare(
      "SELECT question_id, score, value FROM answers WHERE response_id = ?1 ORDER BY question_id",
    )
      .bind(body.id)
      .all();
    expect(answers.results).toEqual([
      { question_id: "csat", score: 2, value: "2" },
      { question_id: "nps", score: 3, value: "3" },
      { question_id: "topics", score: null, value: '["delivery","price"]' },
      { question_id: "why", score: null, value: '"Livrare rapidă, dar ambalaj șifonat"' },
    ]);
    const ctx = await env.DB.prepare("SELECT key, value FROM response_context WHERE response_id = ?1 ORDER BY key")
      .bind(body.id)
      .all();
    expect(ctx.results).toEqual([
      { key: "orderId", value: "A-1042" },
      { key: "productId", value: "sku-77" },
    ]);
  });

  it("privacy › should store neither the IP address, the user agent nor the respondent token", async () => {
    const w = await world();
    const body = submission(w, { respondent: "very-secret-respondent-token" });
    const ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";
    expect((await submit(body, SHOP, { "cf-connecting-ip": "203.0.113.77", "user-agent": ua })).status).toBe(201);
    const row = await env.DB.prepare("SELECT * FROM responses WHERE id = ?1")
      .bind(body.id)
      .first<Record<string, unknown>>();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain("203.0.113.77");
    expect(stored).not.toContain("iPhone OS");
    expect(stored).not.toContain("very-secret-respondent-token");
    expect(row!.device).toBe("mobile");
    expect(row!.respondent_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("text/plain body › should be accepted like JSON (navigator.sendBeacon)", async () => {
    const w = await world();
    const body = submission(w);
    const res = await call("POST", "/v1/responses", {
      rawBody: JSON.stringify(body),
      headers: { "content-type": "text/plain;charset=UTF-8" },
      origin: SHOP,
    });
    expect(res.status).toBe(201);
  });

  it("same id and same body › should answer 200 duplicate and count once", async () => {
    const w = await world();
    const body = submission(w, { context: { b: "2", a: "1" } });
    expect((await submit(body)).status).toBe(201);
    const again = await submit({ ...body, context: { a: "1", b: "2" } });
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({ id: body.id, duplicate: true });
    const s = await summary(w);
    expect(s.responses).toBe(1);
    expect(s.nps.count).toBe(1);
  });

  it("same id with another body › should answer 422 id_reused and change nothing", async () => {
    const w = await world();
    const body = submission(w);
    expect((await submit(body)).status).toBe(201);
    const before = await rowCounts(env.DB);
    const res = await submit({
      ...body,
      answers: [
        { question: "nps", value: 0 },
        { question: "why", value: "changed" },
      ],
    });
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe("id_reused");
    expect(await rowCounts(env.DB)).toEqual(before);
    expect((await summary(w)).nps.distribution[9]).toBe(1);
  });

  it.each(WRITTEN_EITHER_WAY)(
    "20 simultaneous copies of one id, written %s › should give exactly one 201 and count once",
    async (_, send) => {
      const w = await world();
      const body = submission(w, {
        answers: [
          { question: "nps", value: 10 },
          { question: "csat", value: 5 },
        ],
      });
      const results = await Promise.all(Array.from({ length: 20 }, () => send(body)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(19);
      const s = await summary(w);
      expect(s.responses).toBe(1);
      expect(s.nps.count).toBe(1);
      expect(s.csat.count).toBe(1);
    },
  );

  it("unknown route › should answer 404 in the error envelope", async () => {
    const res = await call("GET", "/v1/nothing-here");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
  });

  it("preflight from an allowed origin › grants POST with Content-Type; a foreign origin gets no grant", async () => {
    await world();
    const ok = await call("OPTIONS", "/v1/responses", {
      origin: SHOP,
      headers: { "access-control-request-method": "POST" },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(SHOP);
    const bad = await call("OPTIONS", "/v1/responses", {
      origin: "https://evil.example",
      headers: { "access-control-request-method": "POST" },
    });
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a new id after a refusal › should still be accepted (nothing half-written blocks it)", async () => {
    const w = await world();
    const id = clientId();
    expect((await submit(submission(w, { id, answers: [{ question: "nps", value: 42 }] }))).status).toBe(400);
    expect((await submit(submission(w, { id }))).status).toBe(201);
  });
});
