/**
 * widget-ui.js: the Preact UI, fetched by the loader only when a survey is about to show.
 * Renders into an open shadow root on a host element of its own; focus goes in on open and
 * back where it was on close. Non-modal: the page stays usable (except the "center" modal).
 */
import { render } from "preact";
import { App } from "./app";
import type { OpenOptions, UiModule } from "./contract";
import { mountShadow } from "./mount";
import { forget } from "./session";

export function open(o: OpenOptions, container?: HTMLElement): () => void {
  const host = container ?? document.createElement("div");
  const previous = document.activeElement as HTMLElement | null;
  host.setAttribute("data-pos", o.survey.theme.position);
  if (o.preview) host.setAttribute("data-preview", "");
  const root = mountShadow(host, o.survey.theme.accent);
  if (!container) document.body.appendChild(host);
  let closed = false;
  const close = (reason: "dismissed" | "done") => {
    if (closed) return;
    closed = true;
    render(null, root);
    if (!container) host.remove();
    if (!o.preview) previous?.focus?.();
    o.onClose(reason);
  };
  render(<App o={o} close={close} />, root);
  return () => close("dismissed");
}

window.__fbUI = { open, forget } satisfies UiModule;
