/** One open shadow root per widget, styled only by adopted stylesheets (allowed by a strict CSP). */
import { CSS } from "./styles";

let base: CSSStyleSheet | null = null;

/**
 * Attaches (or reuses) the shadow root of `host` and adopts the shared base sheet plus one theme
 * sheet. Returns a setter for runtime variables (e.g. the on-screen keyboard's height): a third
 * constructed sheet rather than `host.style`, which the widget never touches.
 * Engines without constructable stylesheets (Safari before 16.4) get a `<style>` inside the shadow
 * root only with the page's CSP nonce; without one, this throws and the widget stays away.
 */
export function mountShadow(host: HTMLElement, themeCss: string): [ShadowRoot, (css: string) => void] {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  try {
    const theme = new CSSStyleSheet();
    const vars = new CSSStyleSheet();
    theme.replaceSync(themeCss);
    base ??= new CSSStyleSheet();
    if (!base.cssRules.length) base.replaceSync(CSS);
    root.adoptedStyleSheets = [base, theme, vars];
    return [root, (css) => vars.replaceSync(css)];
  } catch (e) {
    // `.nonce` keeps the value that browsers hide from the attribute once the page has loaded.
    const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
    if (!nonce) throw e;
    const style = document.createElement("style");
    style.nonce = nonce;
    style.textContent = CSS + themeCss;
    root.appendChild(style);
    return [root, () => {}];
  }
}
