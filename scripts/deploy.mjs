/**
 * `npm run deploy`: first time, creates the D1 database (optionally in the EU jurisdiction)
 * and the queues, writes the database id into wrangler.toml; every time, builds, applies
 * migrations remotely and deploys. Needs `wrangler login` (or CLOUDFLARE_API_TOKEN).
 *
 *   D1_JURISDICTION=eu npm run deploy   # EU data location, only possible at creation
 */
import { execFileSync, execSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/stack.mjs";

const WRANGLER_JS = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const wrangler = (args, opts = {}) =>
  execFileSync(process.execPath, [WRANGLER_JS, ...args], {
    cwd: ROOT,
    stdio: opts.capture ? "pipe" : "inherit",
    encoding: "utf8",
  });
const PLACEHOLDER = "00000000-0000-0000-0000-000000000000";
const tomlPath = join(ROOT, "wrangler.toml");
let toml = readFileSync(tomlPath, "utf8");

if (toml.includes(PLACEHOLDER)) {
  console.log("Creating the D1 database 'feedback'…");
  const args = ["d1", "create", "feedback"];
  if (process.env.D1_JURISDICTION) args.push("--jurisdiction", process.env.D1_JURISDICTION);
  const out = wrangler(args, { capture: true });
  const id = out.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)?.[0];
  if (!id) throw new Error(`could not read the database id from:\n${out}`);
  toml = toml.replace(PLACEHOLDER, id);
  writeFileSync(tomlPath, toml);
  console.log(`database_id ${id} written to wrangler.toml (commit it).`);
  for (const queue of ["feedback-ingest", "feedback-ingest-dlq", "feedback-alerts", "feedback-alerts-dlq"]) {
    try {
      wrangler(["queues", "create", queue]);
    } catch {
      console.log(`(queue ${queue} exists already)`);
    }
  }
}

execSync("npm run build", { cwd: ROOT, stdio: "inherit" });
wrangler(["d1", "migrations", "apply", "DB", "--remote"]);
wrangler(["deploy", "--var", "ENVIRONMENT:production"]);
