/**
 * Queue sends of concurrent requests of one isolate, coalesced into `sendBatch` calls: while one
 * batch is on its way, the messages of the requests that arrive meanwhile wait and leave together
 * in the next one. A lone message waits one turn of the event loop, no more, and each request still
 * answers only once its own message is accepted by the queue (or fails with it).
 *
 * Why this is safe on Workers, where a request must not depend on another request's I/O:
 * - each batch is sent by one of the requests whose message it carries, inside that request's
 *   `waitUntil`, so the send goes on even if that request's client disconnects;
 * - a request that waits does so on a promise it created itself; the sender only resolves it
 *   (workerd runs the continuation in the waiting request's own context);
 * - a batch that has not settled after SEND_DEADLINE_MS counts as failed: its requests answer
 *   that they could not queue (the client retries; the consumer settles a message that arrives
 *   twice by its id), and the next batch is sent, so one stuck send cannot hold the isolate; should
 *   the sender's request be torn down before even that, a waiting request gives the batch up
 *   (lostAfterMs from its start) and sends its own.
 */

import type { KeepAlive } from "./keep-alive";

/** Limits of one `sendBatch` (Cloudflare Queues: 100 messages, 256 KB), with room to spare. */
export const MAX_BATCH_MESSAGES = 100;
export const MAX_BATCH_BYTES = 200_000;
export const SEND_DEADLINE_MS = 10_000;

interface Waiting<T> {
  body: T;
  bytes: number;
  outcome: "waiting" | "sent" | "failed";
  error?: unknown;
}

interface Flight<T> {
  startedAt: number;
  batch: Waiting<T>[];
  done: Promise<void>;
  wake: Array<() => void>;
}

export interface CoalescingSender<T> {
  /** Resolves once `body` is accepted by the queue; rejects with the error of its batch. */
  send(body: T, keepAlive: KeepAlive): Promise<void>;
}

/**
 * An upper bound of a message's size as the queue counts it: messages go as `v8` (structured clone,
 * the platform's default, cheaper to make and to read than JSON; only a Worker consumer reads it, and
 * that is ours), which stores a string with any character beyond Latin-1 at two bytes a character.
 */
export const estimatedBytes = (body: unknown): number => 2 * JSON.stringify(body).length + 64;

export interface SenderLimits {
  /** A batch not answered by then fails (its sender's request keeps the timer). */
  deadlineMs: number;
  /** From a batch's start, after which a waiting request gives it up as lost (its sender's request died). */
  lostAfterMs: number;
}

/** A sender for one queue binding (one per isolate and queue: the state is the isolate's). */
export function coalescingSender<T>(
  queue: Queue<T>,
  { deadlineMs, lostAfterMs }: SenderLimits = { deadlineMs: SEND_DEADLINE_MS, lostAfterMs: SEND_DEADLINE_MS + 1_000 },
): CoalescingSender<T> {
  let waiting: Waiting<T>[] = [];
  let flight: Flight<T> | null = null;

  /** The oldest waiting messages, up to the limits of one batch (always at least one). */
  const takeBatch = (): Waiting<T>[] => {
    let bytes = 0;
    let n = 0;
    while (n < waiting.length && n < MAX_BATCH_MESSAGES && (n === 0 || bytes + waiting[n]!.bytes <= MAX_BATCH_BYTES)) {
      bytes += waiting[n]!.bytes;
      n++;
    }
    const batch = waiting.slice(0, n);
    waiting = waiting.slice(n);
    return batch;
  };

  const settle = (batch: Waiting<T>[], error?: unknown) => {
    for (const w of batch) {
      if (w.outcome !== "waiting") continue;
      w.outcome = error === undefined ? "sent" : "failed";
      w.error = error;
    }
  };

  /** Ends a flight (sent, failed or given up on): the next request to look sends the next batch. */
  const land = (f: Flight<T>, error?: unknown) => {
    settle(f.batch, error);
    if (flight === f) flight = null;
    for (const wake of f.wake.splice(0)) wake();
  };

  const timeout = (ms: number) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const elapsed = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), ms);
    });
    return { elapsed, cancel: () => clearTimeout(timer) };
  };

  /** Sends one batch; it lands when the queue answers, or fails at the deadline. */
  const fly = (): Flight<T> => {
    const f: Flight<T> = { startedAt: Date.now(), batch: [], done: Promise.resolve(), wake: [] };
    const limit = timeout(deadlineMs);
    const sending = (async () => {
      // One turn of the event loop: requests already being parsed in this isolate reach `send` and share the batch.
      await new Promise((r) => setTimeout(r, 0));
      f.batch = takeBatch();
      await queue.sendBatch(f.batch.map((w) => ({ body: w.body, contentType: "v8" as const })));
      return "sent" as const;
    })();
    f.done = Promise.race([sending, limit.elapsed]).then(
      (how) => land(f, how === "sent" ? undefined : new Error(`queue send took longer than ${deadlineMs} ms`)),
      (err) => land(f, err ?? new Error("queue send failed")),
    );
    void f.done.finally(limit.cancel);
    return f;
  };

  return {
    async send(body, keepAlive) {
      const me: Waiting<T> = { body, bytes: estimatedBytes(body), outcome: "waiting" };
      waiting.push(me);
      while (me.outcome === "waiting") {
        const f = flight;
        if (f === null) {
          // This request sends the next batch (its own message is in it, or in a later one it sends).
          const mine = fly();
          flight = mine;
          keepAlive(mine.done);
          await mine.done;
          continue;
        }
        // Woken by the sender; or, should the sender's request die without landing, given up on here.
        const wait = timeout(Math.max(0, f.startedAt + lostAfterMs - Date.now()));
        const woken = new Promise<"woken">((resolve) => f.wake.push(() => resolve("woken")));
        if ((await Promise.race([woken, wait.elapsed])) === "timeout") land(f, new Error("queue send was lost"));
        wait.cancel();
      }
      if (me.outcome === "failed") throw me.error;
    },
  };
}
