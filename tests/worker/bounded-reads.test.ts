/**
 * Owner views over raw answers read window by window (services/bounded-scan.ts): they pause on the
 * primary so submissions go first, stop at their time budget and then say which days they cover
 * (`partial`, `coveredFrom`), a short page of the list or export still leads to every row once, and a
 * later page reads the days of its own window only.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { responsesListQuerySchema } from "../../shared/schemas";
import { consentPage } from "../../worker/src/db/consents";
import { contextResponsesPerDay } from "../../worker/src/db/responses";
import {
  dayWindows,
  OWNER_SCAN,
  type Pacer,
  pauseAfter,
  scanWindows,
  windowsOf,
} from "../../worker/src/services/bounded-scan";
import { crossTab } from "../../worker/src/services/crosstab";
import { chargeRead, READ_BURST_MS, READ_SHARE, waitBeforeRead } from "../../worker/src/services/read-share";
import { exportCsv, listPage } from "../../worker/src/services/responses";
import { breakdown, summarize } from "../../worker/src/services/summary";
import { noteWrite, writingLately } from "../../worker/src/services/write-activity";
import { backdated, clientId, spreadResponses, submission, submitApart, summary, type World, world } from "./fixtures";
import { rowsReadDb, watchedDb } from "./watched-db";

/** One response a window, and the budget spent after the first: every view stops after one window. */
const TINY = { budgetMs: 0, window: 1, share: 1 };
const DAYS = ["2026-03-01", "2026-03-02", "2026-03-05"];
const RANGE = { from: "2026-03-01", to: "2026-03-31" };

/** 1, 2 and 3 responses on the three days (NPS 10, 9, 8), each choosing "a", the oldest saying "needle". */
async function threeDays(w: World) {
  const ids: string[] = [];
  for (const [i, day] of DAYS.entries()) {
    for (let k = 0; k <= i; k++) {
      const id = clientId();
      ids.push(id);
      await backdated(
        w,
        id,
        day,
        [
          ["nps", "nps", 10 - i, 10 - i],
          ["pick", "choice", null, "a"],
          ["why", "text", null, i === 0 ? "a needle in the hay" : "hay"],
        ],
        { productId: "sku-1" },
      );
    }
  }
  return ids;
}

