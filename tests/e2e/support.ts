/**
 * Shared fixtures of the browser tests: the real stack (wrangler dev + demo shop) and
 * Debian's Chromium driven by playwright-core. In CI a missing browser fails the run.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions, chromiumMissing } from "../../scripts/lib/chromium.mjs";
import { ROOT, type Stack, startStack } from "../../scripts/lib/stack.mjs";

export { type Stack, startStack };

export const REPO_ROOT: string = ROOT;
/**
 * Screenshots of every run (ignored by git); `npm run screenshots` copies them into docs/screenshots
 * for the README.
 */
export const SCREENSHOT_DIR = join(REPO_ROOT, "test-results", "screenshots");
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export async function launchBrowser(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`${missing} (see .ci/run)`);
  return chromium.launch(chromiumLaunchOptions());
}

/** A client-made response id (21 characters of the nanoid alphabet), as the widget makes them. */
export const id21 = () =>
  Array.from(
    crypto.getRandomValues(new Uint8Array(21)),
    (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"[b & 63],
  ).join("");

/** One response through the public API from the shop's origin, as the widget sends it (a new id unless given). */
export const postResponse = (stack: Stack, body: Record<string, unknown>): Promise<Response> =>
  fetch(`${stack.collectorUrl}/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: stack.shopUrl },
    body: JSON.stringify({ id: id21(), ...body }),
  });

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

/** The widget's events (`Feedback.on`), as `name:detail-json` strings in the order they came. */
declare global {
  interface Window {
    __fbEvents?: string[];
  }
}

/**
 * Records every event of the widget's global API from the moment the loader defines
 * `window.Feedback`, so that tests wait for an event (ready, shown, error…) instead of sleeping.
 */
export async function recordWidgetEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const events: string[] = [];
    window.__fbEvents = events;
    let api: unknown;
    Object.defineProperty(window, "Feedback", {
      configurable: true,
      get: () => api,
      set(value: { on(e: string, fn: (d: unknown) => void): void }) {
        api = value;
        for (const name of ["ready", "shown", "submitted", "dismissed", "error"]) {
          value.on(name, (detail) => events.push(`${name}:${JSON.stringify(detail)}`));
        }
      },
    });
  });
}

/** Waits until the widget told `name` (optionally with `detail` as JSON), e.g. `ready` once its config is read. */
export async function widgetEvent(page: Page, name: string, detail?: unknown): Promise<void> {
  const want = detail === undefined ? `${name}:` : `${name}:${JSON.stringify(detail)}`;
  await page.waitForFunction(
    (w) => (window.__fbEvents ?? []).some((e) => (w.endsWith(":") ? e.startsWith(w) : e === w)),
    want,
    { timeout: 30_000 },
  );
}

/** The events recorded so far, without `ready`. */
export const widgetEvents = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window.__fbEvents ?? []).filter((e) => !e.startsWith("ready:")));

/** Signs in to the dashboard on `page` and waits until the session shows. */
export async function signIn(page: Page, base: string, login: { email: string; password: string }): Promise<void> {
  await page.goto(base);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
}
