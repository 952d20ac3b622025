/**
 * A survey on the page: rendered into an open shadow root on a host element of its own (or the
 * page's element for a survey drawn in place); focus goes in on open and back where it was on
 * close. Non-modal: the page stays usable (except the "center" modal).
 *
 * On a shop page the work is spread over frames, so that a slow phone sees a few short frames from the
 * widget rather than one long one: its fonts while its files download (the loader's warm-fonts.ts; not
 * on the hosted page, where the survey is the page), the host and its stylesheets, the first render
 * in a task after that frame is painted, the focus once the render is painted (a focus right after
 * rendering would force style and layout at once). The dashboard's preview draws at once.
 */
import { Fragment, h, render } from "preact";
import type { OpenOptions } from "./contract";
import { afterPaint } from "./frames";
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
    render(null, root);
    if (!container) host.remove();
    if (hadFocus && !o.preview) previous?.focus?.();
    o.onClose(reason);
  };
  const draw = () => {
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
    afterPaint(() => {
      if (closed) return;
      try {
        draw();
      } catch {
        fail();
        o.onError?.();
      }
    });
  }
  return () => close("dismissed");
}
