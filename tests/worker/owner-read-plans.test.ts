/**
 * Owner views over raw answers read one window of days per query (services/bounded-scan.ts): that bounds
 * a query only if the database searches responses by the window. Planned by the real database, for
 * every filter a view takes, every statement must reach responses through the window's days (or times),
 * or through the ids another index found (a context value within the window's days, one response).
 */
import { describe, expect, it } from "vitest";
import { consentPage } from "../../worker/src/db/consents";
import { optionsByContext, optionsByNps } from "../../worker/src/db/crosstab";
import { contextBreakdown, filteredSummaryData } from "../../worker/src/db/filtered-aggregates";
import { listResponses, type ResponseFilter } from "../../worker/src/db/responses";
import { plannedStatements } from "./watched-db";

const WINDOW = { from: "2026-03-01", to: "2026-03-07" };
const FILTERS: Partial<ResponseFilter>[] = [
  {},
  { survey: "survey_x" },
  { segment: "detractor" },
  { status: "new" },
  { context: { key: "productId", value: "sku-1" } },
  { locale: "ro" },
  { page: "https://shop.example/checkout" },
  { q: "delivery" },
  { channel: "email" },
  { unhappy: true },
  { complete: false },
];

const VIEWS: [string, (db: D1Database, f: ResponseFilter & typeof WINDOW) => Promise<unknown>][] = [
  ["filtered summary", (db, f) => filteredSummaryData(db, f)],
  ["satisfaction per context value", (db, f) => contextBreakdown(db, f, "productId")],
  ["cross-tab by NPS", (db, f) => optionsByNps(db, f, "pick")],
  ["cross-tab by context value", (db, f) => optionsByContext(db, f, "pick", "productId")],
  ["responses list and export", (db, f) => listResponses(db, f, { limit: 50, ascending: false, within: WINDOW })],
  [
    "consent records",
    async (db, f) => {
      await consentPage(db, f.siteId, WINDOW, null, 100);
      await consentPage(db, f.siteId, WINDOW, { at: "2026-03-02T10:00:00.000Z", id: "x" }, 100);
    },
  ],
];

/**
 * A step that reads responses, or the context index, without the window's bound: a search by site
 * (or by site and context key or value) alone, or a scan.
 */
const unbounded = (step: string) =>
  /^(SCAN|SEARCH) (r|responses|rc|response_context)\b/.test(step) &&
  !/\b(day|created_at)[<>]\?|\b(id|rowid|response_id)=\?/.test(step);

describe("owner views over raw answers", () => {
  it.each(VIEWS)("%s › every statement searches responses by the window, whatever the filter", async (_, view) => {
    for (const filter of FILTERS) {
      const planned = await plannedStatements((db) => view(db, { siteId: "site_x", ...WINDOW, ...filter }));
      expect(planned.length).toBeGreaterThan(0);
      const found = planned.flatMap(({ plan }) => plan.filter(unbounded));
      expect({ filter, found }).toEqual({ filter, found: [] });
    }
  });
});
