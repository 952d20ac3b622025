/**
 * Results by channel: the summary, the responses list and the export filter by `channel`; the
 * summary splits responses (and their NPS) by channel from the daily counts, and from the raw
 * answers under a filter the daily counts lack.
 */
import { describe, expect, it } from "vitest";
import { BASE, call, submission, submit, summary, type World, world } from "./fixtures";

/** Two popup answers (NPS 10, 9), one link (6), two emails (10, 3), one QR code (8). */
async function channelWorld(): Promise<World> {
  const w = await world();
  const answers: [string, number, string][] = [
    ["widget", 10, "sku-1"],
    ["widget", 9, "sku-2"],
    ["link", 6, "sku-1"],
    ["email", 10, "sku-1"],
    ["email", 3, "sku-2"],
    ["qr", 8, "sku-1"],
  ];
  for (const [channel, nps, productId] of answers) {
    const body = submission(w, { channel, context: { productId }, answers: [{ question: "nps", value: nps }] });
    const res = await submit(body, channel === "widget" ? "https://shop.example" : BASE);
    expect(res.status).toBe(201);
  }
  return w;
}

describe("results by channel", () => {
  it("summary › split by channel with each one's NPS, most answers first; channel= narrows all", async () => {
    const w = await channelWorld();
    const all = await summary(w);
    expect(all.responses).toBe(6);
    expect(all.channels).toEqual([
      { channel: "widget", responses: 2, completed: 2, share: 33.3, nps: { score: 100, count: 2 } },
      { channel: "email", responses: 2, completed: 2, share: 33.3, nps: { score: 0, count: 2 } },
      { channel: "link", responses: 1, completed: 1, share: 16.7, nps: { score: -100, count: 1 } },
      { channel: "qr", responses: 1, completed: 1, share: 16.7, nps: { score: 0, count: 1 } },
    ]);
    const email = await summary(w, "?channel=email");
    expect(email.responses).toBe(2);
    expect(email.nps).toMatchObject({ count: 2, promoters: 1, detractors: 1, score: 0 });
    expect(email.channels.map((c: { channel: string }) => c.channel)).toEqual(["email"]);
    const bad = await call("GET", `/api/sites/${w.site.id}/summary?channel=fax`, { cookie: w.owner.cookie });
    expect(bad.status).toBe(400);
  });

  it("summary under a shop-context filter › the split from raw answers agrees (ties by channel)", async () => {
    const w = await channelWorld();
    const s = await summary(w, "?context=productId:sku-1");
    expect(s.responses).toBe(4);
    expect(s.channels.map((c: { channel: string; responses: number }) => [c.channel, c.responses])).toEqual([
      ["widget", 1],
      ["link", 1],
      ["qr", 1],
      ["email", 1],
    ]);
    const qr = await summary(w, "?context=productId:sku-1&channel=qr");
    expect(qr.responses).toBe(1);
    expect(qr.nps.distribution[8]).toBe(1);
  });

  it("responses list and CSV export › filtered by channel, and the channel in every item and row", async () => {
    const w = await channelWorld();
    const list = await call("GET", `/api/sites/${w.site.id}/responses?channel=email`, { cookie: w.owner.cookie });
    const items = (await list.json<any>()).items;
    expect(items).toHaveLength(2);
    expect(items.every((i: { channel: string }) => i.channel === "email")).toBe(true);
    const csv = await (
      await call("GET", `/api/sites/${w.site.id}/export.csv?channel=qr`, { cookie: w.owner.cookie })
    ).text();
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const column = header!.split(",").indexOf("channel");
    expect(column).toBeGreaterThan(0);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.split(",")[column]).toBe("qr");
  });

  it("breakdown by a context key › filtered by channel too", async () => {
    const w = await channelWorld();
    const res = await call("GET", `/api/sites/${w.site.id}/breakdown?key=productId&channel=email`, {
      cookie: w.owner.cookie,
    });
    const rows = (await res.json<any>()).rows.map((r: { value: string; responses: number }) => [r.value, r.responses]);
    expect(rows.sort()).toEqual([
      ["sku-1", 1],
      ["sku-2", 1],
    ]);
  });
});
