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

/**
 * A prototype measured beside the shipped code, never shipped by the benchmark: the site and
 * survey lookups of POST /v1/responses answered from an in-isolate cache for 30 s (the
 * ARCHITECTURE.md proposal), applied to the bundle only by rewriting two exports.
 */
const configCachePlugin = {
  name: "bench-config-cache",
  setup(b) {
    b.onLoad({ filter: /worker[\\/]src[\\/]db[\\/](sites|surveys)\.ts$/ }, async (args) => {
      let src = readFileSync(args.path, "utf8");
      const wrap = (name) => {
        src = src.replace(`export const ${name} = `, `const ${name}__uncached = `);
        src += `
const ${name}__cache = new Map<string, { at: number; value: unknown }>();
export const ${name} = (async (db: D1Database, ...key: string[]) => {
  const k = key.join("\u0000");
  const hit = ${name}__cache.get(k);
  if (hit && Date.now() - hit.at < 30_000) return hit.value;
  const value = await (${name}__uncached as any)(db, ...key);
  if (${name}__cache.size > 10_000) ${name}__cache.clear();
  ${name}__cache.set(k, { at: Date.now(), value });
  return value;
}) as typeof ${name}__uncached;
`;
      };
      if (args.path.endsWith("sites.ts")) wrap("findSiteByKey");
      else wrap("findSurvey");
      return { contents: src, loader: "ts" };
    });
  },
};

/** Bundles worker/src/index.ts into one ES module; returns its path. `variant: "config-cache"` adds the prototype above. */
export async function bundleWorker(outDir, { variant } = {}) {
  const outfile = join(outDir, variant ? `worker-${variant}.mjs` : "worker.mjs");
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
    plugins: variant === "config-cache" ? [configCachePlugin] : [],
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

/** Starts the worker in workerd; `mode` is INGEST_MODE ("direct" | "queue"). */
export async function startWorker({ scriptPath, persistDir, mode = "direct" }) {
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    // As `wrangler dev` does: a date newer than this workerd knows runs on its newest date.
    compatibilityDate: Math.min(COMPAT_DATE, supportedCompatibilityDate),
    compatibilityFlags: ["nodejs_compat"],
    host: "127.0.0.1",
    port: 0,
    d1Databases: { DB: DATABASE_ID },
    d1Persist: join(persistDir, "v3", "d1"),
    queueProducers: { INGEST_QUEUE: "feedback-ingest", ALERT_QUEUE: "feedback-alerts" },
    queueConsumers: { "feedback-ingest": { maxBatchSize: 100, maxBatchTimeout: 1, maxRetries: 10 } },
    ...(process.env.BENCH_NO_RL
      ? {}
      : { ratelimits: { PUBLIC_RATE_LIMITER: { namespace_id: "1001", simple: { limit: 120, period: 60 } } } }),
    bindings: { INGEST_MODE: mode, ENVIRONMENT: "bench", RATE_LIMIT_SECRET: "bench-secret" },
    log: undefined,
  });
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return { mf, url, db: () => mf.getD1Database("DB"), dispose: () => mf.dispose() };
}
