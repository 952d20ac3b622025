/**
 * Builds the widget into dist/ (without emptying it: the dashboard is built there too):
 *   widget.js              loader (IIFE) that owners paste; short cache
 *   widget-ui.js           Preact UI + styles, fetched only when a survey is about to show
 *   widget-l10n-<xx>.js    interface strings of one locale (only the visitor's is fetched)
 *   widget-send.js         consent, outbox and erasure: fetched when a visitor agrees to answer
 *   widget-plus.js         logic, choices, stars and faces: fetched beside the UI for the surveys that need them
 *   widget.esm.js          ESM entry for bundlers: init({ site, collector, context })
 *   widget-hosted.js/.css  the hosted survey page (links, QR codes, emails): its script and its page styles
 *   *.<hash>.js            content-hashed, immutable copies; the hashed loader loads hashed files
 *   widget-manifest.json   sizes and sha384 integrity of every file, for SRI snippets
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { minify } from "terser";
import { ROOT } from "./lib/stack.mjs";

const SRC = join(ROOT, "widget", "src");
const OUT = join(ROOT, "dist");
const LOCALES = ["en", "ro", "pl", "cs", "hy", "de", "fr", "es", "ar", "he"];

/** `import css from "./x.css?inline"`: the stylesheet minified, as a string (as Vite does for the dashboard). */
const inlineCss = {
  name: "inline-css",
  setup(b) {
    b.onResolve({ filter: /\.css\?inline$/ }, (a) => ({
      path: join(a.resolveDir, a.path.replace(/\?inline$/, "")),
      namespace: "inline-css",
    }));
    b.onLoad({ filter: /.*/, namespace: "inline-css" }, async (a) => {
      const { code } = await transform(readFileSync(a.path, "utf8"), { loader: "css", minify: true });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: "js" };
    });
  },
};

const common = {
  bundle: true,
  minify: true,
  write: false,
  target: ["es2020"],
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "none",
  logLevel: "warning",
  alias: { "preact/jsx-runtime": join(ROOT, "widget", "src", "jsx-runtime.ts") },
  plugins: [inlineCss],
};

/**
 * esbuild bundles and minifies; terser then compresses what esbuild leaves (repeated property
 * reads, constant folding across passes): about 2% of the UI, ~250 B gzip, with safe options only.
 */
async function bundle({ compress, ...options }) {
  const result = await build({ ...common, ...options });
  const module = options.format === "esm";
  const { code } = await minify(result.outputFiles[0].text, {
    ecma: 2020,
    module,
    toplevel: !module,
    compress: { passes: 2, pure_getters: true, ...compress },
    format: { comments: false },
  });
  return code;
}

const hash8 = (text) => createHash("sha256").update(text).digest("hex").slice(0, 8);
const integrity = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
const hashedName = (name, text) => name.replace(/\.js$/, `.${hash8(text)}.js`);

export async function buildWidget() {
  mkdirSync(OUT, { recursive: true });
  // Stale hashed copies of earlier builds would pile up: the widget owns every dist/widget* file.
  for (const f of readdirSync(OUT)) if (f.startsWith("widget")) rmSync(join(OUT, f));
  const files = {};
  // The UI needs constructable stylesheets (Safari 16.4+, Firefox 101+, Chrome 73+); all but
  // Chrome 73-93 (2019-2021, out of use) parse ES2022, which saves ~100 B gzip over ES2020.
  // The loader stays ES2021: it runs on every page, even where the UI never will.
  const ui = await bundle({ entryPoints: [join(SRC, "ui.tsx")], format: "iife", target: ["es2022"] });
  // V8's compile hint (Chrome 136+; a plain comment elsewhere): the UI is compiled whole while it loads,
  // off the main thread, instead of function by function inside the task that draws the survey. In
  // Chromium at CPU ×4, the frame that draws the survey then blocked in 6 of 24 loads, against 11 of 16.
  files["widget-ui.js"] = `//# allFunctionsCalledOnLoad\n${ui}`;
  // Consent, the outbox and erasure: fetched at "I agree" (or to deliver what an earlier page left).
  files["widget-send.js"] = await bundle({ entryPoints: [join(SRC, "send.ts")], format: "iife", target: ["es2022"] });
  // What only some surveys need (logic, stars and faces): fetched beside the UI for those only.
  files["widget-plus.js"] = await bundle({ entryPoints: [join(SRC, "plus.tsx")], format: "iife", target: ["es2022"] });
  for (const locale of LOCALES) {
    files[`widget-l10n-${locale}.js`] = await bundle({
      stdin: {
        contents:
          `import { ${locale} } from "./i18n/${locale}";` +
          `(window.__fbL10n = window.__fbL10n || {}).${locale} = ${locale};`,
        resolveDir: SRC,
        loader: "ts",
      },
      format: "iife",
    });
  }
  const byBase = (f) =>
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name.replace(/\.js$/, ""), f(text)]));
  const loader = (hashes, sri) =>
    bundle({
      entryPoints: [join(SRC, "index.ts")],
      format: "iife",
      // ES2021 (2020's browsers): `??=` and friends stay as written, ~10 B gzip less than ES2020.
      target: ["es2021"],
      // Our own code only (no constructors): function expressions become arrows, ~5 B gzip.
      compress: { unsafe_arrows: true },
      define: { __HASHES__: JSON.stringify(hashes), __SRI__: JSON.stringify(sri) },
    });
  files["widget.js"] = await loader(false, false);
  // The pinned loader loads hashed files and checks their integrity: the SRI chain does not stop at it.
  const pinnedLoader = await loader(byBase(hash8), byBase(integrity));
  // The hosted survey page's script: after the loaders, which never load it (their maps leave it out).
  files["widget-hosted.js"] = await bundle({
    entryPoints: [join(SRC, "hosted.ts")],
    format: "iife",
    target: ["es2022"],
  });
  files["widget.esm.js"] = await bundle({
    entryPoints: [join(SRC, "esm.ts")],
    format: "esm",
    define: { __HASHES__: "false", __SRI__: "false" },
  });

  const manifest = { files: {} };
  for (const [name, text] of Object.entries(files)) {
    // The pinned (SRI) loader differs from widget.js only in the file names it loads.
    const pinned = name === "widget.js" ? pinnedLoader : text;
    const hashed = hashedName(name, pinned);
    writeFileSync(join(OUT, name), text);
    writeFileSync(join(OUT, hashed), pinned);
    manifest.files[name] = {
      hashed,
      integrity: integrity(pinned),
      bytes: Buffer.byteLength(text),
      gzip: gzipSync(text, { level: 9 }).length,
      brotli: brotliCompressSync(text).length,
    };
  }
  const css = await build({ entryPoints: [join(SRC, "hosted.css")], bundle: true, minify: true, write: false });
  writeFileSync(join(OUT, "widget-hosted.css"), css.outputFiles[0].text);
  writeFileSync(join(OUT, "widget-manifest.json"), JSON.stringify(manifest, null, 2));
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = await buildWidget();
  const f = manifest.files;
  console.log(
    `widget: loader ${f["widget.js"].gzip} B, UI + styles ${f["widget-ui.js"].gzip} B, ` +
      `send ${f["widget-send.js"].gzip} B, plus ${f["widget-plus.js"].gzip} B, ` +
      `locale strings ${f["widget-l10n-en.js"].gzip}–${f["widget-l10n-hy.js"].gzip} B (gzip -9)`,
  );
}
