import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The owners' dashboard, built into dist/ beside the widget files (so dist/ is not emptied). */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../dist", import.meta.url)),
    emptyOutDir: false,
    assetsDir: "assets",
    target: "es2022",
    // No inline <script> or data: modules: the dashboard is served with script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
