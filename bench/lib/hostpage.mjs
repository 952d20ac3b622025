/**
 * Host-page cost in Chromium: the demo shop's page with and without the widget snippet,
 * same server, same strict CSP, CPU slowed 4× (a mid-range phone). Long tasks from
 * PerformanceObserver('longtask'), total blocking time (sum of each long task's time over
 * 50 ms after first contentful paint), layout shift from PerformanceObserver('layout-shift').
 * For the widget itself: when its files arrived (Resource Timing of widget*.js and the config),
 * the first frame that shows the survey (checked on every animation frame), the time between the
 * two, and the long tasks and blocking time between its first file and a second after it showed.
 * What the widget caused: the Long Animation Frames API names the script of each callback in a long
 * frame (its file, cross-origin too), so the long tasks in frames where only the widget's files ran
 * are the widget's, and in a frame shared with the page's scripts its own callbacks are its part.
 */

import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions, chromiumMissing } from "../../scripts/lib/chromium.mjs";
import { freePort, ROOT } from "../../scripts/lib/stack.mjs";
import { median } from "./load.mjs";

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
  return chromiumMissing();
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
        `default-src 'self'; script-src 'self' ${collectorUrl}; style-src 'self' ${collectorUrl}; ` +
          `connect-src ${collectorUrl}; img-src 'self' data:; frame-ancestors 'none'`,
      );
    }
    res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" });
    res.end(body);
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

const OBSERVE = `(() => {
  window.__bench = { longtasks: [], frames: [], shifts: [], fcp: null, files: [], shownAt: null, hostAt: null };
  const watch = (type, each) =>
    new PerformanceObserver((l) => { for (const e of l.getEntries()) each(e); }).observe({ type, buffered: true });
  watch("longtask", (e) => __bench.longtasks.push([e.startTime, e.duration]));
  watch("long-animation-frame", (e) =>
    __bench.frames.push({
      start: e.startTime,
      duration: e.duration,
      blocking: e.blockingDuration,
      scripts: e.scripts.map((s) => [s.sourceURL, s.duration]),
    }),
  );
  watch("layout-shift", (e) => { if (!e.hadRecentInput) __bench.shifts.push([e.startTime, e.value]); });
  watch("paint", (e) => { if (e.name === "first-contentful-paint") __bench.fcp = e.startTime; });
  watch("resource", (e) => {
    if (/\\/widget[^/?]*\\.js|\\/config([?#]|$)/.test(e.name))
      __bench.files.push([e.name.replace(/^.*\\//, ""), e.startTime, e.responseEnd]);
  });
  // The first frame in which the survey has a box. Its elements are found once a frame (no layout
  // needed) and watched by a ResizeObserver, which reports their sizes after the frame's own layout.
  // Asking for boxes in a frame callback would force that layout inside the bench's callback: the frame
  // would then hold a script of the page's, and the survey's layout would not count as the widget's.
  // A host hidden from people (aria-hidden: the loader's unseen box that looks the fonts up) is not the
  // survey's, though it counts as the widget's host from when it appears.
  // Only the shadow root's own children are watched (the survey's panel is one): looking through all of
  // its elements every frame cost up to 12 ms a frame at CPU ×4, in the very frames measured.
  let frameAt = 0;
  const seen = new WeakSet();
  const sized = new ResizeObserver((entries) => {
    for (const e of entries) {
      const r = e.contentRect;
      if (__bench.shownAt === null && r.width > 20 && r.height > 20) {
        __bench.shownAt = frameAt;
        sized.disconnect();
      }
    }
  });
  const look = (t) => {
    frameAt = t;
    if (__bench.shownAt !== null) return;
    for (const el of document.body ? document.body.children : []) {
      const root = el.shadowRoot;
      if (!root) continue;
      if (__bench.hostAt === null) __bench.hostAt = t;
      if (el.getAttribute("aria-hidden") === "true") continue;
      for (const c of root.children)
        if (!seen.has(c)) { seen.add(c); sized.observe(c); }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
`;

/** Long tasks that overlap [from, to] (ms since navigation). */
const within = (tasks, from, to) => tasks.filter(([s, d]) => s + d >= from && s <= to);

const WIDGET_FILE = /\/widget[^/?]*\.js/;

/**
 * The widget's part of the long animation frames. A frame where only its files ran is its own: its
 * tasks (the long tasks inside the frame, else its callbacks) and its blocking time as the browser
 * counts it, rendering included. So is a frame where no script of the page's ran once the widget's host
 * is on the page (`hostAt`): the browser names only scripts of 5 ms or more, and the style, layout and
 * font loading of what the widget put in the page come in frames of their own, after its short
 * callbacks; the shop page is idle by then, which its loads without the widget show in the same window.
 * Scripts without a file are this benchmark's own observers (the page's CSP allows no inline script). In
 * a frame shared with the page's scripts, each of the widget's callbacks counts as a task of its own,
 * blocking for its time over 50 ms. Blocking time counts from the first contentful paint on, as total
 * blocking time does: the page's first frame lays out the whole page, and the widget's loader, run in it,
 * would otherwise be charged for that (there its task is its own scripts' time).
 */