describe("windows of days", () => {
  it("should cut the range into windows of at most N responses, newest first, covering every day", () => {
    const days = [
      { day: "2026-03-01", count: 2 },
      { day: "2026-03-02", count: 2 },
      { day: "2026-03-04", count: 5 },
      { day: "2026-03-09", count: 1 },
    ];
    expect(dayWindows(days, RANGE, 4)).toEqual([
      { from: "2026-03-09", to: "2026-03-31" },
      { from: "2026-03-04", to: "2026-03-08" },
      { from: "2026-03-01", to: "2026-03-03" },
    ]);
    expect(dayWindows(days, RANGE, 4, "oldest")).toEqual([
      { from: "2026-03-01", to: "2026-03-03" },
      { from: "2026-03-04", to: "2026-03-08" },
      { from: "2026-03-09", to: "2026-03-31" },
    ]);
    expect(dayWindows([], RANGE, 4)).toEqual([]);
  });

  it("a context value's days › counted in its index up to the cap; null when held more often", async () => {
    const w = await world();
    await threeDays(w);
    const f = { siteId: w.site.id, ...RANGE, context: { key: "productId", value: "sku-1" } };
    expect(await contextResponsesPerDay(env.DB, f, 6)).toEqual([
      { day: "2026-03-05", count: 3 },
      { day: "2026-03-02", count: 2 },
      { day: "2026-03-01", count: 1 },
    ]);
    expect(await contextResponsesPerDay(env.DB, { ...f, from: "2026-03-02" }, 6)).toHaveLength(2);
    expect(await contextResponsesPerDay(env.DB, f, 5)).toBeNull();
    expect(await contextResponsesPerDay(env.DB, { ...f, context: { key: "productId", value: "sku-2" } }, 5)).toEqual(
      [],
    );
  });

  it("a context value › windows of its own days; held over ten windows' worth, of every response's days", async () => {
    const w = await world();
    await threeDays(w);
    // A day of the site without the value.
    await backdated(w, clientId(), "2026-03-10", [["why", "text", null, "hay"]]);
    const f = { siteId: w.site.id, ...RANGE, context: { key: "productId", value: "sku-1" } };
    // The value's three days, where the site's would be four.
    expect(await windowsOf(env.DB, f, TINY)).toEqual([
      { from: "2026-03-05", to: "2026-03-31" },
      { from: "2026-03-02", to: "2026-03-04" },
      { from: "2026-03-01", to: "2026-03-01" },
    ]);
    // Five more: eleven, over ten windows of one. The site's days then, all of its responses', as the value's
    // ids are read whatever the channel: by the channel's days (none), the value would be read in no window.
    for (let i = 0; i < 5; i++) await backdated(w, clientId(), "2026-03-20", [], { productId: "sku-1" });
    const windows = await windowsOf(env.DB, { ...f, channel: "email" }, TINY);
    expect(windows.map((x) => x.from)).toEqual(["2026-03-20", "2026-03-10", "2026-03-05", "2026-03-02", "2026-03-01"]);
  });

  it("should pause (1 / share − 1) × a window's time on the primary, not after the last nor on a replica", async () => {
    let t = 0;
    const sleeps: number[] = [];
    const pacer: Pacer = {
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
    };
    const windows = DAYS.map((d) => ({ from: d, to: d }));
    // Windows taking 10 ms, then 30 (waiting 20 ms behind writes), then 10.
    const walls = [10, 30, 10];
    const read = (replica: boolean) => async () => {
      t += walls[sleeps.length % walls.length]!;
      return { cost: { sqlMs: 2, replica } };
    };
    const limits = { budgetMs: 1000, window: 1, share: 0.2 };
    expect(await scanWindows(windows, read(false), limits, pacer)).toBe(3);
    expect(sleeps).toEqual([40, 120]);
    sleeps.length = 0;
    // 10 ms read + 40 ms pause spend a 45 ms budget: one window, then partial.
    expect(await scanWindows(windows, read(false), { ...limits, budgetMs: 45 }, pacer)).toBe(1);
    sleeps.length = 0;
    expect(await scanWindows(windows, read(true), limits, pacer)).toBe(3);
    expect(sleeps).toEqual([]);
  });

  it("should yield a smaller share for a second after its isolate took in or wrote a submission", () => {
    const limits = { budgetMs: 1000, window: 1, share: 0.2, busyShare: 0.1 };
    const primary = { sqlMs: 2, replica: false };
    // Later than any real submission of this file, so they do not count here.
    const at = Date.now() + 1e9;
    expect(pauseAfter(primary, 10, limits, at)).toBe(40);
    noteWrite(at);
    expect(pauseAfter(primary, 10, limits, at + 500)).toBe(90);
    expect(pauseAfter({ sqlMs: 2, replica: true }, 10, limits, at + 500)).toBe(0);
    expect(pauseAfter(primary, 10, limits, at + 1_000)).toBe(40);
    // Without a share of its own for busy times, a scan keeps its share.
    noteWrite(at + 2_000);
    expect(pauseAfter(primary, 10, { ...limits, busyShare: undefined }, at + 2_100)).toBe(40);
  });

  it("should count its isolate as writing from a submission it takes in", async () => {
    const w = await world();
    // Past the file's earlier writes: only the submission below can make it count.
    const quiet = Date.now() + 2e9;
    noteWrite(quiet);
    expect(writingLately()).toBe(false);
    expect((await submitApart(submission(w))).status).toBe(201);
    expect(writingLately()).toBe(true);
  });
});

describe("each caller's share of the time", () => {
  it("a page's few reads pass at once; reads in a loop are slowed to their share of the time", () => {
    const caller = `owner-${clientId()}`;
    let now = 1_000_000;
    // A page's reads, together within the burst: none waits.
    for (let i = 0; i < 3; i++) {
      expect(waitBeforeRead(caller, now)).toBe(0);
      chargeRead(caller, READ_BURST_MS / 4, now);
      now += READ_BURST_MS / 4;
    }
    // A loop of 50 ms reads for a minute: busy at most its share, plus the burst it started with.
    const start = now;
    let busy = 0;
    let waited = 0;
    while (now - start < 60_000) {
      const wait = waitBeforeRead(caller, now);
      waited += wait;
      now += wait;
      chargeRead(caller, 50, now);
      now += 50;
      busy += 50;
    }
    expect(waited).toBeGreaterThan(0);
    expect(busy).toBeLessThanOrEqual(READ_SHARE * (now - start) + READ_BURST_MS);
    expect(busy).toBeGreaterThanOrEqual(READ_SHARE * (now - start) - 50);
  });

  it("a read that paced itself (a long scan) is charged at most the burst", () => {
    const caller = `owner-${clientId()}`;
    const now = 2_000_000;
    chargeRead(caller, 30 * READ_BURST_MS, now);
    expect(waitBeforeRead(caller, now)).toBe(0);
    chargeRead(caller, 100, now);
    expect(waitBeforeRead(caller, now)).toBe(100 / READ_SHARE);
  });
});

