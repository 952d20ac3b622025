/**
 * Work of concurrent requests of one isolate, done together: while one batch is on its way (a queue
 * send, a D1 write), the items of the requests that arrive meanwhile wait and leave together in the
 * next one. A lone item waits one turn of the event loop, no more; while the isolate is busy, a batch
 * waits a turn more, and another while the last brought items (LINGER_TURNS). Each request learns
 * the outcome of its own item only (each item may succeed or fail on its own).
 *
 * Why this is safe on Workers, where a request must not depend on another request's I/O:
 * - each batch is run by one of the requests whose item it carries, inside that request's
 *   `waitUntil`, so the work goes on even if that request's client disconnects;
 * - a request that waits does so on a promise it created itself; the runner only resolves it
 *   (workerd runs the continuation in the waiting request's own context);
 * - a batch that has not settled after its deadline counts as failed: its requests answer that
 *   they could not do it (the client retries; every caller's work is idempotent or keyed), and the
 *   next batch goes, so one stuck call cannot hold the isolate; should the runner's request be torn
 *   down before even that, a waiting request gives the batch up (lostAfterMs from its start) and
 *   runs its own.
 */

import { ApiError } from "../errors";
import type { KeepAlive } from "./keep-alive";

/** What became of one item of a batch. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Runs a batch (never empty); answers one outcome per item, in order, or throws to fail them all. */
export type BatchRun<T, R> = (items: T[], keepAlive: KeepAlive) => Promise<Outcome<R>[]>;

/** How long a batch may take, at most, and how long after one lands the isolate counts as busy. */
export interface BatchTimes {
  /** A batch not settled by then fails (its runner's request keeps the timer). */
  deadlineMs: number;
  /** From a batch's start, after which a waiting request gives it up as lost (its runner's request died). */
  lostAfterMs: number;
  /** After a batch landed, the time during which the next batch waits for fuller ones (LINGER_TURNS). */
  busyMs: number;
}

/** Ten seconds to run a batch; a waiting request gives it up a second after that; busy for 20 ms. */
export const BATCH_TIMES: BatchTimes = { deadlineMs: 10_000, lostAfterMs: 11_000, busyMs: 20 };

export interface CoalescerLimits<T> extends Partial<BatchTimes> {
  /** Most items in one batch. */
  maxItems: number;
  /** Most bytes in one batch, by `sizeOf` (a batch always takes at least one item). */
  maxBytes?: number;
  sizeOf?: (item: T) => number;
}

export interface Coalescer<T, R> {
  /** Resolves with the outcome of `item`'s own work; rejects with its error (or its batch's). */
  run(item: T, keepAlive: KeepAlive): Promise<R>;
}

interface Waiting<T, R> {
  item: T;
  bytes: number;
  outcome?: Outcome<R>;
}

interface Flight<T, R> {
  startedAt: number;
  batch: Waiting<T, R>[];
  done: Promise<void>;
  wake: Array<() => void>;
}

/**
 * A batch that took longer than its deadline, or whose runner's request died: `503 unavailable` with
 * Retry-After for its requests (it may still land: an answer's retry is then settled by its id).
 */
export class BatchLost extends ApiError {
  constructor(why: string) {
    super("unavailable", `${why}; retry later`, undefined, { "Retry-After": "5" });
  }
}

const timeout = (ms: number) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  return { elapsed, cancel: () => clearTimeout(timer) };
};

/**
 * While the isolate is busy (a batch landed less than `busyMs` ago), a batch about to leave and not
 * full waits one more turn of the event loop (a timer, about a millisecond in workerd), and another
 * while the last one brought items, LINGER_TURNS more at most: under load the requests answered by the
 * last batch come back within a turn or two, and a call (a queue send, a D1 round trip) costs far more
 * than an item in it, so fewer, fuller calls leave more of the CPU to the requests. An idle isolate
 * sends a lone item after one turn.
 */
