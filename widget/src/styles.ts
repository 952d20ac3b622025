/**
 * The widget's styles, adopted by its shadow root as constructable stylesheets: nothing is
 * injected into the page, and a strict `style-src` needs no nonce. Theme through :host variables.
 */
import type { ThemeColors } from "../../shared/theme";
export const CSS = `
:host{all:initial;position:fixed;z-index:2147483000;bottom:calc(16px + var(--kb,0px));right:16px;font:15px/1.45 system-ui,sans-serif;--b:#fff;--f:#1d1d1f;--m:#55555f;--l:#c9c9d3;--s:#f2f2f6;--e:#b3261e;color:var(--f)}
:host([data-pos=bottom-left]){right:auto;left:16px}
:host([data-pos=center]){inset:0;display:grid;place-items:center;background:#0007}
:host([data-preview]){position:relative;inset:auto;display:block;background:none}
@media(prefers-color-scheme:dark){:host{--b:#1f2024;--f:#f2f2f5;--m:#b9b9c4;--l:#4a4a53;--s:#2c2d32;--e:#ffb4ab}}
*{box-sizing:border-box}
.p{position:relative;width:min(380px,100vw - 32px);max-height:calc(100vh - 32px - var(--kb,0px));overflow:auto;background:var(--b);border:1px solid var(--l);border-radius:14px;box-shadow:0 12px 32px #0003;padding:18px;animation:i .2s}
@keyframes i{from{opacity:0;transform:translateY(9px)}}
@media(prefers-reduced-motion:reduce){.p{animation:none}}
@media(max-width:480px){:host(:not([data-preview])){left:8px;right:8px;bottom:calc(8px + var(--kb,0px))}.p{width:100%;max-height:min(70vh,100vh - 16px - var(--kb,0px))}}
h2{font-size:16px;margin:0 32px 10px 0}
h2:focus{outline:0}
[dir=rtl] h2{margin:0 0 10px 32px}
p{margin:0 0 8px}
.m,.e,.g{color:var(--m);font-size:13px}
a,.l{color:var(--k)}
.o{display:grid;gap:6px}
.n{grid-template-columns:repeat(11,1fr);gap:3px}
.k5{grid-template-columns:repeat(5,1fr)}
.k7{grid-template-columns:repeat(7,1fr)}
@media(max-width:400px){.n{grid-template-columns:repeat(6,1fr)}}
label{position:relative;display:block}
input{position:absolute;opacity:0;inset:0;width:100%;height:100%;margin:0}
label>span{display:flex;align-items:center;justify-content:center;min-height:40px;padding:6px;border:1px solid var(--l);border-radius:8px;background:var(--s)}
.c span{justify-content:start}
button{font:inherit;font-size:14px;border-radius:8px;padding:8px 14px;border:1px solid var(--l);background:var(--s);color:var(--f);cursor:pointer}
:checked+span,.pr{background:var(--a);color:var(--o);border-color:var(--a);font-weight:600}
:focus-visible,:focus-visible+span{outline:3px solid var(--k);outline-offset:2px}
.x{position:absolute;top:8px;right:8px;padding:0;width:32px;height:32px;border:0;background:none;color:inherit;font-size:20px}
[dir=rtl] .x{right:auto;left:8px}
.e{display:flex;justify-content:space-between;margin-top:6px;font-size:12px}
textarea{width:100%;min-height:96px;font:inherit;font-size:16px;color:inherit;background:var(--b);border:1px solid var(--l);border-radius:8px;padding:8px}
.f,.w{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-top:14px}
.g{margin-inline-end:auto}
.l{border:0;background:none;padding:0;text-decoration:underline;font-size:13px}
.r{color:var(--e);font-size:13px}
code{font:600 17px monospace;padding:6px 10px;border:1px dashed var(--l);border-radius:6px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

/** Theme variables from the colours the collector computed (shared/theme.ts). */
export const themeCss = (c: ThemeColors): string =>
  `:host{--a:${c.accent};--o:${c.on};--k:${c.link}}@media(prefers-color-scheme:dark){:host{--k:${c.linkDark}}}`;
