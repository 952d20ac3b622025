/** ESM entry for bundlers: `init({ site, collector, context, locale })`. */
import { type FeedbackApi, type StartOptions, start } from "./core";

export type { FeedbackApi, StartOptions };

export function init(options: StartOptions): FeedbackApi | null {
  try {
    return start(options);
  } catch {
    return null;
  }
}
