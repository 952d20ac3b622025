/** One open shadow root per widget, styled only by adopted stylesheets (allowed by a strict CSP). */
import { CSS, themeCss } from "./styles";

let base: CSSStyleSheet | null = null;

export function mountShadow(host: HTMLElement, accent: string, nonce?: string): ShadowRoot {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const theme = new CSSStyleSheet();
  theme.replaceSync(themeCss(accent));
  try {
    base ??= new CSSStyleSheet();
    if (!base.cssRules.length) base.replaceSync(CSS);
    root.adoptedStyleSheets = [base, theme];
  } catch {
    // Very old engines without constructable stylesheets: a <style> inside our shadow root (needs the page's nonce under CSP).
    const style = document.createElement("style");
    if (nonce) style.nonce = nonce;
    style.textContent = CSS + themeCss(accent);
    root.appendChild(style);
  }
  return root;
}
