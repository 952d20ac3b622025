/** Requests to the collector. Failures are values: retryable (network, 429, 5xx) apart from permanent (other 4xx). */
import type { SiteConfig } from "../../shared/types";

/** An enum, not strings: esbuild inlines its members as small numbers (the loader is at its byte budget). */
export enum SendResult {
  Ok,
  /** network error, 429 or 5xx: keep and try again later */
  Retry,
  /** any other 4xx: the collector will refuse it again */
  Drop,
}

export const classify = (status: number): SendResult =>
  status < 300 ? SendResult.Ok : status === 429 || status > 499 ? SendResult.Retry : SendResult.Drop;

/**
 * The site's config; `langs`: the visitor's language candidates, in order (the collector picks one).
 * Never rejects: a failure, or anything without the shape every later step relies on, is "no survey".
 */
export const fetchConfig = (base: string, site: string, langs: string): Promise<SiteConfig | null> =>
  fetch(`${base}/v1/sites/${encodeURIComponent(site)}/config?lang=${encodeURIComponent(langs)}`, {
    credentials: "omit",
  })
    .then((res) => (res.ok ? (res.json() as Promise<SiteConfig>) : null))
    .then(
      (config) => (Array.isArray(config?.surveys) ? config : null),
      () => null,
    );

/** text/plain keeps it a "simple" CORS request: no preflight, and the same body works for sendBeacon. */
export async function post(base: string, path: string, body: unknown): Promise<SendResult> {
  try {
    const res = await fetch(base + path, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Content-Type": "text/plain" },
      credentials: "omit",
      keepalive: true,
    });
    return classify(res.status);
  } catch {
    return SendResult.Retry;
  }
}

export function beacon(base: string, path: string, body: unknown): boolean {
  try {
    return navigator.sendBeacon(base + path, new Blob([JSON.stringify(body)], { type: "text/plain" }));
  } catch {
    return false;
  }
}