function widgetFrames(frames, longtasks, fcp, hostAt) {
  const parts = frames.flatMap((f) => {
    const ours = f.scripts.filter(([url]) => WIDGET_FILE.test(url));
    const pages = f.scripts.filter(([url]) => url && !WIDGET_FILE.test(url));
    const rendering = hostAt !== null && f.start + f.duration >= hostAt && pages.length === 0;
    if (ours.length === 0 && !rendering) return [];
    const callbacks = Math.max(0, ...ours.map(([, ms]) => ms));
    const counted = f.start >= fcp;
    if (pages.length > 0) {
      return [{ task: callbacks, blocking: counted ? Math.max(0, callbacks - 50) : 0 }];
    }
    const inside = within(longtasks, f.start, f.start + f.duration).filter(
      ([start, ms]) => start >= f.start - 1 && start + ms <= f.start + f.duration + 1,
    );
    // Before that paint, the frame's long task is the page's first layout, the loader's run inside it.
    const task = counted ? Math.max(callbacks, ...inside.map(([, ms]) => ms)) : callbacks;
    return [{ task, blocking: counted ? f.blocking : 0 }];
  });
  return {
    longest: Math.max(0, ...parts.map((x) => x.task)),
    blocking: parts.reduce((a, x) => a + x.blocking, 0),
    frames: parts.length,
  };
}

/** Blocking time of long tasks: their time over 50 ms each. */
const blocking = (tasks) => tasks.reduce((a, [, d]) => a + Math.max(0, d - 50), 0);

async function once(browser, url, { settleMs, throttle, expectWidget }) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  await page.addInitScript(OBSERVE);
  await page.goto(url, { waitUntil: "load" });
  const deadline = Date.now() + settleMs;
  let shown = false;
  while (Date.now() < deadline) {
    if (expectWidget && !shown) shown = (await page.evaluate("window.__bench.shownAt")) !== null;
    await page.waitForTimeout(100);
  }
  if (shown) await page.waitForTimeout(1000); // let the open animation's shifts land
  const m = await page.evaluate("window.__bench");
  await context.close();
  const fcp = m.fcp ?? 0;
  const shownAt = m.shownAt;
  const before = shownAt === null ? [] : m.files.filter(([, , end]) => end <= shownAt);
  const filesAt = before.length ? Math.max(...before.map(([, , end]) => end)) : null;
  const firstFile = m.files.length ? Math.min(...m.files.map(([, start]) => start)) : null;
  // The widget's window: from its first file's request to a second after the survey showed.
  const widgetTasks = firstFile === null ? [] : within(m.longtasks, firstFile, (shownAt ?? Infinity) + 1000);
  const caused = widgetFrames(m.frames, m.longtasks, fcp, m.hostAt);
  return {
    longTasks: m.longtasks.length,
    longTaskMs: m.longtasks.reduce((a, [, d]) => a + d, 0),
    longest: Math.max(0, ...m.longtasks.map(([, d]) => d)),
    tbt: blocking(m.longtasks.filter(([s]) => s >= fcp)),
    cls: m.shifts.reduce((a, [, v]) => a + v, 0),
    fcp: m.fcp,
    surveyShownMs: shownAt,
    filesArrivedMs: filesAt,
    firstPaintAfterFilesMs: shownAt !== null && filesAt !== null ? shownAt - filesAt : null,
    widgetLongest: Math.max(0, ...widgetTasks.map(([, d]) => d)),
    widgetTbt: blocking(widgetTasks),
    firstFileMs: firstFile,
    causedLongest: caused.longest,
    causedBlocking: caused.blocking,
    causedFrames: caused.frames,
    longtasks: m.longtasks,
    frames: m.frames,
    hostAt: m.hostAt,
    files: before.map(([name]) => name),
  };
}

/** `makeSite(shopOrigin)` creates the site (allowed origin: the shop's) and returns its key. */
export async function measureHostPage({ collectorUrl, makeSite, runs, settleMs = 4000, throttle = 4, page = "/" }) {
  const siteKey = { value: "" };
  const shop = await shopServer(collectorUrl, siteKey);
  siteKey.value = await makeSite(shop.url);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const results = { without: [], with: [] };
    // Warms the caches of the server and the browser.
    await once(browser, `${shop.url}/without${page}`, { settleMs: 1000, throttle, expectWidget: false });
    for (let i = 0; i < runs; i++) {
      results.without.push(
        await once(browser, `${shop.url}/without${page}`, { settleMs, throttle, expectWidget: false }),
      );
      results.with.push(await once(browser, `${shop.url}/with${page}`, { settleMs, throttle, expectWidget: true }));
    }
    const med = (rows) =>
      Object.fromEntries(
        [
          "longTasks",
          "longTaskMs",
          "longest",
          "tbt",
          "cls",
          "fcp",
          "surveyShownMs",
          "filesArrivedMs",
          "firstPaintAfterFilesMs",
          "widgetLongest",
          "widgetTbt",
          "causedLongest",
          "causedBlocking",
          "causedFrames",
        ].map((k) => [k, median(rows.map((r) => r[k]))]),
      );
    // The page's own long tasks in the same window (from the widget's first file to a second after
    // the survey showed, medians of the loads with it), in the loads without the widget: what the
    // window would hold anyway.
    const from = median(results.with.map((r) => r.firstFileMs));
    const to = median(results.with.map((r) => r.surveyShownMs)) + 1000;
    // And the frames the widget's would be once its host is on the page (no script of the page's in
    // them), in the loads without it: a shop page busy then would be charged to the widget.
    const hostAt = median(results.with.map((r) => r.hostAt).filter((x) => x !== null));
    for (const r of results.without) {
      const tasks = from === null || !Number.isFinite(to) ? [] : within(r.longtasks, from, to);
      r.widgetLongest = Math.max(0, ...tasks.map(([, d]) => d));
      r.widgetTbt = blocking(tasks);
      const idle = widgetFrames(r.frames, r.longtasks, r.fcp ?? 0, hostAt ?? null);
      r.causedLongest = idle.longest;
      r.causedBlocking = idle.blocking;
      r.causedFrames = idle.frames;
    }
    return {
      shopOrigin: shop.url,
      page,
      throttle,
      settleMs,
      runs,
      window: { from, to },
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
