/**
 * The visitor's visits, kept in their browser and never sent: which visit this is (a new one
 * after 30 minutes without a page load), the campaign of its landing page, and the custom events
 * seen during it. The campaign joins the answer's context only after consent.
 */
import { CAMPAIGN_KEYS, MAX_CONTEXT_VALUE, VISIT_GAP_MINUTES } from "../../shared/constants";
import { read, write } from "./storage";

export interface Visit {
  /** 1 during the first visit to the shop. */
  n: number;
  /** Last page load (ms). */
  t: number;
  /** utm_source, utm_medium, utm_campaign of the landing page. */
  utm: Record<string, string>;
  /** Custom events of this visit, by name. */
  ev: Record<string, number>;
}

const KEY = "fb_visit";

/** The campaign parameters of a query string, and nothing else of the URL. */
export function campaignOf(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const k of CAMPAIGN_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v.slice(0, MAX_CONTEXT_VALUE);
  }
  return out;
}

/** Counts this page load into the visitor's visits (`stored`: what the browser kept, if anything). */
export const nextVisit = (stored: Visit | null, now: number, search: string): Visit =>
  stored && now - stored.t < VISIT_GAP_MINUTES * 6e4
    ? { ...stored, t: now }
    : { n: (stored?.n ?? 0) + 1, t: now, utm: campaignOf(search), ev: {} };

export function startVisit(now: number, search: string): Visit {
  const visit = nextVisit(read<Visit>(KEY), now, search);
  write(KEY, visit);
  return visit;
}

/** One more time the page told `name` (other tabs of the visit count too: the stored copy is read first). */
export function countEvent(visit: Visit, name: string): Visit {
  const v = read<Visit>(KEY) ?? visit;
  v.ev[name] = (v.ev[name] ?? 0) + 1;
  write(KEY, v);
  return v;
}
