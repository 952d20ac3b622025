/**
 * Summary latency for one site at 10 thousand, 100 thousand and 1 million answers over a
 * year, filled through Miniflare's D1 with recursive-CTE INSERT … SELECT statements (the
 * triggers keep the daily aggregates, exactly as real writes do); the plan of the summary's
 * queries at 1M; and ingestion while a dashboard reads the summary in a loop.
 */

import { mkdtempSync, readdirSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "../../scripts/lib/stack.mjs";
import { checkAccepted, measureRoutes } from "./ingest.mjs";
import { median, runLoad, send, timeSequential } from "./load.mjs";
import { ownerWorld } from "./owner.mjs";
import { startWorker } from "./worker.mjs";

/** Bytes of the SQLite files of the persisted D1 (database + WAL). */
function databaseBytes(persistDir) {
  const dir = join(persistDir, "v3", "d1", "miniflare-D1DatabaseObject");
  try {
    return readdirSync(dir)
      .filter((f) => /\.sqlite(-wal)?$/.test(f))
      .reduce((a, f) => a + statSync(join(dir, f)).size, 0);
  } catch {
    return null;
  }
}

export const YEAR = { from: "2025-11-01", to: "2026-10-31" };
const SCORED_PER_RESPONSE = 2; // nps + csat
const CHUNK = 25_000; // responses per INSERT … SELECT

/** The SQL of the unfiltered summary, taken from the worker's own module. */
async function summarySql() {
  const outfile = join(mkdtempSync(join(tmpdir(), "bench-sql-")), "aggregates.mjs");
  await build({
    entryPoints: [join(ROOT, "worker", "src", "db", "aggregates.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile,
    logLevel: "error",
  });
  const m = await import(pathToFileURL(outfile).href);
  return Object.values(m.AGGREGATE_SQL);
}

/** Adds responses [start, end) with two scored answers each, spread over the year. */
async function fill(db, site, survey, start, end) {
  for (let a = start; a < end; a += CHUNK) {
    const b = Math.min(end, a + CHUNK) - 1;
    const n = `WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)`;
    const day = `date('${YEAR.from}', '+' || (i % 365) || ' days')`;
    await db.batch([
      db
        .prepare(`${n}
        INSERT INTO responses (id, site_id, survey_id, body_hash, respondent_hash, locale, page, device, consent_policy, consent_at, created_at, day, nps_min)
        SELECT printf('bench%016d', i), ?3, ?4, 'bench', printf('respondent%d', i), 'en', 'https://shop.bench.example/checkout/thank-you',
          'desktop', '2026-11-01', ${day} || 'T12:00:00.000Z', ${day} || 'T12:00:00.000Z', ${day}, (i * 7) % 11 FROM n`)
        .bind(a, b, site, survey),
      db
        .prepare(`${n}
        INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value)
        SELECT printf('bench%016d', i), q.t, ?3, ?4, ${day}, q.t, s, CAST(s AS TEXT) FROM (
          SELECT i, q.t, CASE q.t WHEN 'nps' THEN (i * 7) % 11 ELSE 1 + (i * 3) % 5 END AS s
          FROM n, (SELECT 'nps' AS t UNION ALL SELECT 'csat') AS q) AS q`)
        .bind(a, b, site, survey),
    ]);
  }
}

export async function measureSummary({ scriptPath, persistDir, sizes, samples, log, ingestion }) {
  const results = { sizes: [], plan: null, underLoad: null };
  let w = await startWorker({ scriptPath, persistDir, mode: "direct" });
  let world;
  try {
    world = await ownerWorld(w.url);
    const db = await w.db();
    const path = (filter = "") =>
      `/api/sites/${world.site.id}/summary?from=${YEAR.from}&to=${YEAR.to}&interval=month${filter}`;
    const req = (filter) => () => ({ path: path(filter), method: "GET", headers: { cookie: world.cookie } });
    let responses = 0;
    for (const answers of sizes) {
      const target = answers / SCORED_PER_RESPONSE;
      const t0 = Date.now();
      await fill(db, world.site.id, world.survey.id, responses, target);
      responses = target;
      const fillSeconds = (Date.now() - t0) / 1000;
      await timeSequential({ base: w.url, count: 10, make: req() }); // warm-up
      await timeSequential({ base: w.url, count: 2, make: req("&locale=en") });
      const unfiltered = await timeSequential({ base: w.url, count: samples, make: req() });
      // A filter the aggregates lack (locale) reads the matching responses: the scan the aggregates avoid.
      const scanned = await timeSequential({
        base: w.url,
        count: Math.max(3, Math.min(samples, Math.ceil(8000 / Math.max(1, answers / 1000)))),
        maxMs: 20_000,
        make: req("&locale=en"),
      });
      const check = await (await fetch(w.url + path(), { headers: { cookie: world.cookie } })).json();
      const row = {
        answers,
        responses: target,
        fillSeconds,
        summaryMs: median(unfiltered),
        summaryP90Ms: unfiltered.sort((x, y) => x - y)[Math.floor(unfiltered.length * 0.9)],
        filteredMs: median(scanned),
        samples: unfiltered.length,
        databaseBytes: databaseBytes(persistDir),
        reported: { responses: check.responses, nps: check.nps?.count, csat: check.csat?.count },
      };
      results.sizes.push(row);
      log(
        `summary: ${answers.toLocaleString("en")} answers (fill ${fillSeconds.toFixed(1)} s): ${row.summaryMs.toFixed(1)} ms unfiltered, ${row.filteredMs.toFixed(0)} ms filtered (scan)`,
      );
    }
    const [histSql, respSql] = await summarySql();
    const params = [world.site.id, YEAR.from, YEAR.to, null, null];
    const plan = async (sql) =>
      (
        await db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...params)
          .all()
      ).results.map((r) => r.detail);
    results.plan = {
      histogram: { sql: histSql.replace(/\s+/g, " ").trim(), plan: await plan(histSql) },
      responses: { sql: respSql.replace(/\s+/g, " ").trim(), plan: await plan(respSql) },
    };
    results.plan.noAnswersScan = [...results.plan.histogram.plan, ...results.plan.responses.plan].every(
      (d) => !/\b(answers|responses)\b/.test(d.replace(/daily_(aggregates|responses)/g, "")),
    );
  } finally {
    await w.dispose();
  }

  // Ingestion while a dashboard reads in a loop, on the 1M database.
  results.underLoad = {};
  for (const mode of ingestion.modes) {
    w = await startWorker({
      scriptPath: ingestion.scriptPaths[mode] ?? scriptPath,
      persistDir,
      mode: mode.startsWith("queue") ? "queue" : "direct",
    });
    try {
      const ingestWorld = await ownerWorld(w.url);
      const dashboard = {
        path: `/api/sites/${world.site.id}/summary?from=${YEAR.from}&to=${YEAR.to}&interval=month`,
        method: "GET",
        headers: { cookie: world.cookie },
      };
      const accepted = [];
      const rows = {};
      const conditions = [
        ["alone", null],
        ["summary loop", dashboard],
        ["filtered summary loop (scan)", { ...dashboard, path: `${dashboard.path}&locale=en` }],
      ];
      await runLoad({
        base: w.url,
        concurrency: 4,
        durationMs: 500,
        make: () => ({ path: "/v1/noop", method: "POST", headers: { "content-length": "0" } }),
      });
      for (const [name, reader] of conditions) {
        const runs = [];
        const reads = [];
        for (let r = 0; r < ingestion.repeats; r++) {
          let stop = false;
          const loop = reader
            ? readLoop(w.url, reader, () => stop, reads).catch((err) => log(`dashboard loop: ${err}`))
            : Promise.resolve();
          const m = await measureRoutes({
            base: w.url,
            world: ingestWorld,
            concurrencies: [ingestion.concurrency],
            repeats: 1,
            durationMs: ingestion.durationMs,
            runTag: 100 + runs.length * 7 + conditions.findIndex((c) => c[0] === name) * 31,
            accepted,
          });
          stop = true;
          await loop;
          runs.push(m[ingestion.concurrency]);
        }
        rows[name] = {
          rps: median(runs.map((x) => x.responses.rps)),
          p50: median(runs.map((x) => x.responses.p50)),
          p99: median(runs.map((x) => x.responses.p99)),
          noopRps: median(runs.map((x) => x.noop.rps)),
          readsPerSecond: reader ? reads.length / ((ingestion.repeats * ingestion.durationMs * 2) / 1000) : null,
          readMs: reader ? median(reads) : null,
        };
        log(`under load (${mode}): ${name}: ${rows[name].rps.toFixed(0)} req/s, p99 ${rows[name].p99.toFixed(0)} ms`);
      }
      rows.integrity = await checkAccepted(await w.db(), ingestWorld.site.id, accepted);
      results.underLoad[mode] = rows;
    } finally {
      await w.dispose();
    }
  }
  return results;
}

/** A dashboard reading in a loop, one request at a time, until told to stop (bounded by the load's duration). */
async function readLoop(base, req, stopped, out) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: 1 });
  const deadline = Date.now() + 120_000;
  while (!stopped() && Date.now() < deadline) {
    const t0 = performance.now();
    const res = await send(agent, base + req.path, req);
    // A failed read (a connection dropped during a long scan) is counted, not fatal: the load goes on.
    if (res.status === 200) out.push(performance.now() - t0);
    else out.failed = (out.failed ?? 0) + 1;
  }
  agent.destroy();
}