describe("filtered summary, breakdown and cross-tab over raw answers", () => {
  const context = { key: "productId", value: "sku-1" };

  it("out of time › partial, covering the newest days read; within time › complete, no partial field", async () => {
    const w = await world();
    await threeDays(w);
    const q = { ...RANGE, interval: "day" as const, context };
    const part = await summarize(env.DB, w.site.id, q, TINY);
    expect(part).toMatchObject({ partial: true, coveredFrom: "2026-03-05", responses: 3 });
    expect(part.nps).toMatchObject({ count: 3, promoters: 0, passives: 3 });

    const whole = await summarize(env.DB, w.site.id, q, OWNER_SCAN);
    expect(whole).toMatchObject({ responses: 6, nps: { count: 6, promoters: 3, passives: 3 } });
    expect(whole).not.toHaveProperty("partial");
    expect(whole.trend.map((p) => p.responses)).toEqual([1, 2, 3]);
    expect(whole.questions.find((x) => x.id === "pick")?.options[0]).toMatchObject({ id: "a", count: 6 });
    // Through the route (default limits): the same figures, complete.
    expect(await summary(w, `?from=${RANGE.from}&to=${RANGE.to}&context=productId:sku-1`)).toMatchObject({
      responses: 6,
      nps: { count: 6 },
    });
  });

  it("breakdown and cross-tab › partial on the newest days first, complete within time", async () => {
    const w = await world();
    await threeDays(w);
    const part = await breakdown(env.DB, w.site.id, "productId", RANGE, TINY);
    expect(part).toMatchObject({ partial: true, coveredFrom: "2026-03-05" });
    expect(part.rows).toMatchObject([{ value: "sku-1", responses: 3, nps: { count: 3 } }]);
    const whole = await breakdown(env.DB, w.site.id, "productId", RANGE, OWNER_SCAN);
    expect(whole.rows).toMatchObject([{ value: "sku-1", responses: 6, nps: { count: 6 } }]);
    expect(whole).not.toHaveProperty("partial");

    const q = { survey: w.survey.id, question: "pick", by: "segment" as const, ...RANGE };
    const tab = await crossTab(env.DB, w.site.id, q, TINY);
    expect(tab).toMatchObject({ partial: true, coveredFrom: "2026-03-05" });
    expect(tab.columns).toEqual([
      { id: "promoter", respondents: 0 },
      { id: "passive", respondents: 3 },
      { id: "detractor", respondents: 0 },
    ]);
    const full = await crossTab(env.DB, w.site.id, q, OWNER_SCAN);
    expect(full.columns.map((c) => c.respondents)).toEqual([3, 3, 0]);
    expect(full.rows.find((r) => r.option === "a")?.counts).toEqual([3, 3, 0]);
  });

  it("a customer's order › read in one window through its own ids, not window by window of the site", async () => {
    const w = await world();
    await spreadResponses(w, "2026-03-01", 20, 30);
    const order = clientId();
    await backdated(w, order, "2026-03-04", [["nps", "nps", 3, 3]], { orderId: "A-1042" });
    // Windows of two days of the site, read without pausing: ten of them, were the site's days to cut them.
    const twoDays = { budgetMs: 60_000, window: 60, share: 1 };
    const reading = rowsReadDb();
    const q = { ...RANGE, interval: "day" as const, context: { key: "orderId", value: "A-1042" } };
    let batches = 0;
    const counting = watchedDb({
      batch(_, run) {
        batches++;
        return run();
      },
    });
    await summarize(counting, w.site.id, q, twoDays);
    // One window (one batch of the summary's statements), where the site's days would make ten.
    expect(batches).toBe(1);
    const got = await summarize(reading.db, w.site.id, q, twoDays);
    expect(got).toMatchObject({ responses: 1, nps: { count: 1, detractors: 1 } });
    expect(got).not.toHaveProperty("partial");
    // The order's context entry (counted, then its id), its row and answer in each of the summary's seven
    // statements, and the survey's definition: about 50, where ten windows of the site read over 4,000.
    expect(reading.rowsRead()).toBeLessThan(100);
    const rows = (await breakdown(reading.db, w.site.id, "orderId", RANGE, twoDays)).rows;
    expect(rows).toMatchObject([{ value: "A-1042", responses: 1, nps: { count: 1 } }]);
  });
});

