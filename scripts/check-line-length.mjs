/**
 * Part of `npm run lint`: no source line over 120 characters (Biome's formatter keeps code within
 * its width, but not the strings, comments and SQL it cannot break). Tracked files only.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 120;
const SOURCE = /\.(ts|tsx|mjs|js|css|sql|html)$/;
const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => SOURCE.test(f) && !f.startsWith("dist/"));
const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed but deleted in the working tree
  }
  text.split("\n").forEach((line, i) => {
    if ([...line].length > MAX) long.push(`${file}:${i + 1}: ${[...line].length} characters`);
  });
}
if (long.length) {
  console.error(`${long.length} source lines over ${MAX} characters:\n${long.join("\n")}`);
  process.exit(1);
}
console.log(`line length: ${files.length} source files, every line within ${MAX} characters`);
