/**
 * Webhook events: each fires once per thing that happened (never again on a repeated submission, a
 * retried request or a message the queue delivers twice), is queued by the write that made it, and is
 * retried through the queue until delivered.
 */
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENTS } from "../../shared/webhooks";
import { call, clientId, json, submission } from "./fixtures";
import {
  callQueued,
  captureAlerts,
  deliver,
  deliveriesOf,
  fired,
  hookedWorld,
  received,
  submitQueued,
} from "./webhook-support";

const answers = (...pairs: [string, unknown][]) => pairs.map(([question, value]) => ({ question, value }));

describe("webhook events fire once", () => {
  it("a complete answer › created, completed and unhappy once each; the same submission again adds none", async () => {
    const w = await hookedWorld(WEBHOOK_EVENTS);
    const alerts = captureAlerts();
    const body = submission(w, { answers: answers(["nps", 3], ["why", "late"]) });
    expect((await submitQueued(alerts, body)).status).toBe(201);
    const made = await deliveriesOf(w.site.id);
    expect(made.map((d) => d.event).sort()).toEqual(["response.completed", "response.created", "response.unhappy"]);
    // Queued by the write itself, each once, none delayed.
    expect(alerts.sent.map((m) => m.deliveryId).sort()).toEqual(made.map((d) => d.id).sort());
    expect(alerts.sent.every((m) => m.delaySeconds === 0)).toBe(true);
    alerts.take();

    const again = await submitQueued(alerts, body);
    expect(await json(again)).toEqual({ id: body.id, duplicate: true });
    const copies = await Promise.all(Array.from({ length: 10 }, () => submitQueued(alerts, body)));
    expect(copies.every((r) => r.status === 200)).toBe(true);
    expect(await fired(w.site.id)).toEqual(
      ["response.completed", "response.created", "response.unhappy"].map((e) => `${e}: ${body.id}`),
    );
    expect(alerts.take()).toEqual([]);
  });

  it("20 simultaneous copies of a new id › one created, one completed", async () => {
    const w = await hookedWorld(["response.created", "response.completed"]);
    const alerts = captureAlerts();
    const body = submission(w);
    const results = await Promise.all(Array.from({ length: 20 }, () => submitQueued(alerts, body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await fired(w.site.id)).toEqual([`response.completed: ${body.id}`, `response.created: ${body.id}`]);
  });

  it("a response in parts › created with the first part, completed with the last, each once", async () => {
    const w = await hookedWorld(WEBHOOK_EVENTS);
    const alerts = captureAlerts();
    const first = submission(w, { complete: false, answers: answers(["nps", 9]) });
    expect((await submitQueued(alerts, first)).status).toBe(201);
    expect(await fired(w.site.id)).toEqual([`response.created: ${first.id}`]);
    expect((await submitQueued(alerts, first)).status).toBe(200); // the same part again
    const second = { ...first, answers: answers(["nps", 9], ["csat", 5]) };
    expect((await submitQueued(alerts, second)).status).toBe(200);
    expect(await fired(w.site.id)).toEqual([`response.created: ${first.id}`]);
    const last = { ...second, complete: true, answers: answers(["nps", 9], ["csat", 5], ["why", "great"]) };
    expect((await submitQueued(alerts, last)).status).toBe(200);
    expect((await submitQueued(alerts, last)).status).toBe(200); // a retried last part
    expect(await fired(w.site.id)).toEqual([`response.completed: ${first.id}`, `response.created: ${first.id}`]);
    // Each delivery was queued once, by the write that made it.
    const made = (await deliveriesOf(w.site.id)).map((d) => d.id).sort();
    expect(alerts.take().sort()).toEqual(made);
  });

  it("a webhook that did not ask for an event, or another site's › gets none", async () => {
    const w = await hookedWorld(["follow_up.changed"]);
    const other = await hookedWorld(WEBHOOK_EVENTS);
    const alerts = captureAlerts();
    expect((await submitQueued(alerts, submission(w, { answers: answers(["nps", 0]) }))).status).toBe(201);
    expect(await deliveriesOf(w.site.id)).toEqual([]);
    expect(await deliveriesOf(other.site.id)).toEqual([]);
  });

  it("follow-up › one follow_up.changed per change, with the status and note of that moment", async () => {
    const w = await hookedWorld(["follow_up.changed"]);
    const alerts = captureAlerts();
    const body = submission(w, { answers: answers(["nps", 2]) });
    expect((await submitQueued(alerts, body)).status).toBe(201);
    const patch = (b: unknown) =>
      callQueued(alerts, "PATCH", `/api/sites/${w.site.id}/responses/${body.id}`, { cookie: w.owner.cookie, body: b });
    expect((await patch({ status: "contacted", note: "called" })).status).toBe(200);
    expect((await patch({ status: "contacted", note: "called" })).status).toBe(200); // no change
    expect((await patch({ status: "contacted" })).status).toBe(200); // note kept: no change
    expect((await patch({ status: "resolved" })).status).toBe(200);
    const made = await deliveriesOf(w.site.id);
    expect(made.map((d) => JSON.parse(d.payload!))).toMatchObject([
      { status: "contacted", previousStatus: "new", note: "called" },
      { status: "resolved", previousStatus: "contacted", note: "called" },
    ]);
    expect(alerts.take().sort()).toEqual(made.map((d) => d.id).sort());
    expect((await patch({ status: "resolved", note: "x" })).status).toBe(200);
    expect(
      (
        await call("PATCH", `/api/sites/${w.site.id}/responses/${clientId()}`, {
          cookie: w.owner.cookie,
          body: { status: "new" },
        })
      ).status,
    ).toBe(404);
    expect(await deliveriesOf(w.site.id)).toHaveLength(3);
  });
});

describe("response.erased", () => {
  it("withdrawal, erasure request, owner's delete › one event each, listing the ids; a repeat sends none", async () => {
    const w = await hookedWorld(["response.erased"]);
    const alerts = captureAlerts();
    const mine = [1, 2].map(() => submission(w, { respondent: "leaving-customer-000001" }));
    const ordered = [1, 2].map(() => submission(w, { context: { orderId: "A-7" } }));
    const single = submission(w);
    for (const b of [...mine, ...ordered, single]) expect((await submitQueued(alerts, b)).status).toBe(201);
    const forget = () =>
      callQueued(alerts, "POST", "/v1/forget", {
        body: { site: w.site.key, respondent: "leaving-customer-000001" },
        origin: "https://shop.example",
      });
    expect(await json(await forget())).toEqual({ deleted: 2 });
    expect(await json(await forget())).toEqual({ deleted: 0 });
    const erase = () =>
      callQueued(alerts, "DELETE", `/api/sites/${w.site.id}/responses?context=orderId:A-7`, { cookie: w.owner.cookie });
    expect(await json(await erase())).toMatchObject({ deleted: 2 });
    expect(await json(await erase())).toMatchObject({ deleted: 0 });
    const remove = () =>
      callQueued(alerts, "DELETE", `/api/sites/${w.site.id}/responses/${single.id}`, { cookie: w.owner.cookie });
    expect((await remove()).status).toBe(204);
    expect((await remove()).status).toBe(404);

    const made = await deliveriesOf(w.site.id);
    expect(made.map((d) => d.event)).toEqual(["response.erased", "response.erased", "response.erased"]);
    const reported = made.map((d) => JSON.parse(d.payload!) as { reason: string; responses: string[] });
    const sorted = (ids: string[]) => [...ids].sort();
    expect(reported.map((r) => r.reason).sort()).toEqual(["owner", "request", "withdrawal"]);
    const of = (reason: string) => sorted(reported.find((r) => r.reason === reason)!.responses);
    expect(of("withdrawal")).toEqual(sorted(mine.map((b) => b.id)));
    expect(of("request")).toEqual(sorted(ordered.map((b) => b.id)));
    expect(of("owner")).toEqual([single.id]);
    expect(alerts.take().sort()).toEqual(made.map((d) => d.id).sort());

    // Sent as the event says; once delivered, the row keeps no id of what was erased.
    await deliver(
      alerts,
      made.map((d) => d.id),
    );
    const hits = (await received(w.path)).map((h) => JSON.parse(h.body));
    expect(hits.map((h) => h.type)).toEqual(["response.erased", "response.erased", "response.erased"]);
    expect(sorted(hits.find((h) => h.erased.reason === "withdrawal").erased.responses)).toEqual(of("withdrawal"));
    expect((await deliveriesOf(w.site.id)).map((d) => [d.status, d.payload])).toEqual(
      made.map(() => ["delivered", null]),
    );
  });

  it("events of a response erased before they went › are never sent", async () => {
    const w = await hookedWorld(["response.created", "response.unhappy"]);
    const alerts = captureAlerts();
    const body = submission(w, { respondent: "erase-me-before-it-goes", answers: answers(["nps", 1]) });
    expect((await submitQueued(alerts, body)).status).toBe(201);
    const queued = alerts.take();
    expect(queued).toHaveLength(2);
    await call("POST", "/v1/forget", {
      body: { site: w.site.key, respondent: "erase-me-before-it-goes" },
      origin: "https://shop.example",
    });
    const result = await deliver(alerts, queued);
    expect(result.explicitAcks.sort()).toEqual(["m0", "m1"]);
    expect(await received(w.path)).toEqual([]);
    expect(await deliveriesOf(w.site.id)).toEqual([]);
  });
});
