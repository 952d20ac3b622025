import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { minify } from "terser";

const entry = process.argv[2] ?? "widget/src/ui.tsx";
const r = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  write: false,
  format: "iife",
  target: ["es2022"],
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "none",
  define: { __HASHES__: "{}", __SRI__: "false" },
});
const { code } = await minify(r.outputFiles[0].text, {
  ecma: 2020,
  toplevel: true,
  compress: { passes: 2, pure_getters: true },
  mangle: process.env.MP ? { properties: { regex: new RegExp(process.env.MP) } } : true,
  format: { comments: false },
});
console.log(code.length, gzipSync(code, { level: 9 }).length);
