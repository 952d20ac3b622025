/**
 * Bytes a visitor downloads: our widget from dist/ (read from the build, never rebuilt
 * here), beside the peers' widgets taken from their npm packages at bench time
 * (`npm pack` into bench/.cache) and Preact alone, the floor of any Preact UI.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, transformSync } from "esbuild";
import { ROOT } from "../../scripts/lib/stack.mjs";

export const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length,
});

const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const ZERO = { raw: 0, gzip: 0, brotli: 0 };

/**
 * Our widget, as scripts/build-widget.mjs lays it out: every visitor gets widget.js; when a
 * survey shows, widget-ui.js (Preact, UI, styles) and the strings of the visitor's one locale
 * are added, and widget-send.js (consent, outbox, delivery) once the customer consents; a survey
 * with choice questions adds widget-plus.js. The largest locale is counted, so the figure is the
 * worst case. widget-hosted.js is the hosted survey page's own start, never loaded on a shop.
 * Hashed copies and the ESM entry are alternatives to these files, never extra downloads.
 */
export function ourWidget() {
  const dist = join(ROOT, "dist");
  const files = existsSync(dist) ? readdirSync(dist).filter((f) => /^widget[a-z0-9-]*\.js$/.test(f)) : [];
  const needed = ["widget.js", "widget-ui.js", "widget-send.js", "widget-plus.js"];
  if (!needed.every((f) => files.includes(f)))
    return { missing: "dist/widget*.js not found: run `npm run build:widget`" };
  const file = (f) => ({ file: f, ...sizes(readFileSync(join(dist, f))) });
  const locales = files.filter((f) => /^widget-l10n-[a-z]{2}\.js$/.test(f)).map(file);
  const largest = locales.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  const [loader, ui, send, plus] = needed.map(file);
  const others = files.filter((f) => f === "widget-hosted.js").map(file);
  const shown = [loader, ui, largest, send];
  const total = (list) => ({ files: list.map((f) => f.file), ...list.reduce(add, ZERO) });
  return {
    files: [loader, ui, send, plus, ...others, ...locales],
    largestLocale: largest.file,
    manifest: null,
    before: total([loader]),
    shown: total(shown),
    withChoices: total([...shown, plus]),
    uiAlone: total([ui, largest]),
  };
}

const PEERS = ["posthog-js", "@sentry-internal/feedback", "@formbricks/js", "@formbricks/surveys", "preact"];

/** `npm pack` each peer into bench/.cache/peers (once per version) and unpack it. */
export function fetchPeers(log) {
  const dir = join(ROOT, "bench", ".cache", "peers");
  mkdirSync(dir, { recursive: true });
  const out = {};
  for (const name of PEERS) {
    // Preact: the version we ship (the floor of our own UI); peers: their latest release.
    const version =
      name === "preact"
        ? JSON.parse(readFileSync(join(ROOT, "node_modules", "preact", "package.json"), "utf8")).version
        : execFileSync("npm", ["view", name, "version"], { encoding: "utf8" }).trim();
    const base = `${name.replace(/^@/, "").replace("/", "-")}-${version}`;
    const unpacked = join(dir, base);
    if (!existsSync(join(unpacked, "package", "package.json"))) {
      log(`npm pack ${name}@${version}`);
      execFileSync("npm", ["pack", `${name}@${version}`, "--silent", "--pack-destination", dir], { stdio: "pipe" });
      mkdirSync(unpacked, { recursive: true });
      execFileSync("tar", ["xzf", join(dir, `${base}.tgz`), "-C", unpacked]);
    }
    out[name] = { version, dir: join(unpacked, "package") };
  }
  return out;
}

const minify = (code) => Buffer.from(transformSync(code, { minify: true, loader: "js" }).code);

async function bundleMin(entryCode, resolveDir, external) {
  const r = await build({
    stdin: { contents: entryCode, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    external,
    logLevel: "error",
    platform: "browser",
  });
  return Buffer.from(r.outputFiles[0].contents);
}

/** Peer figures: each row says which file, why, and how it was measured. */
export async function peerWidgets(peers) {
  const rows = [];
  const file = (name, rel) => readFileSync(join(peers[name].dir, rel));
  const ph = peers["posthog-js"];
  const phCore = sizes(file("posthog-js", "dist/array.js"));
  const phSurveys = sizes(file("posthog-js", "dist/surveys.js"));
  rows.push({
    peer: `PostHog surveys (posthog-js ${ph.version})`,
    before: phCore,
    shown: add(phCore, phSurveys),
    uiOnly: phSurveys,
    files: "dist/array.js (the SDK the snippet loads; surveys need it) + dist/surveys.js (lazy surveys extension)",
    note: "already minified; the UI-only column is dist/surveys.js alone",
  });
  const se = peers["@sentry-internal/feedback"];
  const seDir = join(se.dir, "build", "npm", "esm");
  const seActor = sizes(
    await bundleMin(`export { buildFeedbackIntegration } from "./index.js";`, seDir, ["@sentry/core"]),
  );
  const seModal = sizes(
    await bundleMin(`export { feedbackModalIntegration } from "./index.js";`, seDir, ["@sentry/core"]),
  );
  rows.push({
    peer: `Sentry user feedback (@sentry-internal/feedback ${se.version})`,
    before: seActor,
    shown: add(seActor, seModal),
    uiOnly: seModal,
    files:
      "build/npm/esm/index.js bundled and minified by esbuild: buildFeedbackIntegration (the button, loaded up " +
      "front) + feedbackModalIntegration (the form, lazy-loaded when opened)",
    note:
      "@sentry/core left out (external): a lower bound, since the feedback integration cannot run without a " +
      "Sentry client",
  });
  const fj = peers["@formbricks/js"];
  const fs = peers["@formbricks/surveys"];
  const fbLoader = sizes(minify(file("@formbricks/js", "dist/index.js").toString("utf8")));
  const fbSurveys = sizes(file("@formbricks/surveys", "dist/index.umd.js"));
  rows.push({
    peer: `Formbricks (@formbricks/js ${fj.version} + @formbricks/surveys ${fs.version})`,
    before: fbLoader,
    shown: add(fbLoader, fbSurveys),
    uiOnly: fbSurveys,
    files:
      "@formbricks/js dist/index.js (the npm loader, minified by esbuild) + @formbricks/surveys " +
      "dist/index.umd.js (the surveys UI the app serves as surveys.umd.cjs)",
    note:
      "the loader then fetches /js/formbricks.umd.cjs (the SDK core) from the Formbricks server, which is not " +
      "on npm: a lower bound",
  });
  const pr = peers.preact;
  const preactMin = sizes(minify(file("preact", "dist/preact.mjs").toString("utf8")));
  const floor = {
    peer: `Preact alone (preact ${pr.version}), the floor of a Preact UI`,
    before: ZERO,
    shown: preactMin,
    uiOnly: preactMin,
    files: "dist/preact.mjs minified by esbuild",
    note: "",
  };
  return { peers: rows, floor };
}
