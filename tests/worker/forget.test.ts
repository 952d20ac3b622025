/** POST /v1/forget: a respondent's withdrawal erases their responses and their weight in every aggregate. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, submission, submit, summary, world } from "./fixtures";

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
