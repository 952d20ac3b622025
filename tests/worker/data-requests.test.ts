import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, rowCounts, submission, submit, summary, world } from "./fixtures";

describe("a customer's data requests", () => {
  it("erasure by context › deletes every response with the value, out of the aggregates too; recorded", async () => {
    const w = await world();
    const answer = (orderId: string, nps: number, csat: number) =>
      submit(
        submission(w, {
          answers: [
            { question: "nps", value: nps },
            { question: "csat", value: csat },
            { question: "why", value: `order ${orderId}` },
          ],
          context: { orderId, productId: "sku-1" },
        }),
      );
    for (const [orderId, nps, csat] of [
      ["A-1042", 2, 1],
      ["A-1042", 3, 2],
      ["B-7", 10, 5],
    ] as const) {
      expect((await answer(orderId, nps, csat)).status).toBe(201);
    }
    const before = await rowCounts(env.DB);
    const found = await call("GET", `/api/sites/${w.site.id}/customer-data?context=orderId:A-1042`, {
      cookie: w.owner.cookie,
    });
    expect(found.status).toBe(200);
    const data = await json(found);
    expect(data).toMatchObject({ context: { key: "orderId", value: "A-1042" }, count: 2, truncated: false });
    expect(data.responses.map((r: any) => r.answers.find((a: any) => a.question === "why").value)).toEqual([
      "order A-1042",
      "order A-1042",
    ]);

    const res = await call("DELETE", `/api/sites/${w.site.id}/responses?context=orderId:A-1042`, {
      cookie: w.owner.cookie,
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ deleted: 2, more: false });
    const after = await summary(w);
    expect(after.responses).toBe(1);
    expect(after.nps).toMatchObject({ count: 1, detractors: 0, promoters: 1 });
    expect(after.csat.distribution).toEqual([0, 0, 0, 0, 1]);
    expect(await rowCounts(env.DB)).toEqual({
      responses: before.responses - 2,
      answers: before.answers - 6,
      context: before.context - 4,
      aggregated: before.aggregated - 4,
      dailyResponses: before.dailyResponses - 2,
    });
    const left = await json(
      await call("GET", `/api/sites/${w.site.id}/customer-data?context=orderId:A-1042`, { cookie: w.owner.cookie }),
    );
    expect(left.count).toBe(0);
    const records = await (
      await call("GET", `/api/sites/${w.site.id}/consents.csv`, { cookie: w.owner.cookie })
    ).text();
    expect(records).toMatch(/\r\nerased,orderId:A-1042,[^,]+,,,,,,2\r\n/);
  });

  it("erasure without a context, or a malformed one › should be 400 and change nothing", async () => {
    const w = await world();
    expect((await submit(submission(w, { context: { orderId: "A-1" } }))).status).toBe(201);
    const before = await rowCounts(env.DB);
    for (const q of ["", "?context=", "?context=orderId", "?context=bad key:1"]) {
      const res = await call("DELETE", `/api/sites/${w.site.id}/responses${q}`, { cookie: w.owner.cookie });
      expect(res.status, q).toBe(400);
      expect((await json(res)).error.code).toBe("invalid_body");
    }
    expect(await rowCounts(env.DB)).toEqual(before);
  });
});
