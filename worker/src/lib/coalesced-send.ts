/**
 * Queue sends of concurrent requests of one isolate, coalesced into `sendBatch` calls (lib/coalescer.ts
 * says how, and why it is safe on Workers): each request answers only once the queue accepted its
 * own message, or fails with its batch.
 */

import { allOk, BATCH_TIMES, type BatchTimes, coalescer } from "./coalescer";
import type { KeepAlive } from "./keep-alive";

/** Limits of one `sendBatch` (Cloudflare Queues: 100 messages, 256 KB), with room to spare. */
export const MAX_BATCH_MESSAGES = 100;
export const MAX_BATCH_BYTES = 200_000;

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

/** A sender for one queue binding (one per isolate and queue: the state is the isolate's). */
export function coalescingSender<T>(queue: Queue<T>, times: Partial<BatchTimes> = BATCH_TIMES): CoalescingSender<T> {
  const sends = coalescer<T, void>(
    async (bodies) => {
      await queue.sendBatch(bodies.map((body) => ({ body, contentType: "v8" as const })));
      return allOk(bodies.length, undefined);
    },
    {
      maxItems: MAX_BATCH_MESSAGES,
      maxBytes: MAX_BATCH_BYTES,
      sizeOf: estimatedBytes,
      ...times,
    },
  );
  return { send: (body, keepAlive) => sends.run(body, keepAlive) };
}
