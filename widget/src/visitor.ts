/**
 * What the widget keeps about a visitor, in one localStorage entry of their browser, and never
 * sends: which visit this is (a new one after 30 minutes without a page load), the campaign of the
 * visit's landing page (it joins the answer's context only after consent), the custom events of
 * the visit, the visitor's own sampling draw per survey, when each survey was last shown and
 * whether it was completed, and when any survey of a site was last shown (the fatigue cap).
 */
import { CAMPAIGN_KEYS, VISIT_GAP_MINUTES } from "../../shared/constants";
import type { Store } from "./queue";

export interface VisitorState {
  /** Visits so far: 1 during the first visit to the shop. */
  n: number;
  /** Last page load (ms). */
  t: number;
  /** utm_source, utm_medium, utm_campaign of this visit's landing page. */
  utm: Record<string, string>;
  /** Custom events of this visit, by name. */
  ev: Record<string, number>;
  /** Sampling draws in [0, 1), by survey: made once, kept across pages and visits. */
  draw: Record<string, number>;
  /** When each survey was last shown (ms). */
  seen: Record<string, number>;
  /** Surveys completed. */
  done: Record<string, 1>;
  /** When any survey of a site was last shown (ms), by site key. */
  last: Record<string, number>;
}

export const VISITOR_KEY = "fb_visitor";

/** The campaign parameters of a query string, and nothing else of the URL. */
export function campaignOf(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const k of CAMPAIGN_KEYS) {
    const v = params.get(k);
    // Cut to the context's limit later, with the rest of the context (widget-send.js).
    if (v) out[k] = v;
  }
  return out;
}

/** Counts this page load into the visitor's visits (`stored`: what the browser kept, if anything). */
export const nextVisit = (stored: VisitorState | null, now: number, search: string): VisitorState =>
  stored && now - stored.t < VISIT_GAP_MINUTES * 6e4
    ? { ...stored, t: now }
    : {
        draw: {},
        seen: {},
        done: {},
        last: {},
        ...stored,
        n: (stored?.n ?? 0) + 1,
        t: now,
        utm: campaignOf(search),
        ev: {},
      };

/** Changes the stored state (the UI records what it showed and what was completed); nothing without storage. */
export function remember(store: Pick<Store, "read" | "write">, change: (me: VisitorState) => void): void {
  const me = store.read<VisitorState>(VISITOR_KEY);
  if (me) {
    change(me);
    store.write(VISITOR_KEY, me);
  }
}
