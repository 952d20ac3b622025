/**
 * The widget's styles, adopted by its shadow root as constructable stylesheets: nothing is
 * injected into the page, and a strict `style-src` needs no nonce. Theme through :host variables
 * (--*); short BEM-like classes (fb-…) inside the shadow root, where shop CSS cannot reach them.
 */
import type { ThemeColors } from "../../shared/theme";

export const CSS = `:host{all:initial;position:fixed;z-index:2147483000;bottom:calc(16px + var(--kb));right:16px;font:15px/1.45 system-ui,sans-serif;--kb:0px;--bg:#fff;--fg:#1d1d1f;--muted:#55555f;--line:#c9c9d3;--surface:#f2f2f6;--danger:#b3261e;color:var(--fg)}
:host([data-pos=bottom-left]){right:auto;left:16px}
@media(prefers-color-scheme:dark){:host{--bg:#1f2024;--fg:#f2f2f5;--muted:#b9b9c4;--line:#4a4a53;--surface:#2c2d32;--danger:#ffb4ab}}
*{box-sizing:border-box}
.fb-panel{position:relative;width:min(380px,100vw - 32px);max-height:calc(100vh - 32px - var(--kb));overflow:auto;background:var(--bg);border:1px solid var(--line);border-radius:14px;box-shadow:0 12px 32px #0003;padding:18px;animation:fb-in .2s}
@keyframes fb-in{from{opacity:0;transform:translateY(9px)}}
@media(prefers-reduced-motion:reduce){.fb-panel{animation:none}}
@media(max-width:480px){:host{left:8px;right:8px;bottom:calc(8px + var(--kb))}.fb-panel{width:100%;max-height:min(70vh,100vh - 16px - var(--kb))}}
h2{font-size:16px;margin:0 0 10px;margin-inline-end:32px}
h2:focus{outline:0}
p{margin:0 0 8px}
.fb-note,.fb-ends,.fb-progress,.fb-link,.fb-error{color:var(--muted);font-size:13px}
a,.fb-link{color:var(--link)}
.fb-error{color:var(--danger)}
.fb-options{display:grid;gap:6px}
.fb-options--row{grid-auto-flow:column;grid-auto-columns:1fr}
.fb-options--nps{grid-template-columns:repeat(11,1fr);gap:3px}
@media(max-width:400px){.fb-options--nps{grid-template-columns:repeat(6,1fr)}}
label{position:relative;display:block}
input{position:absolute;opacity:0;inset:0;width:100%;height:100%;margin:0}
label>span,button,textarea{font:inherit;font-size:14px;color:inherit;border:1px solid var(--line);border-radius:8px;background:var(--surface)}
label>span{display:flex;align-items:center;justify-content:center;min-height:40px;padding:6px}
.fb-face{font-size:24px;line-height:1}
button{padding:8px 14px;cursor:pointer}
:checked+span,.fb-primary{background:var(--accent);color:var(--on-accent);border-color:var(--accent);font-weight:600}
:focus-visible,:focus-visible+span{outline:3px solid var(--link);outline-offset:2px}
.fb-close{position:absolute;top:8px;inset-inline-end:8px;padding:0;width:32px;height:32px;border:0;background:none;font-size:20px}
.fb-ends{display:flex;justify-content:space-between;margin-top:6px;font-size:12px}
textarea{width:100%;min-height:96px;font-size:16px;background:var(--bg);padding:8px}
.fb-actions{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-top:14px}
.fb-progress{margin-inline-end:auto}
.fb-link{border:0;background:none;padding:0;text-decoration:underline}
.fb-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}`;

/** Theme variables from the colours the collector computed (shared/theme.ts). */
export const themeCss = (c: ThemeColors): string =>
  `:host{--accent:${c.accent};--on-accent:${c.on};--link:${c.link}}@media(prefers-color-scheme:dark){:host{--link:${c.linkDark}}}`;
