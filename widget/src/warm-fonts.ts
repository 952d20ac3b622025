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

/**
 * Lays out `sample` (Latin letters and the survey's own words) in every first-screen font, unseen
 * and out of the page's flow, over three frames. Resolves, the box gone, once the last is painted.
 * Never rejects: without constructable stylesheets the box is skipped, and the UI looks its fonts up.
 */
export function warmFonts(sample: string, lang: string): Promise<void> {
  return new Promise((done) => {
    try {
      // A custom element name and `all: initial`: shop CSS aimed at `div`s or `span`s cannot show it.
      const host = document.createElement("feedback-widget");
      host.setAttribute("aria-hidden", "true");
      host.lang = lang;
      const root = host.attachShadow({ mode: "open" });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(
        ":host{all:initial;position:fixed;right:0;bottom:0;opacity:0;pointer-events:none;white-space:nowrap}",
      );
      root.adoptedStyleSheets = [sheet];
      const lay = (frame: number) => {
        for (const [size, weight] of FIRST_SCREEN_FONTS.slice(FRAME_ENDS[frame - 1] ?? 0, FRAME_ENDS[frame])) {
          const span = document.createElement("span");
          // CSSOM, not a style attribute: a strict style-src allows it.
          span.style.font = `${weight} ${size}px ${FAMILY}`;
          span.textContent = sample;
          root.append(span);
        }
        afterPaint(() => {
          if (frame + 1 < FRAME_ENDS.length) lay(frame + 1);
          else {
            host.remove();
            done();
          }
        });
      };
      lay(0);
      document.body.appendChild(host);
    } catch {
      done();
    }
  });
}

/** Latin letters, and each letter of `text` once (the words of the survey in the visitor's language). */
export const sampleOf = (text: string): string => `Aa${[...new Set(text)].join("")}`;
