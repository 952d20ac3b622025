/**
 * The survey's fonts looked up while its files download. The first text in each size and weight of
 * a font looks that font up during layout (a synchronous call to the browser process in Chromium,
 * 4–5 ms each at CPU ×4), and a script the font lacks, Armenian say, a fallback font too. Done when
 * the UI arrives, those lookups made its first frame long and its first paint late; done here, in
 * the loader, they overlap the download, and the font cache (one per renderer) keeps them for the UI.
 */
import { afterPaint } from "./frames";

/** widget.css's family for all of the widget's text. */
export const FAMILY = "system-ui,sans-serif";

/**
 * [size px, weight] of each font the consent step draws with: heading, text, note; button, bold
 * button, close. A browser test compares them with the computed styles of the drawn step.
 */
export const FIRST_SCREEN_FONTS: readonly (readonly [number, number])[] = [
  [16, 700],
  [15, 400],
  [13, 400],
  [14, 400],
  [14, 600],
  [20, 400],
];

/**
 * Where each frame's fonts end in FIRST_SCREEN_FONTS: one, two, three. The first lookup of the family
 * itself is the slowest (a match of `system-ui` through the browser process): in one frame with the
 * heading's and text's fonts it made a task of 55–70 ms at CPU ×4.
 */
const FRAME_ENDS = [1, 3, 6];

/** The warm-up under way: `done` resolves once its last frame is painted, or at once on `stop`. */
export interface Warming {
  done: Promise<void>;
  stop(): void;
}

/**
 * Lays out `sample` (Latin letters and the survey's own words) in every first-screen font, unseen
 * and out of the page's flow, over three frames; the box is gone once the last is painted. Never
 * throws, and its callbacks neither: a page whose DOM throws (or one without constructable
 * stylesheets, where the UI does not show either) just has no warm-up.
 */
export function warmFonts(sample: string, lang: string): Warming {
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let host: HTMLElement | null = null;
  const stop = () => {
    host?.remove();
    host = null;
    finish();
  };
  try {
    // A tag of its own (shop code and CSS aimed at `div`s, `span`s or the survey's host do not meet it),
    // unseen, out of the flow and out of the accessibility tree; its text is styled by a constructed
    // sheet, so not even the shadow root holds a style attribute.
    const box = document.createElement("feedback-widget-fonts");
    box.setAttribute("aria-hidden", "true");
    box.lang = lang;
    const root = box.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      ":host{all:initial;position:fixed;right:0;bottom:0;opacity:0;pointer-events:none;white-space:nowrap}" +
        FIRST_SCREEN_FONTS.map(
          ([size, weight], i) => `span:nth-child(${i + 1}){font:${weight} ${size}px ${FAMILY}}`,
        ).join(""),
    );
    root.adoptedStyleSheets = [sheet];
    document.body.appendChild(box);
    host = box;
    const lay = (frame: number) => {
      if (!host) return;
      try {
        for (let i = FRAME_ENDS[frame - 1] ?? 0; i < FRAME_ENDS[frame]!; i++) {
          const span = document.createElement("span");
          span.textContent = sample;
          root.append(span);
        }
        afterPaint(() => (frame + 1 < FRAME_ENDS.length ? lay(frame + 1) : stop()));
      } catch {
        stop();
      }
    };
    lay(0);
  } catch {
    stop();
  }
  return { done, stop };
}

/** Latin letters, and each letter of `text` once (the words of the survey in the visitor's language). */
export const sampleOf = (text: string): string => `Aa${[...new Set(text)].join("")}`;
