import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deadKey, outbox as makeOutbox, outboxKey } from "../../widget/src/queue";
import { read, write } from "../../widget/src/storage";
import { type FakeBrowser, fakeBrowser } from "./fakes";

const BASE = "https://collector.example/feedback";
const body = (id: string) => ({
  id,
  site: "pk_1",
  respondent: "r".repeat(32),
  answers: [{ question: "nps", value: 9 }],
});
let b: FakeBrowser;
/** The outbox of one page load, with the loader's storage helpers. */
const refused: string[] = [];
const outbox = (base: string) => makeOutbox(base, { read, write }, (item) => refused.push(item.id));
const stored = () => JSON.parse(b.store.get(outboxKey(BASE)) ?? "[]") as { id: string; tries: number; due: number }[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  b = fakeBrowser();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("outbox", () => {
  it("accepted (201) › should report sent and keep nothing; POSTs text/plain to the collector's path", async () => {
    const box = outbox(BASE);
    expect(await box.submit("a".repeat(21), body("a".repeat(21)))).toBe("sent");
    expect(b.posts).toHaveLength(1);
    expect(b.posts[0]!.url).toBe(`${BASE}/v1/responses`);
    expect(b.posts[0]!.contentType).toBe("text/plain");
    expect(b.store.has(outboxKey(BASE))).toBe(false);
  });

  it("duplicate (200) › counts as delivered", async () => {
    b.replies = [200];
    expect(await outbox(BASE).submit("d".repeat(21), body("d".repeat(21)))).toBe("sent");
    expect(stored()).toEqual([]);
  });

  it("503, 429 or offline › should report queued, keep it with a backoff, and send it once when online", async () => {
    for (const failure of [503, 429, "network"] as const) {
      b = fakeBrowser(); // one page load each: a fresh `online` listener
      b.replies = [failure];
      const box = outbox(BASE);
      const now = Date.now();
      expect(await box.submit("q".repeat(21), body("q".repeat(21))), String(failure)).toBe("queued");
      const [item] = stored();
      expect(item).toMatchObject({ id: "q".repeat(21), tries: 1 });
      expect(item!.due - now).toBeGreaterThanOrEqual(1500);
      expect(item!.due - now).toBeLessThanOrEqual(4500);
      b.fire("online");
      await vi.advanceTimersByTimeAsync(0);
      expect(stored(), String(failure)).toEqual([]);
      expect(b.posts.map((p) => p.body.id)).toEqual(["q".repeat(21), "q".repeat(21)]);
    }
  });

  it("backoff timer › retries only when due: 3 s, then 6 s (jitter at its midpoint)", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    b.replies = [503, 503, 201];
    const box = outbox(BASE);
    expect(await box.submit("t".repeat(21), body("t".repeat(21)))).toBe("queued");
    await vi.advanceTimersByTimeAsync(2900);
    expect(b.posts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(b.posts).toHaveLength(2);
    expect(stored()[0]!.tries).toBe(2);
    await vi.advanceTimersByTimeAsync(5800);
    expect(b.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(b.posts).toHaveLength(3);
    expect(stored()).toEqual([]);
  });

  it("refused (4xx, not 429) › 'failed', out of the outbox, kept aside and told: never dropped silently", async () => {
    refused.length = 0;
    for (const status of [400, 403, 413, 422]) {
      b.replies = [status];
      expect(await outbox(BASE).submit("x".repeat(21), body("x".repeat(21))), String(status)).toBe("failed");
      expect(stored()).toEqual([]);
    }
    expect(refused).toEqual(Array(4).fill("x".repeat(21)));
    const dead = JSON.parse(b.store.get(deadKey(BASE))!) as { id: string }[];
    expect(dead.map((d) => d.id)).toEqual(Array(4).fill("x".repeat(21)));
  });

  it("a later part sent while an earlier one is out › it stays until sent itself; both arrive", async () => {
    const id = "p".repeat(21);
    const box = outbox(BASE);
    let later: Promise<unknown> | null = null;
    b.during = () => {
      b.during = null;
      later = box.submit(id, {
        ...body(id),
        answers: [
          { question: "nps", value: 9 },
          { question: "why", value: "x" },
        ],
      });
    };
    await box.submit(id, body(id));
    await later;
    expect(b.posts.map((p) => p.body.answers.length)).toEqual([1, 2]);
    expect(stored()).toEqual([]);
  });

  it("storage refusing writes › an unsent answer is not reported as queued", async () => {
    b.failWrites = true;
    b.replies = [503];
    expect(await outbox(BASE).submit("s".repeat(21), body("s".repeat(21)))).toBe("failed");
  });

  it("removed while in flight (forget) › a retryable failure does not bring it back", async () => {
    b.replies = [503];
    b.during = () => b.store.delete(outboxKey(BASE));
    await outbox(BASE).submit("f".repeat(21), body("f".repeat(21)));
    expect(stored()).toEqual([]);
  });

  it("start-up flush › sends what an earlier page load left, each once", async () => {
    b.store.set(
      outboxKey(BASE),
      JSON.stringify([
        { id: "1".repeat(21), body: body("1".repeat(21)), tries: 3, due: Date.now() + 9e5 },
        { id: "2".repeat(21), body: body("2".repeat(21)), tries: 0, due: 0 },
      ]),
    );
    await outbox(BASE).flush();
    expect(b.posts.map((p) => p.body.id)).toEqual(["1".repeat(21), "2".repeat(21)]);
    expect(stored()).toEqual([]);
  });

  it("pagehide › beacons every waiting answer as text/plain (no preflight) and keeps it until confirmed", async () => {
    b.replies = ["network"];
    const box = outbox(BASE);
    await box.submit("p".repeat(21), body("p".repeat(21)));
    b.fire("pagehide");
    expect(b.beacons).toHaveLength(1);
    expect(b.beacons[0]!.url).toBe(`${BASE}/v1/responses`);
    expect(b.beacons[0]!.type).toBe("text/plain");
    expect(JSON.parse(await (b.beacons[0]!.body as Blob).text()).id).toBe("p".repeat(21));
    expect(stored()).toHaveLength(1);
  });
});
