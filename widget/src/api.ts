/** Requests to the collector. Failures are values: retryable (network, 429, 5xx) apart from permanent (other 4xx). */
import type { SiteConfig } from "../../shared/types";

export type SendResult = "ok" | "retry" | "drop";

export const classify = (status: number): SendResult =>
  status < 300 ? "ok" : status === 429 || status > 499 ? "retry" : "drop";

export async function fetchConfig(base: string, site: string): Promise<SiteConfig | null> {
  try {
    const res = await fetch(`${base}/v1/sites/${encodeURIComponent(site)}/config`, { credentials: "omit" });
    return res.ok ? ((await res.json()) as SiteConfig) : null;
  } catch {
    return null;
  }
}

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
    return "retry";
  }
}

export function beacon(base: string, path: string, body: unknown): boolean {
  try {
    return navigator.sendBeacon(base + path, new Blob([JSON.stringify(body)], { type: "text/plain" }));
  } catch {
    return false;
  }
}
