/** One open shadow root per widget, styled only by adopted stylesheets (allowed by a strict CSP). */
import { CSS } from "./styles";

let base: CSSStyleSheet | null = null;

/**
 * Attaches (or reuses) the shadow root of `host` and adopts the shared base sheet plus one theme
 * sheet. Returns a setter for runtime variables (e.g. the on-screen keyboard's height): a third
 * constructed sheet rather than `host.style`, which the widget never touches.
 * Engines without constructable stylesheets (Safari before 16.4, 2023) throw here: the widget
 * stays away rather than ask for a `<style>` nonce the shop's CSP may not give.
 */
export function mountShadow(host: HTMLElement, themeCss: string): [ShadowRoot, (css: string) => void] {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const theme = new CSSStyleSheet();
  const vars = new CSSStyleSheet();
  theme.replaceSync(themeCss);
  base ??= new CSSStyleSheet();
  if (!base.cssRules.length) base.replaceSync(CSS);
  root.adoptedStyleSheets = [base, theme, vars];
  return [root, (css) => vars.replaceSync(css)];
}
