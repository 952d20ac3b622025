/**
 * Ingestion: POST /v1/responses and POST /v1/events against POST /v1/noop of the same worker (the
 * same middleware: request id, security headers, public rate limit), at 10 and 50 concurrent
 * clients, in workerd through Miniflare's API; then every accepted id is looked up in D1: nothing
 * lost, nothing doubled. In queue mode the consumer's backlog is drained before every run, so no
 * run (the no-op ceiling least of all) shares the machine with the previous run's writes; the modes
 * take their rounds in turn, so that none is measured in a quieter stretch of the machine than another.
 */
import { median, runLoad } from "./load.mjs";
import { eventRequest, noopRequest, ownerWorld, responseRequest } from "./owner.mjs";
import { startWorker } from "./worker.mjs";

const ANSWERS_PER_RESPONSE = 3;
const SCORED_PER_RESPONSE = 2;
const ACCEPTED = new Set([201, 202]);

/** A load's `onResponse` that keeps the id of every accepted answer in `accepted`. */
export const keepAccepted = (accepted) => (req, res) => {
  if (ACCEPTED.has(res.status)) accepted.push(JSON.parse(req.body).id);
};

/** First requests compile the code paths, open the database and fill the isolate's cache. */
export async function warmUp(base, world, accepted, concurrency = 4) {
  await runLoad({ base, concurrency: 4, durationMs: 500, make: (i) => noopRequest(i, 249) });
  await runLoad({
    base,
    concurrency,
    durationMs: 1000,
    make: (i) => responseRequest(world, i, 248),
    onResponse: keepAccepted(accepted),
  });
}

const responsesOf = async (db, siteId) =>
  Number((await db.prepare("SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1").bind(siteId).first()).n);

/**
 * Waits (bounded) until every accepted response of the site is written: the queue is then empty.
 * Returns the seconds it took, or null when there was nothing to wait for.
 */
export async function drain(db, siteId, accepted, { waitMs = 120_000 } = {}) {
  if (!db) return null;
  const t0 = Date.now();
  let stored = await responsesOf(db, siteId);
  if (stored >= accepted.length) return null;
  while (stored < accepted.length && Date.now() - t0 < waitMs) {
    await new Promise((r) => setTimeout(r, 100));
    stored = await responsesOf(db, siteId);
  }
  return (Date.now() - t0) / 1000;
}

/**
 * Interleaved runs (noop, responses, events, noop, …) so drift of the machine hits all alike; each
 * starts from a quiet state (a target's `db` given: queue mode, drained first). Several targets (the
 * modes of the worker) take their rounds in turn, the order rotated each round, so that every mode's
 * runs, and the no-op runs of all of them that make one ceiling, come from the same minutes of a
 * shared machine. The consumer's rate is the answers a run accepted over the time from its start
 * until they were all written. Targets: `{ name, base, world, accepted, db, runTag }`.
 */
export async function measureSideBySide({ targets, concurrencies, repeats, durationMs }) {
  const out = Object.fromEntries(targets.map((t) => [t.name, {}]));
  for (const c of concurrencies) {
    const runs = targets.map(() => ({ noop: [], resp: [], events: [], consumer: [] }));
    for (let r = 0; r < repeats; r++) {
      for (let k = 0; k < targets.length; k++) {
        const at = (k + r) % targets.length;
        const { base, world, accepted, db, runTag } = targets[at];
        const x = runs[at];
        const run = runTag + r * 10 + c;
        await drain(db, world.site.id, accepted);
        x.noop.push(await runLoad({ base, concurrency: c, durationMs, make: (i) => noopRequest(i, run) }));
        const before = accepted.length;
        const t0 = Date.now();
        x.resp.push(
          await runLoad({
            base,
            concurrency: c,
            durationMs,
            make: (i) => responseRequest(world, i, run),
            onResponse: keepAccepted(accepted),
          }),
        );
        const drained = await drain(db, world.site.id, accepted);
        if (db) {
          const seconds = (Date.now() - t0) / 1000;
          x.consumer.push({ rps: (accepted.length - before) / seconds, drainSeconds: drained ?? 0 });
        }
        x.events.push(
          await runLoad({ base, concurrency: c, durationMs, make: (i) => eventRequest(world, i, run + 5) }),
        );
      }
    }
    targets.forEach((t, at) => {
      const x = runs[at];
      out[t.name][c] = { noop: summarize(x.noop), responses: summarize(x.resp), events: summarize(x.events) };
      out[t.name][c].consumer = x.consumer.length
        ? { rps: median(x.consumer.map((y) => y.rps)), drainSeconds: median(x.consumer.map((y) => y.drainSeconds)) }
        : null;
    });
  }
  return out;
}

