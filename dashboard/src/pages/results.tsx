/**
 * Results: NPS with its 95% interval, split, trend, distributions, CSAT and CES, the funnel, choice
 * questions and the cross-tab, per product, text answers, export.
 */
import { useEffect, useState } from "preact/hooks";
import type { Site, Summary, Survey } from "../../../shared/types";
import { api, qs } from "../api";
import { ChannelSplit } from "../components/channel-split";
import { Distribution, SplitBar, TrendChart } from "../components/charts";
import { PeriodComparison } from "../components/comparison";
import { DeliveryHealth } from "../components/delivery-health";
import { Download } from "../components/download";
import { EngineResults } from "../components/engine-results";
import { FilterBar, type Filters, filterQuery, filtersFromParams, filtersToParams } from "../components/filters";
import { ErrorBox } from "../components/form";
import { Uncertainty } from "../components/interval";
import { PerContext } from "../components/per-context";
import { SegmentLegend } from "../components/segment-legend";
import { TextAnswers } from "../components/text-answers";
import { PartialNote } from "../components/view-status";
import { fmt } from "../format";

type Interval = "day" | "week" | "month";
const storageKey = (siteId: string) => `feedback:results:${siteId}`;

/** The view from the hash query (a link or a reload), else from this tab's last visit of the site. */
function initialView(siteId: string): { filters: Filters; interval: Interval } {
  let query = location.hash.split("?")[1] ?? "";
  if (!query) {
    try {
      query = sessionStorage.getItem(storageKey(siteId)) ?? "";
    } catch {
      // Storage can be disabled: the defaults will do.
    }
  }
  const params = new URLSearchParams(query);
  const interval = params.get("interval");
  return {
    filters: filtersFromParams(params),
    interval: interval === "week" || interval === "month" ? interval : "day",
  };
}

function rememberView(siteId: string, filters: Filters, interval: Interval) {
  const params = filtersToParams(filters);
  if (interval !== "day") params.set("interval", interval);
  const query = params.toString();
  // replaceState: no history entry per filter change, and no hashchange (the page stays mounted).
  history.replaceState(history.state, "", `#/sites/${siteId}/results${query ? `?${query}` : ""}`);
  try {
    sessionStorage.setItem(storageKey(siteId), query);
  } catch {
    // Not remembered across tabs of the app: harmless.
  }
}

