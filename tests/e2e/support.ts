/**
 * Shared fixtures of the browser tests: the real stack (wrangler dev + demo shop) and
 * Debian's Chromium driven by playwright-core. In CI a missing browser fails the run.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { ROOT, type Stack, startStack } from "../../scripts/lib/stack.mjs";

export { type Stack, startStack };

export const REPO_ROOT: string = ROOT;
export const SCREENSHOT_DIR = join(REPO_ROOT, "docs", "screenshots");
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run 'apt-get install -y chromium' (see .ci/run)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A tiny owner-API client for tests: signs up and keeps the session cookie. */
export class OwnerClient {
  private cookie = "";
  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        Origin: this.base,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0]!;
    return res;
  }

  async json<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  async signup(
    email = `owner-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
    password = "correct horse battery",
  ) {
    await this.json("POST", "/api/auth/signup", { email, password });
    return { email, password };
  }
}
