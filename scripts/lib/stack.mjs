/**
 * The local stack used by `npm run dev`, the browser tests and the benchmarks:
 * D1 migrations applied to a local persistence folder, `wrangler dev` serving the
 * collector + widget + dashboard, and a demo shop on a second origin (real CORS)
 * sent with a strict Content-Security-Policy.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Run wrangler's JS entry with this very Node (22 under `npm run`): its shebang would pick
// whatever `node` is first on PATH, and wrangler refuses Node 20.
const WRANGLER_JS = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

/**
 * A free TCP port on loopback, drawn at random below the kernel's ephemeral range (32768 up): the
 * ports other programs get by binding port 0 (browsers, workerd, test runners) never land there,
 * so a port found free stays free while `wrangler dev` takes seconds to bind it.
 */
export async function freePort() {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise((resolve) => {
      const srv = net.createServer();
      srv.unref();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

function wrangler(args, opts = {}) {
  return execFileSync(process.execPath, [WRANGLER_JS, ...args], {
    cwd: ROOT,
    stdio: opts.quiet ? "pipe" : "inherit",
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
  });
}

/** Applies every migration of worker/migrations to the local D1 in `persistDir`. */
export function applyMigrations(persistDir, quiet = true) {
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], { quiet });
}

/** Runs a SQL file against the local D1 in `persistDir`. */
export function executeSqlFile(persistDir, file, quiet = true) {
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file], { quiet });
}

async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${url}`);
}

/** Starts `wrangler dev` on loopback; resolves once it answers. */
export async function startCollector({ port, persistDir, vars = {}, quiet = true }) {
  const args = [
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistDir,
    "--log-level",
    quiet ? "error" : "info",
    "--show-interactive-dev-session=false",
  ];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(process.execPath, [WRANGLER_JS, ...args], {
    cwd: ROOT,
    stdio: ["ignore", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    detached: process.platform !== "win32",
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child);
    // An answer from another process on the port this one could not take is not ours.
    if (/EADDRINUSE|address already in use/i.test(output)) throw new Error(`port ${port}: address already in use`);
  } catch (err) {
    stopChild(child);
    throw new Error(`${err.message}\n${output.slice(-4000)}`);
  }
  return { url, child, output: () => output };
}

function stopChild(child) {
  if (child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * The demo shop: static pages from demo/shop on their own origin. `{{COLLECTOR}}`, `{{SITE_KEY}}`
 * and `{{SURVEY_ID}}` (the survey drawn in place on the order page) in the HTML are replaced;
 * `?site=KEY` and `?survey=ID` on any page override them (tests create their own sites). Sent with
 * the strict CSP of the widget issue.
 */
export async function startShop({ port, collectorUrl, siteKey = "", surveyId = "", csp = true }) {
  const dir = join(ROOT, "demo", "shop");
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
      if (path.endsWith("/")) path += "index.html";
      let file = join(dir, path);
      if (!existsSync(file) && !extname(file)) file = `${file}.html`;
      if (!file.startsWith(dir) || !existsSync(file)) file = join(dir, "index.html");
      let body = await readFile(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      if (type.startsWith("text/html")) {
        const key = url.searchParams.get("site") ?? siteKey;
        const survey = (url.searchParams.get("survey") ?? surveyId).replace(/[^\w-]/g, "");
        const locale = url.searchParams.get("locale");
        let html = body
          .toString("utf8")
          .replaceAll("{{COLLECTOR}}", collectorUrl)
          .replaceAll("{{SITE_KEY}}", key)
          .replaceAll("{{SURVEY_ID}}", survey);
        if (locale) html = html.replace(/<html lang="[^"]*"/, `<html lang="${locale.replace(/[^A-Za-z-]/g, "")}"`);
        body = Buffer.from(html);
        if (csp) {
          res.setHeader(
            "Content-Security-Policy",
            `default-src 'self'; script-src 'self' ${collectorUrl}; style-src 'self' ${collectorUrl}; ` +
              `connect-src ${collectorUrl}; img-src 'self' data:; frame-ancestors 'none'`,
          );
        }
      }
      res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" });
      res.end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Everything at once. `seed: true` loads the demo owner, site, survey and responses.
 * Returns the URLs, the demo data (when seeded) and `stop()`.
 */
export async function startStack(options = {}) {
  // A port found free may be taken by another process before the server binds it (two test runs
  // on one machine): the stack then starts again on other ports, from a new database.
  const fixed = options.port || options.shopPort || options.persistDir;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOnce(options);
    } catch (err) {
      if (fixed || attempt === 3 || !/EADDRINUSE|exited with code|address already in use/i.test(String(err))) throw err;
      console.error(`stack: start failed (${String(err?.message ?? err).split("\n")[0]}), trying other ports`);
    }
  }
}

async function startStackOnce(options) {
  const persistDir = options.persistDir ?? (await mkdtemp(join(tmpdir(), "feedback-d1-")));
  const port = options.port ?? (await freePort());
  const shopPort = options.shopPort ?? (await freePort());
  applyMigrations(persistDir, options.quiet ?? true);
  let demo = null;
  if (options.seed) {
    const { writeSeedSql } = await import("./seed.mjs");
    const seeded = await writeSeedSql(persistDir, {
      shopOrigin: `http://127.0.0.1:${shopPort}`,
      extraOrigins: options.extraOrigins ?? [],
    });
    if (seeded.file) executeSqlFile(persistDir, seeded.file, options.quiet ?? true);
    demo = seeded.demo;
  }
  // Local stacks let anyone sign up (deployed collectors default to sign-up by invitation).
  const vars = { SIGNUP: "open", ...options.vars };
  const collector = await startCollector({ port, persistDir, vars, quiet: options.quiet ?? true });
  const shop = await startShop({
    port: shopPort,
    collectorUrl: collector.url,
    siteKey: demo?.siteKey ?? "",
    surveyId: demo?.surveyId ?? "",
    csp: options.csp ?? true,
  }).catch((err) => {
    stopChild(collector.child);
    throw err;
  });
  return {
    collectorUrl: collector.url,
    shopUrl: shop.url,
    persistDir,
    demo,
    logs: collector.output,
    async stop() {
      await shop.close();
      stopChild(collector.child);
    },
  };
}
