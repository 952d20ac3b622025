/**
 * Ingestion: POST /v1/responses against POST /v1/noop of the same worker, in the same run,
 * at 10 and 50 concurrent clients, in workerd through Miniflare's API; then every accepted
 * (201) id is looked up in D1: nothing lost, nothing doubled.
 */
import { median, runLoad } from "./load.mjs";
import { noopRequest, ownerWorld, responseRequest } from "./owner.mjs";
import { startWorker } from "./worker.mjs";

const ANSWERS_PER_RESPONSE = 3;
const SCORED_PER_RESPONSE = 2;

/** Interleaved runs (noop, responses, noop, …) so drift of the machine hits both alike. */
export async function measureRoutes({ base, world, concurrencies, repeats, durationMs, runTag, accepted }) {
  const out = {};
  for (const c of concurrencies) {
    const noop = [];
    const resp = [];
    for (let r = 0; r < repeats; r++) {
      const run = runTag + r * 10 + c;
      noop.push(await runLoad({ base, concurrency: c, durationMs, make: (i) => noopRequest(i, run) }));
      resp.push(
        await runLoad({
          base,
          concurrency: c,
          durationMs,
          make: (i) => responseRequest(world, i, run),
          onResponse: (req, res) => {
            if (res.status === 201) accepted.push(JSON.parse(req.body).id);
          },
        }),
      );
    }
    out[c] = { noop: summarize(noop), responses: summarize(resp) };
    out[c].ratio = out[c].responses.rps / out[c].noop.rps;
  }
  return out;
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
export async function checkAccepted(db, siteId, accepted, { waitMs = 60_000 } = {}) {
  const deadline = Date.now() + waitMs;
  const count = async () =>
    Number((await db.prepare("SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1").bind(siteId).first()).n);
  let stored = await count();
  while (stored < accepted.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    stored = await count();
  }
  const unique = new Set(accepted);
  const found = Number(
    (
      await db
        .prepare("SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1 AND id IN (SELECT value FROM json_each(?2))")
        .bind(siteId, JSON.stringify([...unique]))
        .first()
    ).n,
  );
  const answers = Number(
    (await db.prepare("SELECT COUNT(*) AS n FROM answers WHERE site_id = ?1").bind(siteId).first()).n,
  );
  const daily = Number(
    (
      await db
        .prepare("SELECT COALESCE(SUM(count), 0) AS n FROM daily_responses WHERE site_id = ?1")
        .bind(siteId)
        .first()
    ).n,
  );
  const aggregated = Number(
    (
      await db
        .prepare("SELECT COALESCE(SUM(count), 0) AS n FROM daily_aggregates WHERE site_id = ?1")
        .bind(siteId)
        .first()
    ).n,
  );
  const ok =
    unique.size === accepted.length &&
    stored === accepted.length &&
    found === accepted.length &&
    answers === accepted.length * ANSWERS_PER_RESPONSE &&
    daily === accepted.length &&
    aggregated === accepted.length * SCORED_PER_RESPONSE;
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
    ok,
  };
}

/** One mode of the worker: start it, measure, check the database, stop it. */
export async function ingestionForMode({ scriptPath, persistDir, mode, concurrencies, repeats, durationMs, runTag }) {
  const w = await startWorker({ scriptPath, persistDir, mode });
  try {
    const world = await ownerWorld(w.url);
    const accepted = [];
    // Warm-up: first requests compile the code paths and open the database.
    await runLoad({ base: w.url, concurrency: 4, durationMs: 500, make: (i) => noopRequest(i, 249) });
    const warm = [];
    await runLoad({
      base: w.url,
      concurrency: 4,
      durationMs: 700,
      make: (i) => responseRequest(world, i, 248),
      onResponse: (req, res) => res.status === 201 && warm.push(JSON.parse(req.body).id),
    });
    accepted.push(...warm);
    const routes = await measureRoutes({ base: w.url, world, concurrencies, repeats, durationMs, runTag, accepted });
    const integrity = await checkAccepted(await w.db(), world.site.id, accepted);
    return { mode, routes, integrity };
  } finally {
    await w.dispose();
  }
}
