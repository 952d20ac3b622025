/** POST /v1/responses refused: every invalid body, origin and size answers in the error envelope and writes no row. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/src/index";
import { call, json, rowCounts, SHOP, submission, submit, world } from "./fixtures";

describe("POST /v1/responses", () => {
  describe("refusals change no row", () => {
    const cases: [string, (w: Awaited<ReturnType<typeof world>>) => unknown, number, string, RegExp?][] = [
      [
        "NPS above 10",
        (w) => submission(w, { answers: [{ question: "nps", value: 11 }] }),
        400,
        "invalid_body",
        /answers\[0\]\.value: NPS must be an integer 0-10/,
      ],
      ["NPS not an integer", (w) => submission(w, { answers: [{ question: "nps", value: 7.5 }] }), 400, "invalid_body"],
      ["NPS as a string", (w) => submission(w, { answers: [{ question: "nps", value: "9" }] }), 400, "invalid_body"],
      [
        "CSAT 0",
        (w) =>
          submission(w, {
            answers: [
              { question: "nps", value: 9 },
              { question: "csat", value: 0 },
            ],
          }),
        400,
        "invalid_body",
        /CSAT must be an integer 1-5/,
      ],
      [
        "CES 8",
        (w) =>
          submission(w, {
            answers: [
              { question: "nps", value: 9 },
              { question: "ces", value: 8 },
            ],
          }),
        400,
        "invalid_body",
        /CES must be an integer 1-7/,
      ],
      [
        "choice not an option",
        (w) =>
          submission(w, {
            answers: [
              { question: "nps", value: 9 },
              { question: "pick", value: "z" },
            ],
          }),
        400,
        "invalid_body",
      ],
      [
        "multi with a foreign option",
        (w) =>
          submission(w, {
            answers: [
              { question: "nps", value: 9 },
              { question: "topics", value: ["delivery", "x"] },
            ],
          }),
        400,
        "invalid_body",
      ],
      [
        "multi repeating an option",
        (w) =>
          submission(w, {
            answers: [
              { question: "nps", value: 9 },
              { question: "topics", value: ["price", "price"] },
            ],
          }),
        400,
        "invalid_body",
      ],
      [
        "text over 2,000 characters",
        (w) =>
          submission(w, {
            answers: [
              { question: "nps", value: 9 },
              { question: "why", value: "ă".repeat(2001) },
            ],
          }),
        400,
        "invalid_body",
        /at most 2000/,
      ],
      [
        "unknown question",
        (w) =>
          submission(w, {
            answers: [
              { question: "nps", value: 9 },
              { question: "nope", value: 1 },
            ],
          }),
        400,
        "invalid_body",
        /unknown question/,
      ],
      [
        "repeated question",
        (w) =>
          submission(w, {
            answers: [
              { question: "nps", value: 9 },
              { question: "nps", value: 8 },
            ],
          }),
        400,
        "invalid_body",
        /twice/,
      ],
      [
        "required question missing",
        (w) => submission(w, { answers: [{ question: "csat", value: 4 }] }),
        400,
        "invalid_body",
        /required/,
      ],
      ["no answers", (w) => submission(w, { answers: [] }), 400, "invalid_body"],
      ["bad id", (w) => submission(w, { id: "short" }), 400, "invalid_body"],
      ["page not a URL", (w) => submission(w, { page: "javascript:alert(1)" }), 400, "invalid_body"],
      [
        "too many context keys",
        (w) => submission(w, { context: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) }),
        400,
        "invalid_body",
      ],
      ["bad context key", (w) => submission(w, { context: { "bad key": "v" } }), 400, "invalid_body"],
      ["context value too long", (w) => submission(w, { context: { k: "x".repeat(101) } }), 400, "invalid_body"],
      [
        "consent not granted",
        (w) => submission(w, { consent: { granted: false, policy: "2026-11-01" } }),
        403,
        "consent_required",
      ],
      [
        "consent missing",
        (w) => {
          const { consent: _, ...rest } = submission(w);
          return rest;
        },
        403,
        "consent_required",
      ],
      ["unknown site", (w) => submission(w, { site: "pk_nope" }), 404, "unknown_site"],
      ["unknown survey", (w) => submission(w, { survey: "srv_nope" }), 404, "unknown_survey"],
    ];
    for (const [name, build, status, code, message] of cases) {
      it(`${name} › should answer ${status} ${code}`, async () => {
        const w = await world();
        const before = await rowCounts(env.DB);
        const res = await submit(build(w));
        expect(res.status).toBe(status);
        const body = await json(res);
        expect(body.error.code).toBe(code);
        expect(typeof body.error.message).toBe("string");
        if (message) expect(body.error.message).toMatch(message);
        expect(await rowCounts(env.DB)).toEqual(before);
      });
    }

    it("foreign Origin › should answer 403 origin_not_allowed without a CORS grant", async () => {
      const w = await world();
      const before = await rowCounts(env.DB);
      const res = await submit(submission(w), "https://evil.example");
      expect(res.status).toBe(403);
      expect((await json(res)).error.code).toBe("origin_not_allowed");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(await rowCounts(env.DB)).toEqual(before);
    });

    it("body that is not JSON › should answer 400 invalid_body", async () => {
      const res = await call("POST", "/v1/responses", {
        rawBody: "{nope",
        headers: { "content-type": "application/json" },
        origin: SHOP,
      });
      expect(res.status).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "invalid_body", message: "body is not valid JSON" });
    });

    it("body over 16 KiB with Content-Length › should answer 413 before parsing", async () => {
      const res = await call("POST", "/v1/responses", {
        rawBody: "x".repeat(16 * 1024 + 1),
        headers: { "content-type": "application/json" },
        origin: SHOP,
      });
      expect(res.status).toBe(413);
      expect((await json(res)).error.code).toBe("payload_too_large");
    });

    it("chunked body over 16 KiB without Content-Length › should answer 413", async () => {
      const w = await world();
      const before = await rowCounts(env.DB);
      const big = JSON.stringify(
        submission(w, {
          answers: [
            { question: "nps", value: 9 },
            { question: "why", value: "y".repeat(17000) },
          ],
        }),
      );
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(big);
          for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
          controller.close();
        },
      });
      const req = new Request("https://collector.test/v1/responses", {
        method: "POST",
        body: stream,
        headers: { "content-type": "application/json", origin: SHOP },
        // @ts-expect-error: duplex is required for streamed request bodies
        duplex: "half",
      });
      expect(req.headers.get("content-length")).toBeNull();
      const { exports } = await import("cloudflare:workers");
      const res = await exports.default.fetch(req);
      expect(res.status).toBe(413);
      expect(await rowCounts(env.DB)).toEqual(before);
    });

    it("chunked body declaring a small Content-Length › should stop reading past 16 KiB and answer 413", async () => {
      let pulled = 0;
      const megabyte = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= 1_000_000) return controller.close();
          controller.enqueue(new Uint8Array(1000).fill(32));
          pulled += 1000;
        },
      });
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request("https://collector.test/v1/responses", {
          method: "POST",
          body: megabyte,
          headers: { "content-type": "application/json", "content-length": "10", "transfer-encoding": "chunked" },
          // @ts-expect-error: duplex is required for streamed request bodies
          duplex: "half",
        }),
        env,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(413);
      // Read as it came and given up on past the cap, not taken whole on the word of its Content-Length.
      expect(pulled).toBeLessThan(200_000);
    });
  });
});
