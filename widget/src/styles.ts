/**
 * The widget's styles, adopted by its shadow root as constructable stylesheets: nothing is
 * injected into the page, and a strict `style-src` needs no nonce. Theme through :host variables
 * (--*); short BEM-like classes (fb-…) inside the shadow root, where shop CSS cannot reach them.
 */
import type { ThemeColors } from "../../shared/theme";

/** widget.css, minified at build (scripts/build-widget.mjs; Vite for the dashboard's preview). */
export { default as CSS } from "./widget.css?inline";

/** Theme variables from the colours the collector computed (shared/theme.ts). */
export const themeCss = (c: ThemeColors): string =>
  `:host{--accent:${c.accent};--on-accent:${c.on};--link:${c.link}}` +
  `@media(prefers-color-scheme:dark){:host{--link:${c.linkDark}}}`;
