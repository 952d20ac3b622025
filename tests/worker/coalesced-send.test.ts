/**
 * Queue sends coalesced across concurrent requests (worker/src/lib/coalesced-send.ts): messages that
 * arrive while a batch is on its way leave together in the next one, each sender learns its own
 * message's fate, the batch limits hold, and a send that never answers cannot hold the isolate.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../worker/src/errors";
import {
  coalescingSender,
  estimatedBytes,
  MAX_BATCH_BYTES,
  MAX_BATCH_MESSAGES,
} from "../../worker/src/lib/coalesced-send";
import { BatchLost, type BatchTimes, LINGER_TURNS } from "../../worker/src/lib/coalescer";
import type { IngestMessage } from "../../worker/src/messages";
import { BASE, json, SHOP, submission, world } from "./fixtures";
import { app, captureQueue, deliver, stored, submitQueued } from "./queue-support";

/** A queue whose every sendBatch (or, `firstOnly`, its first) waits until the test lets it go or fails it. */
function gatedQueue(firstOnly = false) {
  const batches: string[][] = [];
  const contentTypes = new Set<string | undefined>();
  const gates: { release: () => void; fail: (err: Error) => void }[] = [];
  let arrived: (() => void) | null = null;
  const binding = {
    sendBatch(items: { body: string; contentType?: string }[]) {
      batches.push([...items].map((i) => i.body));
      for (const i of items) contentTypes.add(i.contentType);
      arrived?.();
      if (firstOnly && batches.length > 1) return Promise.resolve();
      return new Promise<void>((release, fail) => gates.push({ release, fail }));
    },
  } as unknown as Queue<string>;
  /** Resolves once `n` batches have been handed to the queue. */
  const batchCount = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (batches.length >= n) resolve();
        else arrived = check;
      };
      check();
    });
  return { binding, batches, contentTypes, gates, batchCount };
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

const keep: Promise<unknown>[] = [];
const keepAlive = (work: Promise<unknown>) => void keep.push(work.catch(() => {}));

/** A sender (with `limits`) whose first message "a" is on its way, its batch not yet answered. */
async function firstInFlight(limits?: Partial<BatchTimes>) {
  const q = gatedQueue();
  const sender = coalescingSender(q.binding, limits);
  const first = sender.send("a", keepAlive);
  await q.batchCount(1);
  return { q, sender, first };
}

/**
 * A sender whose first batch ("a") has just landed: the isolate is busy (for a minute, so that however
 * slowly the test runs, the next batch still finds it busy). Later sends answer at once.
 */
async function justLanded(busyMs = 60_000) {
  const q = gatedQueue(true);
  const sender = coalescingSender(q.binding, { busyMs });
  const first = sender.send("a", keepAlive);
  await q.batchCount(1);
  q.gates[0]!.release();
  await first;
  return { q, sender };
}