/** One target's rounds (`db` given: queue mode, drained before each run). */
export async function measureRoutes({ base, world, concurrencies, repeats, durationMs, runTag, accepted, db }) {
  const target = { name: "routes", base, world, accepted, db, runTag };
  return (await measureSideBySide({ targets: [target], concurrencies, repeats, durationMs })).routes;
}

export function summarize(runs) {
  const statuses = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    runs: runs.map((r) => Math.round(r.rps)),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    statuses,
  };
}

/** Counts in D1 for the accepted ids; in queue mode waits (bounded) for the consumer to drain. */
export async function checkAccepted(db, siteId, accepted, { waitMs = 120_000 } = {}) {
  await drain(db, siteId, accepted, { waitMs });
  const stored = await responsesOf(db, siteId);
  const unique = [...new Set(accepted)];
  // In chunks: one JSON array of every id of a long run is over SQLite's length limit (SQLITE_TOOBIG).
  let found = 0;
  for (let i = 0; i < unique.length; i += 10_000) {
    const ids = JSON.stringify(unique.slice(i, i + 10_000));
    const sql = "SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1 AND id IN (SELECT value FROM json_each(?2))";
    found += Number((await db.prepare(sql).bind(siteId, ids).first()).n);
  }
  const count = async (sql) => Number((await db.prepare(sql).bind(siteId).first()).n);
  // Through the site's responses: answers have no index by site (their responses' deletion takes them).
  const answers = await count(
    "SELECT COUNT(*) AS n FROM responses r JOIN answers a ON a.response_id = r.id WHERE r.site_id = ?1",
  );
  const daily = await count("SELECT COALESCE(SUM(count), 0) AS n FROM daily_responses WHERE site_id = ?1");
  const aggregated = await count("SELECT COALESCE(SUM(count), 0) AS n FROM daily_aggregates WHERE site_id = ?1");
  const dropped = await count("SELECT COUNT(*) AS n FROM ingest_drops WHERE site_id = ?1");
  const ok =
    unique.length === accepted.length &&
    stored === accepted.length &&
    found === accepted.length &&
    answers === accepted.length * ANSWERS_PER_RESPONSE &&
    daily === accepted.length &&
    aggregated === accepted.length * SCORED_PER_RESPONSE &&
    dropped === 0;
  return {
    accepted: accepted.length,
    stored,
    acceptedFound: found,
    lost: accepted.length - found,
    doubled: Math.max(0, stored - found),
    answers,
    expectedAnswers: accepted.length * ANSWERS_PER_RESPONSE,
    dailyResponses: daily,
    aggregatedAnswers: aggregated,
    dropped,
    ok,
  };
}

/**
 * The modes of the worker side by side: each started on its own database, warmed up, measured in
 * turns (measureSideBySide), its database checked, stopped. `consumer: false` (queue mode) measures
 * the route alone, as when the consumer runs on other machines: nothing is written, so there is
 * nothing to check. Variants: `[name, mode, consumer]`; returns `{ [name]: { mode, routes, integrity } }`.
 */
export async function ingestionSideBySide({ scriptPath, persistDir, variants, concurrencies, repeats, durationMs }) {
  const targets = [];
  try {
    for (const [k, [name, mode, consumer]] of variants.entries()) {
      const w = await startWorker({ scriptPath, persistDir: persistDir(), mode, consumer });
      const world = await ownerWorld(w.url);
      const database = await w.db();
      const accepted = [];
      // `db`: only a queue with its consumer has a backlog to drain before each run.
      const db = mode === "queue" && consumer ? database : null;
      targets.push({ name, mode, consumer, w, base: w.url, world, accepted, database, db, runTag: (k + 1) * 40 });
      await warmUp(w.url, world, accepted);
    }
    const routes = await measureSideBySide({ targets, concurrencies, repeats, durationMs });
    const out = {};
    for (const t of targets) {
      const integrity = t.consumer ? await checkAccepted(t.database, t.world.site.id, t.accepted) : null;
      out[t.name] = { mode: t.mode, routes: routes[t.name], integrity };
    }
    return out;
  } finally {
    for (const t of targets) await t.w.dispose();
  }
}

/**
 * One ceiling for every mode: per concurrency, the median of the no-op runs of all modes (each
 * measured from a quiet state); every route's ratio is taken against it.
 */
export function applyCeiling(ingestion) {
  const modes = Object.values(ingestion).filter((m) => m?.routes);
  const ceiling = {};
  for (const c of Object.keys(modes[0]?.routes ?? {})) {
    ceiling[c] = median(modes.flatMap((m) => m.routes[c].noop.runs));
    for (const m of modes) {
      const x = m.routes[c];
      x.ratio = x.responses.rps / ceiling[c];
      x.eventsRatio = x.events.rps / ceiling[c];
      if (x.consumer) x.consumer.ratio = x.consumer.rps / ceiling[c];
    }
  }
  return ceiling;
}
