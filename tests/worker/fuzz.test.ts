/**
 * Property-based: the input space of POST /v1/responses is the whole internet. Thousands of
 * random and mutated bodies must never cause a 5xx, never write after a 4xx, and always
 * answer in the contract's error shape (partial answers, logic and versions: fuzz-v2.test.ts).
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/src/index";
import { BASE, countingLimiter, rowCounts, SHOP, submission, world } from "./fixtures";
import { assertEnvelope, postRaw, report, runsOf, timeLimit } from "./fuzz-support";

const post = (body: string, contentType = "application/json") => postRaw("/v1/responses", body, contentType);

describe("POST /v1/responses fuzzing", () => {
  it(
    "random JSON values › should never 5xx and never write",
    async () => {
      await world();
      const before = await rowCounts(env.DB);
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.jsonValue({ maxDepth: 4 }),
          fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
          async (value, type) => {
            const res = await post(JSON.stringify(value), type);
            requests++;
            assertEnvelope(res.status, await res.json());
            expect(res.status).toBeGreaterThanOrEqual(400);
          },
        ),
        { numRuns: runsOf("jsonValues") },
      );
      expect(await rowCounts(env.DB)).toEqual(before);
      report("jsonValues", requests);
    },
    timeLimit("jsonValues"),
  );

  it(
    "random strings › should never 5xx",
    async () => {
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 300, unit: "binary" }), async (text) => {
          const res = await post(text);
          requests++;
          assertEnvelope(res.status, await res.json());
        }),
        { numRuns: runsOf("strings") },
      );
      report("strings", requests);
    },
    timeLimit("strings"),
  );

  it(
    "mutated valid bodies › 4xx never writes, 2xx writes exactly one response",
    async () => {
      let requests = 0;
      const w = await world();
      const anyValue = fc.oneof(
        fc.integer({ min: -5, max: 15 }),
        fc.double(),
        fc.string({ maxLength: 30 }),
        fc.constant(null),
        fc.boolean(),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
        fc.constantFrom("delivery", "price", "a", "b", "__proto__"),
        fc.string({ minLength: 1990, maxLength: 2010 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })),
      );
      const field = fc.constantFrom(
        "id",
        "site",
        "survey",
        "respondent",
        "consent",
        "locale",
        "page",
        "context",
        "answers",
        "__proto__",
        "extra",
      );
      const question = fc.constantFrom("nps", "csat", "ces", "why", "pick", "topics", "nope", "");
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant("set" as const), field, value: anyValue }),
        fc.record({ kind: fc.constant("drop" as const), field }),
        fc.record({ kind: fc.constant("answer" as const), question, value: anyValue }),
        fc.record({ kind: fc.constant("consent" as const), value: anyValue }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 0, maxLength: 3 }), async (mutations) => {
          const body: Record<string, any> = submission(w);
          for (const m of mutations) {
            if (m.kind === "set") body[m.field] = m.value;
            else if (m.kind === "drop") delete body[m.field];
            else if (m.kind === "answer")
              body.answers = Array.isArray(body.answers)
                ? [...body.answers, { question: m.question, value: m.value }]
                : [{ question: m.question, value: m.value }];
            else body.consent = { granted: m.value, policy: "2026-11-01" };
          }
          const before = await rowCounts(env.DB);
          const res = await post(JSON.stringify(body));
          requests++;
          const payload = await res.json();
          assertEnvelope(res.status, payload);
          const after = await rowCounts(env.DB);
          if (res.status >= 400) expect(after).toEqual(before);
          else if (res.status === 201) expect(after.responses).toBe(before.responses + 1);
          else expect(after).toEqual(before); // 200 duplicate
        }),
        { numRuns: runsOf("mutatedBodies") },
      );
      report("mutatedBodies", requests);
    },
    timeLimit("mutatedBodies"),
  );
});

describe("public rate limit", () => {
  it("a flood from one client › 429 rate_limited with Retry-After, per client and route", async () => {
    // The binding counts in 60 s windows that a test cannot control: a counting stand-in (same
    // interface) refuses the fourth call of a key, so the middleware is tested, not the clock.
    const { limiter, keys } = countingLimiter(3);
    const ask = async (method: string, path: string, ip: string, body?: unknown) => {
      const res = await app.fetch(
        new Request(`${BASE}${path}`, {
          method,
          headers: { "cf-connecting-ip": ip, "content-type": "application/json", origin: SHOP },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        { ...env, PUBLIC_RATE_LIMITER: limiter },
        createExecutionContext(),
      );
      return { status: res.status, code: res.status >= 400 ? ((await res.json()) as any).error.code : null, res };
    };
    const config = [];
    for (let i = 0; i < 5; i++) config.push(await ask("GET", "/v1/sites/pk_nothing/config", "198.51.100.9"));
    expect(config.map((r) => r.status)).toEqual([404, 404, 404, 429, 429]);
    expect(config[3]!.code).toBe("rate_limited");
    expect(Number(config[3]!.res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not held back by the first; the key never holds the address itself.
    expect((await ask("GET", "/v1/sites/pk_nothing/config", "198.51.100.10")).status).toBe(404);
    expect(keys.some((k) => k.includes("198.51.100"))).toBe(false);
    // POST /v1/responses has its own count: the flood of config reads has not used it up.
    const w = await world();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await ask("POST", "/v1/responses", "198.51.100.9", submission(w)));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    expect(answers[3]!.code).toBe("rate_limited");
    expect((await rowCounts(env.DB)).responses).toBeGreaterThanOrEqual(3);
  });
});
