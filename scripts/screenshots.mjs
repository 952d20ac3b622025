/**
 * `npm run screenshots`: runs the browser tests (which save their screenshots into the ignored
 * test-results/screenshots) and copies every picture the README shows into docs/screenshots.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/stack.mjs";

const from = join(ROOT, "test-results", "screenshots");
const to = join(ROOT, "docs", "screenshots");
if (!process.argv.includes("--no-run")) {
  execFileSync(process.execPath, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--project", "e2e"], {
    cwd: ROOT,
    stdio: "inherit",
  });
}
const shown = [...readFileSync(join(ROOT, "README.md"), "utf8").matchAll(/docs\/screenshots\/([\w.-]+\.png)/g)].map(
  (m) => m[1],
);
const missing = [];
for (const name of new Set(shown)) {
  if (existsSync(join(from, name))) copyFileSync(join(from, name), join(to, name));
  else missing.push(name);
}
console.log(`copied ${new Set(shown).size - missing.length} screenshots into docs/screenshots`);
if (missing.length) {
  console.error(`no test made: ${missing.join(", ")}`);
  process.exitCode = 1;
}