describe("responses list and export, window by window", () => {
  const pages = async (w: World, order: "asc" | "desc", q: string | undefined, more: Record<string, string> = {}) => {
    const seen: { items: string[]; next: boolean }[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const query = responsesListQuerySchema.parse({
        limit: 2,
        order,
        ...more,
        ...(q ? { q } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const page = await listPage(env.DB, w.site.id, query, TINY);
      seen.push({ items: page.items.map((x) => x.id), next: page.next !== null });
      if (!page.next) break;
      cursor = page.next;
    }
    return seen;
  };

  it("a sparse text search out of time › short pages with a cursor, and every match once in the end", async () => {
    const w = await world();
    const ids = await threeDays(w);
    const newestFirst = await pages(w, "desc", "needle");
    expect(newestFirst).toEqual([
      { items: [], next: true },
      { items: [], next: true },
      { items: [ids[0]], next: false },
    ]);
    const oldestFirst = await pages(w, "asc", "needle");
    expect(oldestFirst[0]).toEqual({ items: [ids[0]], next: true });
    expect(oldestFirst.flatMap((p) => p.items)).toEqual([ids[0]]);
  });

  it("no filter › every response once, in order, across windows and pages", async () => {
    const w = await world();
    const ids = await threeDays(w);
    const all = (await pages(w, "asc", undefined)).flatMap((p) => p.items);
    expect(all).toHaveLength(6);
    expect(new Set(all)).toEqual(new Set(ids));
    const csv = await new Response(await exportCsv(env.DB, w.site.id, {}, TINY, async () => {})).text();
    const exported = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect(exported.sort()).toEqual([...ids].sort());
  });

  it("a context value › every response holding it once, in order, across its windows and pages", async () => {
    const w = await world();
    const ids = await threeDays(w);
    await backdated(w, clientId(), "2026-03-03", [["why", "text", null, "hay"]], { productId: "sku-2" });
    for (const order of ["asc", "desc"] as const) {
      const read = await pages(w, order, undefined, { context: "productId:sku-1" });
      const seen = read.flatMap((p) => p.items);
      // Oldest first: the three days' 1, 2 and 3 responses, in time order (ids within a day by id).
      const days = [ids.slice(0, 1), ids.slice(1, 3).sort(), ids.slice(3).sort()];
      expect(seen).toEqual(order === "asc" ? days.flat() : days.reverse().flatMap((d) => [...d].reverse()));
    }
  });

  it("a later page › reads the days of its window, not every day of the range asked for", async () => {
    const w = await world();
    const perDay = 30;
    const ids = await spreadResponses(w, "2026-03-01", 20, perDay);
    // Windows of two days, read without pausing.
    const twoDays = { budgetMs: 60_000, window: 2 * perDay, share: 1 };
    const reading = rowsReadDb();
    for (const order of ["asc", "desc"] as const) {
      const query = { limit: 10, order, from: "2026-03-01", to: "2026-03-31" };
      const first = await listPage(reading.db, w.site.id, responsesListQuerySchema.parse(query), twoDays);
      reading.reset();
      const second = await listPage(
        reading.db,
        w.site.id,
        responsesListQuerySchema.parse({ ...query, cursor: first.next }),
        twoDays,
      );
      expect(second.items.map((x) => x.id)).toEqual(
        order === "asc" ? ids.slice(10, 20) : ids.slice(580, 590).reverse(),
      );
      // The daily counts of the 20 days, then one window's responses (each an index entry and a row) and
      // the page's ids: about 150, where the whole range would be over 600.
      expect(reading.rowsRead()).toBeLessThan(20 + 3 * twoDays.window);
    }
  });

  it("a customer's order › found through its own ids, not by walking the site's responses", async () => {
    const w = await world();
    await spreadResponses(w, "2026-03-01", 20, 30);
    const order = clientId();
    await backdated(w, order, "2026-03-04", [["why", "text", null, "late"]], { orderId: "A-1042" });
    const reading = rowsReadDb();
    for (const query of [
      { context: "orderId:A-1042" },
      { context: "orderId:A-1042", from: "2026-03-01", to: "2026-03-31" },
    ]) {
      reading.reset();
      const page = await listPage(reading.db, w.site.id, responsesListQuerySchema.parse(query), OWNER_SCAN);
      expect(page.items.map((x) => x.id)).toEqual([order]);
      // The order's one id, its row and answer: the site's 601 responses are not walked.
      expect(reading.rowsRead()).toBeLessThan(20);
    }
  });

  it("consent records › a later page reads from its keyset on, not from the start of the range", async () => {
    const w = await world();
    const ids = await spreadResponses(w, "2026-03-01", 20, 30);
    const reading = rowsReadDb();
    const range = { from: "2026-03-01", to: "2026-03-31" };
    // The 550th response: day 19 (the 18th after the first), its 10th minute.
    const after = { at: "2026-03-19T00:09:00.000Z", id: ids[549]! };
    const page = await consentPage(reading.db, w.site.id, range, after, 10);
    expect(page.map((r) => r.id)).toEqual(ids.slice(550, 560));
    // The page's rows from the keyset on (an index entry and a row each): 549 responses come before it.
    expect(reading.rowsRead()).toBeLessThan(50);
  });
});
