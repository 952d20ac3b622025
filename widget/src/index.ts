/**
 * widget.js: the loader that owners paste with one `<script async>` tag. It must never break
 * the shop: every path is wrapped, and a failing collector leaves the page untouched.
 *   <script src="https://COLLECTOR/widget.js" data-site="KEY" data-locale="ro" data-context-product-id="sku-77" async></script>
 */
import { type FeedbackApi, start } from "./core";
import { contextOf } from "./dataset";

declare global {
  interface Window {
    Feedback?: FeedbackApi;
  }
}

try {
  const script = (document.currentScript ?? document.querySelector("script[data-site]")) as HTMLScriptElement | null;
  const site = script?.dataset.site;
  if (script && site && !window.Feedback) {
    // The collector is where this script came from, path prefix included (first-party routes).
    const collector = new URL(".", script.src).href;
    window.Feedback = start({
      site,
      collector,
      locale: script.dataset.locale ?? null,
      context: contextOf(script.dataset),
    });
  }
} catch {
  /* never throw into the shop's page */
}
