/**
 * A survey on the page: rendered into an open shadow root on a host element of its own (or the
 * page's element for a survey drawn in place); focus goes in on open and back where it was on
 * close. Non-modal: the page stays usable (except the "center" modal).
 *
 * On a shop page the work is spread over frames, so that a slow phone sees a few short frames from the
 * widget rather than one long one: the host, its stylesheets and the first screen's words, unseen, first, in two frames
 * (the first text in each size and weight of the widget's font looks that font up during layout, and
 * a script the font lacks, Armenian say, a fallback font too: 12 lookups and 55–70 ms at CPU ×4 in
 * Chromium for the consent step in one frame, so half of its fonts in each), the first render in a
 * task after those frames are painted, the focus once the render is painted (a focus right after
 * rendering would force style and layout at once). The dashboard's preview draws at once.
 */
import { Fragment, h, render } from "preact";
import type { OpenOptions } from "./contract";
import { mountShadow } from "./mount";
import { panel } from "./panel";
import { Options } from "./questions/options";
import { themeCss } from "./styles";
import { coveredBottom } from "./viewport";

export function open(o: OpenOptions, container?: HTMLElement): () => void {
  // A custom element name: shop CSS aimed at `div`s (`body > div`, `main div`) cannot reach it.
  const host = container ?? document.createElement("feedback-widget");
  const previous = document.activeElement as HTMLElement | null;
  host.setAttribute("data-pos", o.survey.theme.position);
  if (o.preview) host.setAttribute("data-preview", "");
  if (o.inline) host.setAttribute("data-inline", "");
  const plus = window.__fbPlus?.({ h, Fragment, Options });
  const [root, setVars] = mountShadow(host, themeCss(o.survey.colors) + (plus?.css ?? ""));
  const warm = o.preview ? null : warmFonts(root, o.strings);
  if (!container) document.body.appendChild(host);
  // A fixed panel sits under a phone's keyboard (the keyboard shrinks only the visual viewport):
  // lift it by the covered height, so the text field stays visible while typing.
  const vv = o.preview ? null : window.visualViewport;
  const fit = () => setVars(`:host{--kb:${coveredBottom(innerHeight, vv!)}px}`);
  vv?.addEventListener("resize", fit);
  vv?.addEventListener("scroll", fit);
  let closed = false;
  let detach = () => {};
  const close = (reason: "dismissed" | "done") => {
    if (closed) return;
    closed = true;
    detach();
    vv?.removeEventListener("resize", fit);
    vv?.removeEventListener("scroll", fit);
    // Give focus back only if it is still ours: a page control the customer moved to keeps it.
    const hadFocus = document.activeElement === host;
    warm?.box.remove();
    render(null, root);
    if (!container) host.remove();
    if (hadFocus && !o.preview) previous?.focus?.();
    o.onClose(reason);
  };
  const draw = () => {
    warm?.box.remove();
    detach = panel(o, o.session, plus, root, close);
    o.onShown?.();
  };
  const fail = () => {
    // A survey this version cannot draw (e.g. a question type it does not know) leaves no trace.
    closed = true;
    render(null, root);
    if (!container) host.remove();
  };
  if (o.preview) {
    try {
      draw();
    } catch (e) {
      fail();
      throw e;
    }
  } else {
    // Each after the frame before it is painted: the buttons' fonts, then the survey.
    afterPaint(() => {
      if (closed) return;
      warm?.addButtons();
      afterPaint(() => {
        if (closed) return;
        try {
          draw();
        } catch {
          fail();
          o.onError?.();
        }
      });
    });
  }
  return () => close("dismissed");
}

/** Runs `then` once the next frame has been painted: a timer alone may come before that frame. */
const afterPaint = (then: () => void) => requestAnimationFrame(() => setTimeout(then));

type Part = [tag: string, text: string, cls?: string];

/**
 * The consent step's words in each of its fonts (heading, text, note; button, bold button, close; as
 * steps.tsx consentStep draws them), laid out unseen in the shadow root (see the top of this file):
 * each size and weight is a font of its own to look up. The text's fonts go in now, the buttons' with
 * `addButtons`, for the next frame. Disabled buttons, so nothing here can take focus.
 */
function warmFonts(root: ShadowRoot, s: OpenOptions["strings"]): { box: HTMLElement; addButtons: () => void } {
  const box = document.createElement("div");
  box.className = "fb-warm";
  box.setAttribute("aria-hidden", "true");
  const add = (parts: Part[]) => {
    for (const [tag, text, cls] of parts) {
      const e = document.createElement(tag);
      if (cls) e.className = cls;
      if (tag === "button") (e as HTMLButtonElement).disabled = true;
      e.textContent = text;
      box.append(e);
    }
  };
  add([
    ["h2", s.consentTitle],
    ["p", s.consentWhy],
    ["p", s.consentStored, "fb-note"],
  ]);
  root.appendChild(box);
  const addButtons = () =>
    add([
      ["button", s.decline],
      ["button", s.agree, "fb-primary"],
      ["button", "×", "fb-close"],
    ]);
  return { box, addButtons };
}
