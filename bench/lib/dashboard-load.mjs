/**
 * Ingestion while a dashboard reads, on the summary's database (its biggest site is the dashboard's):
 * one owner reads one view in a loop, one request at a time, while 10 clients submit answers to
 * another site. D1 runs one query at a time, so a view that holds it stalls every write behind it;
 * the bounded views read in windows and pause, and must leave ingestion ≥ 80% of its rate alone.
 */
import http from "node:http";
import { YEAR } from "./fill.mjs";
import { checkAccepted, drain, keepAccepted, warmUp } from "./ingest.mjs";
import { median, runLoad } from "./load.mjs";
import { ownerWorld, responseRequest } from "./owner.mjs";
import { summaryPath } from "./summary.mjs";

const RANGE = `from=${YEAR.from}&to=${YEAR.to}`;

/**
 * The reader starts this long before the load: a dashboard page's first reads pass at once from the
 * owner's burst of busy time (READ_BURST_MS, worker/src/services/read-share.ts), once per page, so the run
 * measures a dashboard reading in a loop rather than that one burst.
 */
const READER_LEAD_MS = 1_000;

/** The dashboard's views, as the results and queue pages request them. */
export const dashboardViews = (world) => {
  const site = `/api/sites/${world.site.id}`;
  return [
    ["summary", summaryPath(world.site.id)],
    ["summary by channel", summaryPath(world.site.id, "&channel=email")],
    ["filtered summary (language)", summaryPath(world.site.id, "&locale=en")],
    ["satisfaction per product", `${site}/breakdown?${RANGE}&key=productId`],
    [
      "cross-tab of a choice by segment",
      `${site}/crosstab?${RANGE}&survey=${world.survey.id}&question=pick&by=segment`,
    ],
    ["responses, text search", `${site}/responses?q=needle&limit=50`],
    ["CSV export (streamed)", `${site}/export.csv?${RANGE}`],
  ];
};

/**
 * Reads `path` in a loop until stopped: each read's time and whether it said `partial`; a streamed
 * download is cut when told to stop, and counted by the rows it delivered.
 */
async function readLoop(base, cookie, path, stopped, out) {
  const streamed = path.includes("export.csv");
  const deadline = Date.now() + 180_000;
  while (!stopped() && Date.now() < deadline) {
    const t0 = performance.now();
    await new Promise((resolve) => {
      const req = http.get(base + path, { headers: { cookie }, agent: false }, (res) => {
        let text = "";
        const timer = setInterval(() => {
          if (stopped()) req.destroy();
        }, 50);
        res.on("data", (chunk) => {
          if (streamed) out.rows = (out.rows ?? 0) + (chunk.toString("utf8").match(/\r\n/g)?.length ?? 0);
          else text += chunk;
        });
        let finished = false;
        const done = () => {
          if (finished) return;
          finished = true;
          clearInterval(timer);
          if (res.statusCode === 200 && !streamed) {
            out.reads.push(performance.now() - t0);
            if (JSON.parse(text).partial === true) out.partial = (out.partial ?? 0) + 1;
          } else if (res.statusCode !== 200) out.failed = (out.failed ?? 0) + 1;
          resolve();
        };
        res.on("end", done);
        res.on("error", done);
        res.on("close", done);
      });
      req.on("error", () => resolve());
    });
  }
}

/**
 * Rounds of every view, each view's run between two runs alone (alone, view 1, alone, view 2, …, alone):
 * a view's share is taken against the mean of the runs alone just before and just after it, so that the
 * machine's drift within a round (a shared machine's load moves within a minute) hits both sides alike;
 * the median of the rounds is reported.
 */
export async function measureUnderLoad({ w, dashboard, mode, repeats, durationMs, concurrency, log }) {
  const ingestWorld = await ownerWorld(w.url);
  const db = await w.db();
  const queued = mode === "queue";
  const accepted = [];
  const keep = keepAccepted(accepted);
  await warmUp(w.url, ingestWorld, accepted, concurrency);
  const views = dashboardViews(dashboard);
  const conditions = [["alone", null], ...views];
  const state = new Map(
    conditions.map(([name]) => [name, { runs: [], shares: [], drains: [], read: { reads: [] }, seconds: 0 }]),
  );
  let seed = 100;
  /** One run of the load (from a drained queue), beside a reader of `path` unless it is null. */
  const measure = async (name, path) => {
    const st = state.get(name);
    await drain(queued ? db : null, ingestWorld.site.id, accepted);
    let stop = false;
    const t0 = Date.now();
    const loop = path
      ? readLoop(w.url, dashboard.cookie, path, () => stop, st.read).catch((err) => log(`dashboard loop: ${err}`))
      : Promise.resolve();
    if (path) await new Promise((r) => setTimeout(r, READER_LEAD_MS));
    const run = await runLoad({
      base: w.url,
      concurrency,
      durationMs,
      make: (i) => responseRequest(ingestWorld, i, seed),
      onResponse: keep,
    });
    seed += 7;
    stop = true;
    await loop;
    st.seconds += (Date.now() - t0) / 1000;
    st.runs.push(run);
    const drained = await drain(queued ? db : null, ingestWorld.site.id, accepted);
    if (queued) st.drains.push(drained ?? 0);
    return run.rps;
  };
  for (let r = 0; r < repeats; r++) {
    let before = await measure("alone", null);
    for (const [name, path] of views) {
      const rps = await measure(name, path);
      const after = await measure("alone", null);
      state.get(name).shares.push(rps / ((before + after) / 2));
      before = after;
    }
  }
  state.get("alone").shares.push(1);
  const rows = {};
  for (const [name, path] of conditions) {
    const st = state.get(name);
    const read = st.read;
    rows[name] = {
      rps: median(st.runs.map((x) => x.rps)),
      share: median(st.shares),
      p50: median(st.runs.map((x) => x.p50)),
      p99: median(st.runs.map((x) => x.p99)),
      readMs: path && read.reads.length ? median(read.reads) : null,
      reads: read.reads.length,
      partialReads: read.partial ?? 0,
      failedReads: read.failed ?? 0,
      exportRowsPerSecond: read.rows ? read.rows / st.seconds : null,
      drainSeconds: queued ? median(st.drains) : null,
    };
    log(
      `under load (${mode}): ${name}: ${rows[name].rps.toFixed(0)} req/s ` +
        `(${(100 * rows[name].share).toFixed(0)}% of alone), p99 ${rows[name].p99.toFixed(0)} ms` +
        (path ? `, ${read.reads.length} reads (${read.partial ?? 0} partial)` : ""),
    );
  }
  rows.integrity = await checkAccepted(db, ingestWorld.site.id, accepted);
  return rows;
}
