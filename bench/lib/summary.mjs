/**
 * Summary latency by volume: one site per size (10 thousand, 100 thousand, 1 million answers over a
 * year) in ONE database, filled as the collector would have (bench/lib/fill.mjs); the summaries of
 * the sizes are then read in rounds, in a shuffled order each round, so that neither warm-up nor the
 * database's size favours one of them. Also: the plan of every statement of the unfiltered summary
 * at the biggest size, the per-channel summary, and the bounded views over raw answers.
 */
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "../../scripts/lib/stack.mjs";
import { ANSWERS_PER_RESPONSE, fill, fillEvents, YEAR } from "./fill.mjs";
import { median, percentile, send } from "./load.mjs";
import { ownerWorld, SUMMARY_SURVEY } from "./owner.mjs";

/** Bytes of the SQLite files of the persisted D1 (database + WAL). */
export function databaseBytes(persistDir) {
  const dir = join(persistDir, "v3", "d1", "miniflare-D1DatabaseObject");
  try {
    return readdirSync(dir)
      .filter((f) => /\.sqlite(-wal)?$/.test(f))
      .reduce((a, f) => a + statSync(join(dir, f)).size, 0);
  } catch {
    return null;
  }
}

/** Every statement of the unfiltered summary, taken from the worker's own module. */
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
  return (await import(pathToFileURL(outfile).href)).AGGREGATE_SQL;
}

/** A small seeded PRNG (mulberry32): the shuffled order is the same from run to run. */
function shuffler(seed) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (xs) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
}

/** GET as the owner; returns the time and the parsed body. */
async function timedGet(base, world, path) {
  const t0 = performance.now();
  const res = await send(undefined, base + path, { method: "GET", headers: { cookie: world.cookie } });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.slice(0, 200)}`);
  return { ms, body: JSON.parse(res.body) };
}

export const summaryPath = (siteId, extra = "") =>
  `/api/sites/${siteId}/summary?from=${YEAR.from}&to=${YEAR.to}&interval=month${extra}`;

/**
 * Fills the sites (smallest first), then measures. `rounds` × `perRound` unfiltered (and per-channel)
 * reads per size; the filtered one (bounded) once per round in the first `filteredRounds` rounds.
 */
export async function measureSummary({ w, persistDir, sizes, rounds, perRound, filteredRounds, log }) {
  const db = await w.db();
  const sites = [];
  for (const [k, answers] of sizes.entries()) {
    const world = await ownerWorld(w.url, { survey: SUMMARY_SURVEY });
    const responses = Math.round(answers / ANSWERS_PER_RESPONSE);
    const t0 = Date.now();
    const target = { site: world.site.id, survey: world.survey.id, tag: `b${k}` };
    await fill(db, target, 0, responses);
    await fillEvents(db, target, (responses * 3) / 365);
    const fillSeconds = (Date.now() - t0) / 1000;
    log(`summary: filled ${answers.toLocaleString("en")} answers in ${fillSeconds.toFixed(0)} s`);
    sites.push({ answers, responses, world, fillSeconds, unfiltered: [], channel: [], filtered: [] });
  }
  const shuffle = shuffler(20261122);
  for (const s of sites) for (let i = 0; i < 3; i++) await timedGet(w.url, s.world, summaryPath(s.world.site.id));
  const orders = [];
  for (let r = 0; r < rounds; r++) {
    const order = shuffle(sites);
    orders.push(order.map((s) => s.answers));
    for (const s of order) {
      for (let i = 0; i < perRound; i++) {
        s.unfiltered.push((await timedGet(w.url, s.world, summaryPath(s.world.site.id))).ms);
        s.channel.push((await timedGet(w.url, s.world, summaryPath(s.world.site.id, "&channel=email"))).ms);
      }
      if (r < filteredRounds) {
        const f = await timedGet(w.url, s.world, summaryPath(s.world.site.id, "&locale=en"));
        s.filtered.push({ ms: f.ms, partial: f.body.partial === true, coveredFrom: f.body.coveredFrom ?? null });
      }
    }
  }
  const rows = [];
  for (const s of sites) {
    const check = (await timedGet(w.url, s.world, summaryPath(s.world.site.id))).body;
    const email = (await timedGet(w.url, s.world, summaryPath(s.world.site.id, "&channel=email"))).body;
    const sorted = [...s.unfiltered].sort((a, b) => a - b);
    const lastFiltered = s.filtered[s.filtered.length - 1];
    rows.push({
      answers: s.answers,
      responses: s.responses,
      fillSeconds: s.fillSeconds,
      summaryMs: median(s.unfiltered),
      summaryP90Ms: percentile(sorted, 90),
      channelMs: median(s.channel),
      filteredMs: median(s.filtered.map((x) => x.ms)),
      filteredPartial: s.filtered.filter((x) => x.partial).length,
      filteredReads: s.filtered.length,
      filteredCoveredFrom: lastFiltered?.coveredFrom ?? null,
      samples: s.unfiltered.length,
      reported: {
        responses: check.responses,
        nps: check.nps?.count,
        funnelShown: check.funnel?.shown,
        funnelQuestions: check.funnel?.questions?.length,
        choiceAnswers: check.questions?.find((q) => q.id === "pick")?.count,
        emailResponses: email.responses,
      },
    });
    log(
      `summary: ${s.answers.toLocaleString("en")} answers: ${median(s.unfiltered).toFixed(1)} ms, by channel ` +
        `${median(s.channel).toFixed(1)} ms, filtered ${rows.at(-1).filteredMs?.toFixed(0)} ms ` +
        `(${rows.at(-1).filteredPartial}/${s.filtered.length} partial)`,
    );
  }
  const biggest = sites[sites.length - 1];
  return {
    sizes: rows,
    orders,
    databaseBytes: databaseBytes(persistDir),
    plan: await plans(db, biggest.world.site.id),
    dashboardWorld: biggest.world,
  };
}

/** EXPLAIN QUERY PLAN of every statement of the unfiltered summary, and whether any reads raw answers. */
async function plans(db, siteId) {
  const sql = await summarySql();
  const params = [siteId, YEAR.from, YEAR.to, null, null];
  const statements = {};
  for (const [name, text] of Object.entries(sql)) {
    const plan = (
      await db
        .prepare(`EXPLAIN QUERY PLAN ${text}`)
        .bind(...params)
        .all()
    ).results.map((r) => r.detail);
    const rows = (
      await db
        .prepare(text)
        .bind(...params)
        .all()
    ).results.length;
    statements[name] = { sql: text.replace(/\s+/g, " ").trim(), plan, rows };
  }
  const details = Object.values(statements).flatMap((s) => s.plan);
  return {
    statements,
    noAnswersScan: details.every((d) => !/\b(answers|responses)\b/.test(d.replace(/daily_\w+/g, ""))),
    // The temporary B-trees sort what the statements return: at most days × types (or questions, options).
    sortedRows: Math.max(...Object.values(statements).map((s) => s.rows)),
  };
}
