/**
 * A shop page watched by a browser test: page errors and CSP violations collected, every request
 * listed, the widget's events recorded (support.ts), and locators of the widget's parts.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { recordWidgetEvents } from "./support";

export interface Watched {
  page: Page;
  context: BrowserContext;
  errors: string[];
  requests: string[];
}

export async function watch(
  browser: Browser,
  opts: {
    bypassCSP?: boolean;
    permissions?: string[];
    context?: BrowserContext;
    viewport?: { width: number; height: number };
  } = {},
): Promise<Watched> {
  const context =
    opts.context ??
    (await browser.newContext({
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      bypassCSP: opts.bypassCSP ?? false,
      permissions: opts.permissions ?? [],
    }));
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(`csp: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Refused to: CSP violation ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await recordWidgetEvents(page);
  return { page, context, errors, requests };
}

export const host = (page: Page) => page.locator("feedback-widget");
/**
 * Whether the widget has begun to open a survey: it adds the UI's script element synchronously
 * when a trigger fires, so this tells at once (the panel itself waits for the file).
 */
export const opening = (page: Page) => page.evaluate(() => !!document.querySelector('script[src*="widget-ui"]'));
/**
 * Lets every timer the loader set when it weighed the surveys (a zero delay) run first: a
 * zero-delay timer set now fires after them. Then `opening` tells whether any survey began to open.
 */
export const afterTriggers = (page: Page) => page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
export const panel = (page: Page) => page.locator("feedback-widget .fb-panel");
export const visible = (page: Page) => expect.poll(() => panel(page).isVisible()).toBe(true);

/**
 * Waits until no animation runs in the page or any shadow root: colours are read once the panel's
 * fade-in has ended (mid-fade, a busy machine showed axe a half-transparent button).
 */
export const animationsDone = (page: Page) =>
  page.waitForFunction(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (const el of document.querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
    return roots.every((root) => root.getAnimations().every((a) => a.playState !== "running"));
  });
