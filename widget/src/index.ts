/**
 * widget.js: the loader that owners paste with one `<script async>` tag. It must never break
 * the shop: every path is wrapped, and a failing collector leaves the page untouched.
 *   <script src="https://COLLECTOR/widget.js" data-site="KEY" data-locale="ro"
 *           data-context-product-id="sku-77" async></script>
 */
import { type FeedbackApi, start } from "./core";

declare global {
  interface Window {
    Feedback?: FeedbackApi;
  }
}

try {
  const script = (document.currentScript ?? document.querySelector("script[data-site]")) as HTMLScriptElement | null;
  const site = script?.dataset.site;
  if (script && site && !window.Feedback) {
    const context: Record<string, string> = {};
    for (const [k, v] of Object.entries(script.dataset)) {
      // data-context-product-id → dataset.contextProductId → productId
      if (/^context./.test(k) && v) context[k[7]!.toLowerCase() + k.slice(8)] = v;
    }
    // The collector is where this script came from, path prefix included (first-party routes).
    const collector = new URL(".", script.src).href;
    window.Feedback = start({ site, collector, locale: script.dataset.locale ?? null, context });
  }
} catch {
  /* never throw into the shop's page */
}
