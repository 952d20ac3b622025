/**
 * The npm registry reachable here does not serve workerd's macOS and Windows binaries, so
 * `npm install` leaves their (optional, never installed on Linux) entries out of
 * package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds those
 * entries, matching the version of each linux-64 sibling. Run after changing dependencies:
 *   npm install && node scripts/fix-lockfile.mjs package-lock.json
 */
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const lock = JSON.parse(readFileSync(file, "utf8"));
const pk = lock.packages;
const PLATFORM = {
  "darwin-64": ["darwin", "x64"],
  "darwin-arm64": ["darwin", "arm64"],
  "linux-arm64": ["linux", "arm64"],
  "windows-64": ["win32", "x64"],
};
let added = 0;
for (const [path, entry] of Object.entries(pk)) {
  if (!path.endsWith("@cloudflare/workerd-linux-64")) continue;
  const dir = path.slice(0, -"workerd-linux-64".length);
  for (const [suffix, [os, cpu]] of Object.entries(PLATFORM)) {
    const target = `${dir}workerd-${suffix}`;
    if (pk[target]?.version === entry.version) continue;
    pk[target] = {
      version: entry.version,
      cpu: [cpu],
      dev: true,
      license: "Apache-2.0",
      optional: true,
      os: [os],
      engines: { node: ">=16" },
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pk).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} entries`);
