/**
 * `npm run docs:api`: writes docs/API.md from worker/src/openapi (made from the zod schemas of shared/).
 * The TypeScript is bundled with esbuild first, since Node does not resolve its extensionless imports.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "./lib/stack.mjs";

const dir = mkdtempSync(join(tmpdir(), "api-docs-"));
try {
  const outfile = join(dir, "markdown.mjs");
  await build({
    entryPoints: [join(ROOT, "worker", "src", "openapi", "markdown.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "error",
  });
  const { apiMarkdown } = await import(pathToFileURL(outfile).href);
  writeFileSync(join(ROOT, "docs", "API.md"), apiMarkdown());
  console.log("docs/API.md written");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
