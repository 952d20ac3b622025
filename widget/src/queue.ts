/**
 * The outbox: an answer is written here (after consent) before it is sent, and removed only
 * when the collector accepted it (201, or 200 duplicate) or refused it for good (4xx). Network
 * errors, 429 and 5xx are retried with backoff, on later page loads too; on `pagehide` pending
 * answers go out by sendBeacon. The client id makes every repeat harmless on the server.
 * (A closure rather than a class: local names minify, property names would not.)
 */
import { beacon, post, SendResult } from "./api";

export interface Item {
  id: string;
  body: unknown;
  tries: number;
  due: number;
}

/** 3 s · 2ⁿ with ±50% jitter, capped at 10 minutes (posthog-js retry-queue). */
export const backoff = (tries: number, random = Math.random): number =>
  Math.min(3000 * 2 ** tries, 6e5) * (0.5 + random());

/** One outbox per collector, shared by every site on it (and by the UI's `forget`). */
export const outboxKey = (base: string) => `fb_outbox:${base}`;

export type Delivery = "sent" | "queued" | "failed";

export interface Outbox {
  submit(id: string, body: unknown): Promise<Delivery>;
  flush(all?: boolean): Promise<void>;
}

/** localStorage helpers that never throw (the loader's, passed along). */
export interface Store {
  read<T>(key: string): T | null;
  write(key: string, value: unknown): boolean;
}

/** Answers the collector refused (4xx), kept apart so that none is lost without a trace: the last 10. */
export const deadKey = (base: string) => `fb_dead:${base}`;
const DEAD_LETTERS = 10;

export function outbox(base: string, { read, write }: Store, onRefused: (item: Item) => void = () => {}): Outbox {
  const key = outboxKey(base);
  // localStorage is the source of truth (other tabs and the UI's `forget` change it too); memory
  // only stands in while storage refuses writes, and such an answer is never reported as queued.
  let memory: Item[] | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  const items = () => memory ?? read<Item[]>(key) ?? [];
  const save = (list: Item[]) => {
    const ok = write(key, list.length ? list : null);
    memory = ok ? null : list;
    return ok;
  };

  const send = async (id: string) => {
    const item = items().find((i) => i.id === id);
    if (!item) return null;
    const sent = JSON.stringify(item.body);
    const result = await post(base, "/v1/responses", item.body);
    // Re-read: while the request was out, `forget` (or another tab) may have removed the item, or a
    // later part of the same response replaced it (that one is sent by its own call).
    const list = items();
    const at = list.findIndex((i) => i.id === id && JSON.stringify(i.body) === sent);
    if (at >= 0) {
      if (result === SendResult.Retry) {
        list[at] = { ...item, tries: item.tries + 1, due: Date.now() + backoff(item.tries) };
      } else {
        list.splice(at, 1);
        // Refused for good (4xx): never dropped silently, kept aside and told to the page.
        if (result === SendResult.Drop) {
          write(deadKey(base), [...(read<Item[]>(deadKey(base)) ?? []), item].slice(-DEAD_LETTERS));
          onRefused(item);
        }
      }
      save(list);
    }
    schedule();
    return result;
  };

  // Also after a flush that sent nothing: a timer may fire a little before its item is due.
  const schedule = () => {
    clearTimeout(timer);
    const next = Math.min(...items().map((i) => i.due));
    if (next < Infinity) timer = setTimeout(flush, Math.max(1e3, next - Date.now()), false);
  };

  /**
   * Sends what is waiting. At start-up and when the browser comes online (`all` is then true, or
   * the `online` event) everything goes; on the backoff timer only what is due.
   */
  async function flush(all: unknown = true) {
    if (busy) return;
    busy = true;
    try {
      for (const item of items()) if (all || item.due <= Date.now()) await send(item.id);
    } finally {
      busy = false;
      schedule();
    }
  }

  addEventListener("online", flush);
  // Kept in the outbox: if a beacon is lost, the next page load sends it again (a duplicate is harmless).
  addEventListener("pagehide", () => {
    for (const i of items()) beacon(base, "/v1/responses", i.body);
  });

  return {
    async submit(id, body) {
      const kept = save([...items().filter((i) => i.id !== id), { id, body, tries: 0, due: 0 }]);
      const result = await send(id);
      return result === SendResult.Ok ? "sent" : result === SendResult.Retry && kept ? "queued" : "failed";
    },
    flush,
  };
}
