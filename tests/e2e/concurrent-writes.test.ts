/**
 * Concurrent requests against the real worker (workerd under `wrangler dev`, direct mode): the
 * isolate writes the submissions and events that meet in it in shared batches (lib/coalescer.ts),
 * each request waiting on a promise of its own that another request settles; whatever the grouping,
 * each gets its own answer and each is counted once. The worker tests cannot send
 * separate requests through that path (their pool turns workerd's cross-request promise resolution
 * off); here every request is its own, as in production.
 */
import { describe, expect, it } from "vitest";
import { owner, stack, useLiveStack } from "./live-stack";
import { id21, postResponse } from "./support";
import { siteWith, TRIGGER } from "./widget-sites";

useLiveStack({ owner: true });

describe("concurrent requests, each its own", () => {
  it("copies of one id and distinct answers at once › one 201 per id, copies duplicates, all counted", async () => {
    const site = await siteWith({
      questions: [{ id: "nps", type: "nps", required: true, text: { en: "Would you recommend us?" } }],
      trigger: TRIGGER,
    });
    const answer = (i: number) => ({
      site: site.key,
      survey: site.surveyId,
      respondent: `respondent-${i}-0123456789`,
      consent: { granted: true, policy: "2026-11-01" },
      answers: [{ question: "nps", value: i % 11 }],
    });
    const copy = { ...answer(100), id: id21() };
    const distinct = Array.from({ length: 30 }, (_, i) => ({ ...answer(i), id: id21() }));
    const sent = [...Array(15).fill(copy), ...distinct];
    const results = await Promise.all(sent.map((body) => postResponse(stack, body)));
    const bodies = await Promise.all(results.map((r) => r.json() as Promise<{ id: string; duplicate?: true }>));
    const copies = results.slice(0, 15).map((r, i) => `${r.status}${bodies[i]!.duplicate ? " duplicate" : ""}`);
    expect(copies.sort()).toEqual([...Array(14).fill("200 duplicate"), "201"]);
    expect(results.slice(15).map((r) => r.status)).toEqual(Array(30).fill(201));
    expect(bodies.slice(15).map((b) => b.id)).toEqual(distinct.map((b) => b.id));

    const events = Array.from({ length: 20 }, (_, i) =>
      fetch(`${stack.collectorUrl}/v1/events`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: stack.shopUrl },
        body: JSON.stringify({
          site: site.key,
          survey: site.surveyId,
          version: 1,
          event: i < 16 ? "shown" : "dismissed",
        }),
      }),
    );
    expect((await Promise.all(events)).map((r) => r.status)).toEqual(Array(20).fill(204));

    const summary = await owner.json("GET", `/api/sites/${site.id}/summary`);
    expect(summary.responses).toBe(31);
    expect(summary.nps.count).toBe(31);
    expect(summary.funnel).toMatchObject({ shown: 16, dismissed: 4 });
  });
});