export const LINGER_TURNS = 2;

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A coalescer for one resource (one per isolate and resource: the state is the isolate's). */
export function coalescer<T, R>(runBatch: BatchRun<T, R>, limits: CoalescerLimits<T>): Coalescer<T, R> {
  const { maxItems, maxBytes = Number.POSITIVE_INFINITY, sizeOf } = limits;
  const { deadlineMs, lostAfterMs, busyMs } = { ...BATCH_TIMES, ...limits };
  let waiting: Waiting<T, R>[] = [];
  let flight: Flight<T, R> | null = null;
  let lastLanded = Number.NEGATIVE_INFINITY;

  /** Whether the waiting items fill a batch already. */
  const full = () => waiting.length >= maxItems || waiting.reduce((bytes, w) => bytes + w.bytes, 0) >= maxBytes;

  /** The oldest waiting items, up to the limits of one batch (always at least one). */
  const takeBatch = (): Waiting<T, R>[] => {
    let bytes = 0;
    let n = 0;
    while (n < waiting.length && n < maxItems && (n === 0 || bytes + waiting[n]!.bytes <= maxBytes)) {
      bytes += waiting[n]!.bytes;
      n++;
    }
    const batch = waiting.slice(0, n);
    waiting = waiting.slice(n);
    return batch;
  };

  /** Ends a flight (run, failed or given up on): the next request to look runs the next batch. */
  const land = (f: Flight<T, R>, outcomes: Outcome<R>[] | null, error?: unknown) => {
    f.batch.forEach((w, i) => {
      w.outcome ??= outcomes?.[i] ?? { ok: false, error: error ?? new Error("no outcome for this item") };
    });
    if (flight === f) flight = null;
    lastLanded = Date.now();
    for (const wake of f.wake.splice(0)) wake();
  };

  const fly = (keepAlive: KeepAlive): Flight<T, R> => {
    const f: Flight<T, R> = { startedAt: Date.now(), batch: [], done: Promise.resolve(), wake: [] };
    const limit = timeout(deadlineMs);
    const running = (async () => {
      // One turn of the event loop: requests already being parsed in this isolate reach `run` and share the batch.
      await nextTurn();
      if (Date.now() - lastLanded < busyMs) {
        let seen = 0;
        for (let turn = 0; turn < LINGER_TURNS && waiting.length > seen && !full(); turn++) {
          seen = waiting.length;
          await nextTurn();
        }
      }
      // Given up meanwhile (its deadline passed): its items go with the next batch, not with this one.
      if (flight !== f) return [];
      f.batch = takeBatch();
      return runBatch(
        f.batch.map((w) => w.item),
        keepAlive,
      );
    })();
    f.done = Promise.race([running, limit.elapsed]).then(
      (outcomes) =>
        outcomes === "timeout"
          ? land(f, null, new BatchLost(`batch took longer than ${deadlineMs} ms`))
          : land(f, outcomes),
      (err) => land(f, null, err ?? new Error("batch failed")),
    );
    void f.done.finally(limit.cancel);
    return f;
  };

  return {
    async run(item, keepAlive) {
      const me: Waiting<T, R> = { item, bytes: sizeOf ? sizeOf(item) : 0 };
      waiting.push(me);
      while (me.outcome === undefined) {
        const f = flight;
        if (f === null) {
          // This request runs the next batch (its own item is in it, or in a later one it runs).
          const mine = fly(keepAlive);
          flight = mine;
          keepAlive(mine.done);
          await mine.done;
          continue;
        }
        // Woken by the runner; or, should the runner's request die without landing, given up on here.
        const wait = timeout(Math.max(0, f.startedAt + lostAfterMs - Date.now()));
        const woken = new Promise<"woken">((resolve) => f.wake.push(() => resolve("woken")));
        if ((await Promise.race([woken, wait.elapsed])) === "timeout") land(f, null, new BatchLost("batch was lost"));
        wait.cancel();
      }
      if (!me.outcome.ok) throw me.outcome.error;
      return me.outcome.value;
    },
  };
}

/**
 * One value per key, made on first use and kept while the key lives: the coalescer of a binding (its
 * queue, its database) for the isolate's requests.
 */
export function perKey<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}

/** Every item of a batch done alike. */
export const allOk = <R>(n: number, value: R): Outcome<R>[] => Array.from({ length: n }, () => ({ ok: true, value }));
