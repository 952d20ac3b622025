/**
 * Host-page cost in Chromium: the demo shop's page with and without the widget snippet,
 * same server, same strict CSP, CPU slowed 4× (a mid-range phone). Long tasks from
 * PerformanceObserver('longtask'), total blocking time (sum of each long task's time over
 * 50 ms after first contentful paint), layout shift from PerformanceObserver('layout-shift').
 */

import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { freePort, ROOT } from "../../scripts/lib/stack.mjs";
import { median } from "./load.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
};
const SNIPPET = /<script\b[^>]*widget[^>]*>\s*<\/script>\s*/gi;

export function hostPageAvailable() {
  if (!existsSync(join(ROOT, "demo", "shop", "index.html"))) return "demo/shop/index.html not found";
  if (!existsSync(join(ROOT, "dist", "widget.js"))) return "dist/widget.js not found (npm run build:widget)";
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
  return null;
}

/** The demo shop under /with/… (as shipped) and /without/… (the widget's script tag removed). */
async function shopServer(collectorUrl, siteKey) {
  // siteKey: { value } filled in once the site exists (its allowed origin is this server's).
  const dir = join(ROOT, "demo", "shop");
  const port = await freePort();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [, variant, ...rest] = url.pathname.split("/");
    let path = normalize(`/${rest.join("/")}`).replace(/^(\.\.[/\\])+/, "");
    if (path.endsWith("/")) path += "index.html";
    let file = join(dir, path);
    if (!existsSync(file) && !extname(file)) file = `${file}.html`;
    if (!file.startsWith(dir) || !existsSync(file)) file = join(dir, "index.html");
    let body = readFileSync(file);
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    if (type.startsWith("text/html")) {
      let html = body
        .toString("utf8")
        .replaceAll("{{COLLECTOR}}", collectorUrl)
        .replaceAll("{{SITE_KEY}}", siteKey.value);
      if (variant === "without") html = html.replace(SNIPPET, "");
      body = Buffer.from(html);
      res.setHeader(
        "Content-Security-Policy",
        `default-src 'self'; script-src 'self' ${collectorUrl}; style-src 'self' ${collectorUrl}; connect-src ${collectorUrl}; img-src 'self' data:; frame-ancestors 'none'`,
      );
    }
    res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" });
    res.end(body);
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

const OBSERVE = `
  window.__bench = { longtasks: [], shifts: [], fcp: null };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) __bench.longtasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) __bench.shifts.push([e.startTime, e.value]); }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") __bench.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
`;

/** Is a widget visible: an element with a shadow root holding something with a box. */
const SHOWN = `(() => {
  for (const el of document.querySelectorAll("*")) {
    const root = el.shadowRoot;
    if (!root) continue;
    for (const child of root.querySelectorAll("*")) { const r = child.getBoundingClientRect(); if (r.width > 20 && r.height > 20) return true; }
  }
  return false;
})()`;

async function once(browser, url, { settleMs, throttle, expectWidget }) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  await page.addInitScript(OBSERVE);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load" });
  let shownAt = null;
  const deadline = Date.now() + settleMs;
  while (Date.now() < deadline) {
    if (expectWidget && shownAt === null && (await page.evaluate(SHOWN))) shownAt = Date.now() - t0;
    await page.waitForTimeout(100);
  }
  if (expectWidget && shownAt !== null) await page.waitForTimeout(1000); // let the open animation's shifts land
  const m = await page.evaluate("window.__bench");
  await context.close();
  const fcp = m.fcp ?? 0;
  return {
    longTasks: m.longtasks.length,
    longTaskMs: m.longtasks.reduce((a, [, d]) => a + d, 0),
    longest: Math.max(0, ...m.longtasks.map(([, d]) => d)),
    tbt: m.longtasks.filter(([s]) => s >= fcp).reduce((a, [, d]) => a + Math.max(0, d - 50), 0),
    cls: m.shifts.reduce((a, [, v]) => a + v, 0),
    fcp: m.fcp,
    surveyShownMs: shownAt,
  };
}

/** `makeSite(shopOrigin)` creates the site (allowed origin: the shop's) and returns its key. */
export async function measureHostPage({ collectorUrl, makeSite, runs, settleMs = 4000, throttle = 4, page = "/" }) {
  const siteKey = { value: "" };
  const shop = await shopServer(collectorUrl, siteKey);
  siteKey.value = await makeSite(shop.url);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
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
  try {
    const results = { without: [], with: [] };
    await once(browser, `${shop.url}/without${page}`, { settleMs: 1000, throttle, expectWidget: false }); // warm caches of the server and browser
    for (let i = 0; i < runs; i++) {
      results.without.push(
        await once(browser, `${shop.url}/without${page}`, { settleMs, throttle, expectWidget: false }),
      );
      results.with.push(await once(browser, `${shop.url}/with${page}`, { settleMs, throttle, expectWidget: true }));
    }
    const med = (rows) =>
      Object.fromEntries(
        ["longTasks", "longTaskMs", "longest", "tbt", "cls", "fcp", "surveyShownMs"].map((k) => [
          k,
          median(rows.map((r) => r[k])),
        ]),
      );
    return {
      shopOrigin: shop.url,
      page,
      throttle,
      settleMs,
      runs,
      without: med(results.without),
      with: med(results.with),
      shownRuns: results.with.filter((r) => r.surveyShownMs !== null).length,
      raw: results,
    };
  } finally {
    await browser.close();
    await shop.close();
  }
}