describe("coalesced queue sends", () => {
  it("a lone message › should leave at once in a batch of its own", async () => {
    const { q, first: sent } = await firstInFlight();
    expect(q.batches).toEqual([["a"]]);
    expect([...q.contentTypes]).toEqual(["v8"]);
    q.gates[0]!.release();
    await expect(sent).resolves.toBeUndefined();
  });

  it("messages arriving during a send › should leave together in the next batch, each told its fate", async () => {
    const { q, sender, first } = await firstInFlight();
    const later = ["b", "c", "d"].map((m) => sender.send(m, keepAlive));
    q.gates[0]!.release();
    await first;
    await q.batchCount(2);
    expect(q.batches).toEqual([["a"], ["b", "c", "d"]]);
    q.gates[1]!.fail(new Error("queue down"));
    for (const p of later) await expect(p).rejects.toThrow("queue down");

    // The failure stays with its batch: the next message goes through.
    const after = sender.send("e", keepAlive);
    await q.batchCount(3);
    q.gates[2]!.release();
    await expect(after).resolves.toBeUndefined();
    expect(q.batches[2]).toEqual(["e"]);
  });

  it("a busy isolate › a batch waits while each turn of the event loop brings more messages", async () => {
    const { q, sender } = await justLanded();
    // Messages a turn apart: an idle isolate would send "b" alone.
    const sends = [sender.send("b", keepAlive)];
    for (const m of ["c", "d"]) {
      await nextTurn();
      sends.push(sender.send(m, keepAlive));
    }
    await Promise.all(sends);
    expect(q.batches).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("an isolate no longer busy › a message leaves after one turn, not waiting for the next", async () => {
    const { q, sender } = await justLanded(0);
    const sends = [sender.send("b", keepAlive)];
    await nextTurn();
    sends.push(sender.send("c", keepAlive));
    await Promise.all(sends);
    expect(q.batches).toEqual([["a"], ["b"], ["c"]]);
  });

  it("a busy isolate › messages that keep coming every turn still leave, LINGER_TURNS turns later", async () => {
    const { q, sender } = await justLanded();
    const sends: Promise<void>[] = [];
    while (q.batches.length < 2 && sends.length < 50) {
      sends.push(sender.send(`m${sends.length}`, keepAlive));
      await nextTurn();
    }
    await Promise.all(sends);
    // The first message, one turn, then LINGER_TURNS more, each bringing one; the rest in later batches.
    const messages = sends.map((_, i) => `m${i}`);
    expect(q.batches[1]).toEqual(messages.slice(0, LINGER_TURNS + 1));
    expect(q.batches.slice(1).flat()).toEqual(messages);
  });

  it("a backlog beyond one batch › should leave in batches of at most 100 messages and 200 KB", async () => {
    const q = gatedQueue(true);
    const sender = coalescingSender(q.binding);
    const first = sender.send("first", keepAlive);
    await q.batchCount(1);
    const small = Array.from({ length: 150 }, (_, i) => sender.send(`m${i}`, keepAlive));
    const big = "x".repeat(30_000);
    const large = Array.from({ length: 4 }, (_, i) => sender.send(`${i}${big}`, keepAlive));
    q.gates[0]!.release();
    await Promise.all([first, ...small, ...large]);

    // 100 small; the other 50 and three large ones (3 × 60 KB, two bytes a character); the last large one.
    expect(q.batches.map((b) => b.length)).toEqual([1, MAX_BATCH_MESSAGES, 53, 1]);
    for (const b of q.batches) {
      expect(b.reduce((n, m) => n + estimatedBytes(m), 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
    expect(q.batches.flat().sort()).toEqual(
      ["first", ...small.map((_, i) => `m${i}`), ...large.map((_, i) => `${i}${big}`)].sort(),
    );
  });

  it("a send that never answers › should fail its messages at the deadline and let the next batch go", async () => {
    const { q, sender, first: stuck } = await firstInFlight({ deadlineMs: 50, lostAfterMs: 60_000 });
    const waiting = sender.send("b", keepAlive);
    await expect(stuck).rejects.toThrow("longer than 50 ms");
    await expect(stuck).rejects.toBeInstanceOf(BatchLost);
    await q.batchCount(2);
    expect(q.batches[1]).toEqual(["b"]);
    q.gates[1]!.release();
    await expect(waiting).resolves.toBeUndefined();
  });

  it("a lost batch › should be 503 unavailable with Retry-After", () => {
    const lost = new BatchLost("batch was lost");
    expect(lost).toBeInstanceOf(ApiError);
    expect(lost).toMatchObject({ code: "unavailable", headers: { "Retry-After": "5" } });
  });

  it("a sender whose request died › a waiting request should give its batch up and send its own", async () => {
    // The sender's own deadline never comes in this test: as if its request had been torn down.
    const { q, sender, first: orphaned } = await firstInFlight({ deadlineMs: 60_000, lostAfterMs: 50 });
    const waiting = sender.send("b", keepAlive);
    await q.batchCount(2);
    expect(q.batches[1]).toEqual(["b"]);
    q.gates[1]!.release();
    await expect(waiting).resolves.toBeUndefined();
    // A late answer to the batch given up changes nothing: its request was told it failed.
    q.gates[0]!.release();
    await expect(orphaned).rejects.toThrow("lost");
    await expect(orphaned).rejects.toBeInstanceOf(BatchLost);
  });

  it("only the request that sends a batch › should keep it in its waitUntil until it lands", async () => {
    const q = gatedQueue();
    const sender = coalescingSender(q.binding);
    const kept = new Map<string, Promise<unknown>[]>();
    const keepFor = (name: string) => (work: Promise<unknown>) => {
      kept.set(name, [...(kept.get(name) ?? []), work]);
    };
    const first = sender.send("a", keepFor("a"));
    await q.batchCount(1);
    const later = ["b", "c"].map((m) => sender.send(m, keepFor(m)));
    expect([...kept.keys()]).toEqual(["a"]);
    let landed = false;
    const work = kept.get("a")![0]!.then(() => {
      landed = true;
    });
    expect(landed).toBe(false);
    q.gates[0]!.release();
    await first;
    await work;
    expect(landed).toBe(true);
    await q.batchCount(2);
    // The second batch is sent by one of the requests it carries.
    expect([...kept.keys()].filter((k) => k !== "a")).toHaveLength(1);
    q.gates[1]!.release();
    await Promise.all(later);
  });
});

describe("queue mode › concurrent POST /v1/responses", () => {
  it("50 submissions at once › should all answer 202 in fewer sends, and each be written once", async () => {
    const w = await world();
    const queue = captureQueue();
    const bodies = Array.from({ length: 50 }, (_, i) =>
      submission(w, { answers: [{ question: "nps", value: i % 11 }] }),
    );
    const ctx = createExecutionContext();
    const responses = await Promise.all(
      bodies.map((body, i) =>
        app.fetch(
          new Request(`${BASE}/v1/responses`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: SHOP, "cf-connecting-ip": `10.8.0.${i}` },
            body: JSON.stringify(body),
          }),
          { ...env, INGEST_MODE: "queue", INGEST_QUEUE: queue.binding },
          ctx,
        ),
      ),
    );
    await waitOnExecutionContext(ctx);
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 202));
    expect(queue.sent.map((m) => m.row.id).sort()).toEqual(bodies.map((b) => b.id).sort());
    expect(queue.calls).toBeLessThan(bodies.length);

    await deliver(queue.sent);
    expect(await stored(w)).toMatchObject({ responses: 50, answers: 50 });
  });

  it("the queue refusing the batch › should answer 503 unavailable with Retry-After, and accept nothing", async () => {
    const w = await world();
    const failing = {
      ...captureQueue(),
      binding: {
        sendBatch: () => Promise.reject(new Error("queue unavailable")),
      } as unknown as Queue<IngestMessage>,
    };
    const { res } = await submitQueued(submission(w), failing);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect((await json(res)).error.code).toBe("unavailable");
    expect(await stored(w)).toMatchObject({ responses: 0, answers: 0 });
  });
});
