/** Browser globals the loader's outbox touches, faked for node: storage, fetch, events, beacon. */
import { vi } from "vitest";

export interface FakeBrowser {
  store: Map<string, string>;
  /** Answers for the next POSTs, in order: a status, or "network" for a thrown fetch. */
  replies: (number | "network")[];
  posts: { url: string; body: any; contentType: string | null }[];
  beacons: { url: string; type: string; body: any }[];
  fire(event: string): void;
  /** Makes localStorage refuse writes (private mode, quota). */
  failWrites: boolean;
  /** Runs while a POST is in flight, before its reply. */
  during: (() => void) | null;
}

export function fakeBrowser(): FakeBrowser {
  const listeners = new Map<string, (() => void)[]>();
  const fake: FakeBrowser = {
    store: new Map(),
    replies: [],
    posts: [],
    beacons: [],
    failWrites: false,
    during: null,
    fire: (event) => {
      for (const fn of listeners.get(event) ?? []) fn();
    },
  };
  vi.stubGlobal("localStorage", {
    getItem: (k: string) => fake.store.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (fake.failWrites) throw new Error("QuotaExceededError");
      fake.store.set(k, v);
    },
    removeItem: (k: string) => void fake.store.delete(k),
  });
  vi.stubGlobal("addEventListener", (event: string, fn: () => void) =>
    listeners.set(event, [...(listeners.get(event) ?? []), fn]),
  );
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    fake.posts.push({
      url,
      body: JSON.parse(init.body as string),
      contentType: new Headers(init.headers).get("content-type"),
    });
    fake.during?.();
    const reply = fake.replies.shift() ?? 201;
    if (reply === "network") throw new TypeError("Failed to fetch");
    return new Response(null, { status: reply });
  });
  vi.stubGlobal("navigator", {
    sendBeacon: (url: string, blob: Blob) => {
      fake.beacons.push({ url, type: blob.type, body: blob });
      return true;
    },
  });
  return fake;
}
