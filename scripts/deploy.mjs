/**
 * `npm run deploy`: first time, creates the D1 database (optionally in the EU jurisdiction)
 * and the queues, writes the database id into wrangler.toml, and sets a random RATE_LIMIT_SECRET
 * (the key of the rate limits' daily salt) once; every time, builds, applies migrations remotely and
 * deploys with sign-up by invitation. Needs `wrangler login` (or CLOUDFLARE_API_TOKEN).
 *
 *   D1_JURISDICTION=eu npm run deploy   # EU data location, only possible at creation
 *   SIGNUP=open npm run deploy          # anyone may sign up (default: the first account, then by invitation)
 */
import { execFileSync, execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/stack.mjs";

const WRANGLER_JS = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const wrangler = (args, opts = {}) =>
  execFileSync(process.execPath, [WRANGLER_JS, ...args], {
    cwd: ROOT,
    stdio: opts.input !== undefined ? ["pipe", "inherit", "inherit"] : opts.capture ? "pipe" : "inherit",
    encoding: "utf8",
    ...(opts.input !== undefined ? { input: opts.input } : {}),
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
const signup = process.env.SIGNUP === "open" ? "open" : "invite";
wrangler(["deploy", "--var", "ENVIRONMENT:production", "--var", `SIGNUP:${signup}`]);

// Rate-limit keys need one secret shared by every isolate; set once, never replaced (that would
// reset every client's count). `secret list` needs the worker to exist, hence after the deploy.
let secrets = null;
try {
  secrets = JSON.parse(wrangler(["secret", "list", "--format", "json"], { capture: true }));
} catch (err) {
  console.warn(`Could not list the worker's secrets (${err.message}); RATE_LIMIT_SECRET left as it is.`);
}
if (secrets && !secrets.some((s) => s.name === "RATE_LIMIT_SECRET")) {
  console.log("Setting RATE_LIMIT_SECRET (once)…");
  wrangler(["secret", "put", "RATE_LIMIT_SECRET"], { input: randomBytes(32).toString("base64url") });
}
