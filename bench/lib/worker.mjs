/**
 * The collector in workerd through Miniflare's own API (no `wrangler dev` proxy hop):
 * the worker bundled with esbuild, D1 persisted in a folder that `wrangler d1 migrations
 * apply` prepared, the ingest queue with the consumer settings of wrangler.toml, and the
 * public rate limiter (requests carry distinct `cf-connecting-ip` headers).
 */

import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { Miniflare, supportedCompatibilityDate } from "miniflare";
import { applyMigrations, ROOT } from "../../scripts/lib/stack.mjs";

const DATABASE_ID = /database_id\s*=\s*"([^"]+)"/.exec(readFileSync(join(ROOT, "wrangler.toml"), "utf8"))[1];
const COMPAT_DATE = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync(join(ROOT, "wrangler.toml"), "utf8"))[1];

/** Bundles worker/src/index.ts into one ES module; returns its path. */
export async function bundleWorker(outDir) {
  const outfile = join(outDir, "worker.mjs");
  await build({
    entryPoints: [join(ROOT, "worker", "src", "index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser", "import"],
    mainFields: ["module", "main"],
    external: ["node:*", "cloudflare:*"],
    outfile,
    logLevel: "error",
  });
  return outfile;
}

/** A folder holding a migrated, empty D1 database; copy it to start from scratch. */
export function migratedTemplate() {
  const dir = mkdtempSync(join(tmpdir(), "bench-d1-"));
  applyMigrations(dir);
  return dir;
}

export function copyDatabase(template) {
  const dir = mkdtempSync(join(tmpdir(), "bench-d1-"));
  cpSync(template, dir, { recursive: true });
  return dir;
}

/**
 * Starts the worker in workerd; `mode` is INGEST_MODE ("direct" | "queue"). `consumer: false` leaves
 * the ingest queue without its consumer (the route measured alone; what it queues is never written).
 */
export async function startWorker({ scriptPath, persistDir, mode = "direct", consumer = true }) {
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    // As `wrangler dev` does: a date newer than this workerd knows runs on its newest date. The
    // earlier of two YYYY-MM-DD strings (Math.min would turn them into NaN).
    compatibilityDate: [COMPAT_DATE, supportedCompatibilityDate].sort()[0],
    compatibilityFlags: ["nodejs_compat"],
    host: "127.0.0.1",
    port: 0,
    d1Databases: { DB: DATABASE_ID },
    d1Persist: join(persistDir, "v3", "d1"),
    queueProducers: { INGEST_QUEUE: "feedback-ingest", ALERT_QUEUE: "feedback-alerts" },
    queueConsumers: consumer ? { "feedback-ingest": { maxBatchSize: 100, maxBatchTimeout: 1, maxRetries: 10 } } : {},
    ...(process.env.BENCH_NO_RL
      ? {}
      : { ratelimits: { PUBLIC_RATE_LIMITER: { namespace_id: "1001", simple: { limit: 120, period: 60 } } } }),
    bindings: { INGEST_MODE: mode, ENVIRONMENT: "bench", RATE_LIMIT_SECRET: "bench-secret", SIGNUP: "open" },
    log: undefined,
  });
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return { mf, url, db: () => mf.getD1Database("DB"), dispose: () => mf.dispose() };
}
