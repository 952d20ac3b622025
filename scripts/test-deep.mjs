/**
 * `npm run test:deep`: the property tests of POST /v1/responses and POST /v1/events with FUZZ_RUNS
 * cases in all (10,000 unless set; `npm test` runs 2,300), for a release. Records the result in
 * BENCHMARKS.md's "Deep fuzzing" section (kept there by `npm run bench`), and fails when they fail.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withSection } from "./lib/benchmarks-sections.mjs";
import { ROOT } from "./lib/stack.mjs";

const FILES = ["tests/worker/fuzz.test.ts", "tests/worker/fuzz-v2.test.ts"];
const runs = process.env.FUZZ_RUNS ?? "10000";
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--project", "worker", ...FILES],
  { cwd: ROOT, env: { ...process.env, FUZZ_RUNS: runs, NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 64 << 20 },
);
const output = `${run.stdout}\n${run.stderr}`;
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
const seconds = Math.round((Date.now() - started) / 1000);
const results = [...output.matchAll(/^fuzz-result (\{.*\})$/gm)].map((m) => JSON.parse(m[1]));
const tests = /Tests\s+(.*\(\d+\))/.exec(output)?.[1]?.trim() ?? "no summary";
const passed = run.status === 0;
const git = (args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout.trim();
const n = (x) => x.toLocaleString("en-US");
const total = (key) => n(results.reduce((sum, r) => sum + r[key], 0));

const WHAT = {
  jsonValues: "any JSON value as the body (JSON, text/plain and form content types)",
  strings: "any string as the body, binary included",
  mutatedBodies: "a valid answer with up to 3 fields set, dropped or added (answers, consent, prototype keys…)",
  partsLogicVersions:
    "1–4 parts under one id: logic paths, versions (one that never existed too), changed or removed answers",
  events: "POST /v1/events bodies: unknown sites and surveys, versions, events and channels",
};

const commit = git(["rev-parse", "--short", "HEAD"]);
const body = `## Deep fuzzing (\`npm run test:deep\`)

Written by \`npm run test:deep\` (scripts/test-deep.mjs) on ${new Date().toISOString().slice(0, 10)} at
commit \`${commit}\`: FUZZ_RUNS=${n(Number(runs))}, ${seconds} s (\`npm test\` runs the same properties with
2,300 cases). Every case must answer below 500 in the error envelope, change no row after a 4xx, answer 201
only for a new id, keep every stored answer unchanged and never keep an answer its path skips.

**Result: ${passed ? "passed" : "FAILED"}** (tests: ${tests}), ${total("runs")} cases, ${total("requests")} requests.

| property | cases | requests |
|---|---|---|
${results.map((r) => `| ${WHAT[r.property] ?? r.property} | ${n(r.runs)} | ${n(r.requests)} |`).join("\n")}
`;

const file = join(ROOT, "BENCHMARKS.md");
writeFileSync(file, withSection(readFileSync(file, "utf8"), "test-deep", body));
console.log(`test:deep ${passed ? "passed" : "FAILED"}: ${total("requests")} requests; BENCHMARKS.md updated`);
process.exit(passed ? 0 : 1);