export function ResultsPage({ site, surveys }: { site: Site; surveys: Survey[] }) {
  const [initial] = useState(() => initialView(site.id));
  const [filters, setFilters] = useState<Filters>(initial.filters);
  const [interval, setInterval] = useState<Interval>(initial.interval);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const query = filterQuery(filters);
  const key = JSON.stringify([site.id, query, interval]);
  useEffect(() => rememberView(site.id, filters, interval), [JSON.stringify(filters), interval]);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api<Summary>("GET", `/api/sites/${site.id}/summary${qs({ ...query, interval })}`)
      .then(
        (s) => live && setSummary(s),
        (err) => live && setError(err),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key]);

  const s = summary;
  const npsTotal = s ? s.nps.promoters + s.nps.passives + s.nps.detractors : 0;
  return (
    <>
      <div class="row">
        <h1>Results</h1>
        <div class="actions">
          <Download href={`/api/sites/${site.id}/export.csv${qs(query)}`} label="Export CSV" />
          <Download
            href={`/api/sites/${site.id}/consents.csv${qs({ from: query.from, to: query.to })}`}
            label="Consent records"
          />
        </div>
      </div>
      <FilterBar value={filters} surveys={surveys} onChange={setFilters} />
      <ErrorBox error={error} />
      {s ? <PartialNote view={s} /> : null}
      {!s ? (
        error ? null : (
          <p class="loading" aria-live="polite">
            Loading results…
          </p>
        )
      ) : (
        <div class={loading ? "grid busy" : "grid"} aria-busy={loading}>
          <section class="card kpi nps-card" aria-labelledby="nps-h">
            <h2 id="nps-h">Net Promoter Score</h2>
            <p class="big" data-testid="nps-score">
              {fmt(s.nps.score)}
            </p>
            <Uncertainty interval={s.nps.interval} count={s.nps.count} testId="nps" />
            <PeriodComparison site={site} summary={s} query={query} />
            {npsTotal ? (
              <SplitBar promoters={s.nps.promoters} passives={s.nps.passives} detractors={s.nps.detractors} />
            ) : null}
            <SegmentLegend nps={s.nps} />
          </section>
          <section class="card kpi" aria-labelledby="resp-h">
            <h2 id="resp-h">Responses</h2>
            <p class="big" data-testid="responses">
              {s.responses}
            </p>
            <p class="muted">
              <span data-testid="completed">{s.completed}</span> complete · {s.nps.count} NPS answers · {s.from} –{" "}
              {s.to}
            </p>
          </section>
          <section class="card kpi" aria-labelledby="csat-h">
            <h2 id="csat-h">CSAT</h2>
            <p class="big" data-testid="csat-score">
              {fmt(s.csat.score, "%")}
            </p>
            <Uncertainty interval={s.csat.interval} count={s.csat.count} unit="%" testId="csat" />
            <p class="muted">
              satisfied (4–5) · average {fmt(s.csat.average)} / 5 · {s.csat.count} answers
            </p>
          </section>
          <section class="card kpi" aria-labelledby="ces-h">
            <h2 id="ces-h">Customer effort</h2>
            <p class="big" data-testid="ces-average">
              {fmt(s.ces.average)}
            </p>
            <Uncertainty interval={s.ces.interval} count={s.ces.count} testId="ces" />
            <p class="muted">average of 1–7 (7 = very easy) · {s.ces.count} answers</p>
          </section>
          <section class="card wide" aria-labelledby="trend-h">
            <div class="row">
              <h2 id="trend-h">NPS and CSAT trend</h2>
              <label class="inline">
                By{" "}
                <select value={interval} onChange={(e) => setInterval(e.currentTarget.value as Interval)}>
                  <option value="day">day</option>
                  <option value="week">week</option>
                  <option value="month">month</option>
                </select>
              </label>
            </div>
            <TrendChart points={s.trend} label="NPS and CSAT over time" />
          </section>
          <ChannelSplit channels={s.channels} onPick={(channel) => setFilters({ ...filters, channel })} />
          <section class="card wide" aria-labelledby="dist-h">
            <h2 id="dist-h">NPS distribution (0–10)</h2>
            {s.nps.count ? (
              <Distribution counts={s.nps.distribution} label="Number of answers per NPS score" />
            ) : (
              <p class="empty">No NPS answer in this period.</p>
            )}
          </section>
          <section class="card half" aria-labelledby="csatd-h">
            <h2 id="csatd-h">CSAT distribution (1–5)</h2>
            {s.csat.count ? (
              <Distribution counts={s.csat.distribution} first={1} label="Number of answers per CSAT score" />
            ) : (
              <p class="empty">No CSAT answer in this period.</p>
            )}
          </section>
          <section class="card half" aria-labelledby="cesd-h">
            <h2 id="cesd-h">Effort distribution (1–7)</h2>
            {s.ces.count ? (
              <Distribution counts={s.ces.distribution} first={1} label="Number of answers per CES score" />
            ) : (
              <p class="empty">No effort answer in this period.</p>
            )}
          </section>
          <EngineResults site={site} surveys={surveys} summary={s} range={{ from: query.from, to: query.to }} />
          <PerContext
            site={site}
            filters={filters}
            onPick={(k, v) => setFilters({ ...filters, contextKey: k, contextValue: v })}
          />
          <TextAnswers site={site} filters={filters} surveys={surveys} />
        </div>
      )}
      <p class="muted small" data-testid="retention-note">
        Raw answers older than {site.retentionDays} days are deleted; their anonymous daily totals stay in these scores
        and trends.
        {query.locale || query.page || query.context
          ? " Filters by language, page or shop context read the raw answers, so they cover only the last " +
            `${site.retentionDays} days.`
          : ""}
      </p>
      {s ? <DeliveryHealth site={site} from={s.from} to={s.to} /> : null}
    </>
  );
}
