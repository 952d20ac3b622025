/** ESM entry for bundlers: `init({ site, collector, context, locale })`. */
import { start, type FeedbackApi, type StartOptions } from "./core";

export type { FeedbackApi, StartOptions };

export function init(options: StartOptions): FeedbackApi | null {
  try {
    return start(options);
  } catch {
    return null;
  }
}
