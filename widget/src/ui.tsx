/**
 * widget-ui.js: the Preact UI, fetched by the loader only when a survey is about to show (or the
 * page places one itself). The loader's surveys go through `popup` and `inline`; `open` draws any.
 */
import type { UiModule } from "./contract";
import { open } from "./host";
import { inline, popup } from "./placements";

window.__fbUI = { open, popup, inline } satisfies UiModule;
