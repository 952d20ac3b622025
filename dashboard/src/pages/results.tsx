/** Results: NPS with its margin, split, trend, distribution, CSAT and CES, per product, text answers, export. */
import { useEffect, useState } from "preact/hooks";
import type { ResponseItem, Site, Summary, Survey } from "../../../shared/types";
import { api, qs } from "../api";
import { Distribution, SplitBar, TrendChart } from "../components/charts";

interface Breakdown { rows: { value: string; responses: number; nps: { score: number | null; count: number }; csat: { score: number | null; count: number } }[] }

const day = (offset: number) => new Date(Date.now() - offset * 864e5).toISOString().slice(0, 10);
const fmt = (n: number | null | undefined, suffix = "") => (n === null || n === undefined ? "—" : `${n}${suffix}`);

export function ResultsPage({ site }: { site: Site }) {
  const [preset, setPreset] = useState("30");
  const [from, setFrom] = useState(day(29));
  const [to, setTo] = useState(day(0));
  const [survey, setSurvey] = useState("");
  const [locale, setLocale] = useState("");
  const [page, setPage] = useState("");
  const [product, setProduct] = useState("");
  const [interval, setInterval] = useState<"day" | "week" | "month">("day");
  const [search, setSearch] = useState("");
  const [surveys, setSurveys] = useState<Survey[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [breakdown, setBreakdown] = useState<Breakdown | null>(null);
  const [texts, setTexts] = useState<ResponseItem[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => void api<Survey[]>("GET", `/api/sites/${site.id}/surveys`).then(setSurveys), [site.id]);

  const filters = { from, to, survey, locale, page, context: product ? `productId:${product}` : "" };
  const key = JSON.stringify([site.id, filters, interval]);
  useEffect(() => {
    setLoading(true);
    Promise.all([
      api<Summary>("GET", `/api/sites/${site.id}/summary${qs({ ...filters, interval })}`).then(setSummary),
      api<Breakdown>("GET", `/api/sites/${site.id}/breakdown${qs({ from, to, survey, locale, page, key: "productId" })}`).then(setBreakdown, () => setBreakdown(null)),
    ]).finally(() => setLoading(false));
  }, [key]);
  useEffect(() => {
    const t = setTimeout(() => {
      void api<{ items: ResponseItem[] }>("GET", `/api/sites/${site.id}/responses${qs({ ...filters, q: search, limit: 50 })}`).then((r) =>
        setTexts(r.items.filter((i) => i.answers.some((a) => a.type === "text"))),
      );
    }, 250);
    return () => clearTimeout(t);
  }, [key, search]);

  const choosePreset = (p: string) => {
    setPreset(p);
    if (p !== "custom") {
      setFrom(day(Number(p) - 1));
      setTo(day(0));
    }
  };

  const s = summary;
  return (
    <>
      <h1>Results</h1>
      <form class="filters card" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>Period
          <select value={preset} onChange={(e) => choosePreset(e.currentTarget.value)}>
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
            <option value="custom">Custom</option>
          </select>
        </label>
        {preset === "custom" ? (
          <>
            <label>From <input type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} /></label>
            <label>To <input type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} /></label>
          </>
        ) : null}
        <label>Survey
          <select value={survey} onChange={(e) => setSurvey(e.currentTarget.value)}>
            <option value="">All surveys</option>
            {surveys.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        </label>
        <label>Language
          <select value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
            <option value="">All</option>
            {["en", "ro", "pl", "cs", "hy", "de", "fr", "es", "ar", "he"].map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </label>
        <label>Page <input placeholder="https://shop.example/checkout/thank-you" value={page} onChange={(e) => setPage(e.currentTarget.value)} /></label>
        <label>Product <input placeholder="productId" value={product} onChange={(e) => setProduct(e.currentTarget.value)} /></label>
        <a class="button secondary" href={`/api/sites/${site.id}/export.csv${qs(filters)}`} download>Export CSV</a>
      </form>

      {!s ? <p class="loading">Loading…</p> : (
        <div class={loading ? "grid busy" : "grid"} aria-busy={loading}>
          <section class="card kpi" aria-labelledby="nps-h">
            <h2 id="nps-h">Net Promoter Score</h2>
            <p class="big" data-testid="nps-score">{fmt(s.nps.score)}</p>
            <p class="muted" data-testid="nps-margin">{s.nps.marginOfError === null ? "not enough answers for a margin" : `± ${s.nps.marginOfError} (95%)`}</p>
            <SplitBar promoters={s.nps.promoters} passives={s.nps.passives} detractors={s.nps.detractors} />
            <dl class="split-legend">
              <div><dt>Promoters</dt><dd data-testid="promoters">{s.nps.promoters}</dd></div>
              <div><dt>Passives</dt><dd data-testid="passives">{s.nps.passives}</dd></div>
              <div><dt>Detractors</dt><dd data-testid="detractors">{s.nps.detractors}</dd></div>
            </dl>
          </section>
          <section class="card kpi">
            <h2>Responses</h2>
            <p class="big" data-testid="responses">{s.responses}</p>
            <p class="muted">{s.nps.count} NPS answers</p>
          </section>
          <section class="card kpi">
            <h2>CSAT</h2>
            <p class="big" data-testid="csat-score">{fmt(s.csat.score, "%")}</p>
            <p class="muted">average {fmt(s.csat.average)} / 5 · {s.csat.count} answers</p>
          </section>
          <section class="card kpi">
            <h2>Customer effort</h2>
            <p class="big">{fmt(s.ces.average)}</p>
            <p class="muted">average of 1–7 · {s.ces.count} answers</p>
          </section>
          <section class="card wide">
            <div class="row">
              <h2>Trend</h2>
              <label>By <select value={interval} onChange={(e) => setInterval(e.currentTarget.value as "day")}>
                <option value="day">day</option><option value="week">week</option><option value="month">month</option>
              </select></label>
            </div>
            <TrendChart points={s.trend} label="NPS and CSAT over time" />
          </section>
          <section class="card wide">
            <h2>NPS distribution (0–10)</h2>
            <Distribution counts={s.nps.distribution} label="Number of answers per NPS score" />
          </section>
          <section class="card">
            <h2>CSAT distribution (1–5)</h2>
            <Distribution counts={s.csat.distribution} first={1} label="Number of answers per CSAT score" />
          </section>
          <section class="card">
            <h2>CES distribution (1–7)</h2>
            <Distribution counts={s.ces.distribution} first={1} label="Number of answers per CES score" />
          </section>
          <section class="card wide">
            <h2>Satisfaction per product</h2>
            {breakdown && breakdown.rows.length ? (
              <table>
                <thead><tr><th>productId</th><th>Responses</th><th>NPS</th><th>NPS answers</th><th>CSAT</th><th>CSAT answers</th></tr></thead>
                <tbody>
                  {breakdown.rows.map((r) => (
                    <tr key={r.value}>
                      <td><button type="button" class="link" onClick={() => setProduct(r.value)}>{r.value}</button></td>
                      <td>{r.responses}</td><td>{fmt(r.nps.score)}</td><td>{r.nps.count}</td><td>{fmt(r.csat.score, "%")}</td><td>{r.csat.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : <p class="empty">No product context yet: add <code>data-context-product-id</code> to the snippet.</p>}
          </section>
          <section class="card wide">
            <div class="row">
              <h2>What customers wrote</h2>
              <input type="search" placeholder="Search answers" aria-label="Search text answers" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
            </div>
            {texts.length === 0 ? <p class="empty">No text answers.</p> : (
              <ul class="texts" data-testid="texts">
                {texts.map((r) => {
                  const nps = r.answers.find((a) => a.type === "nps")?.value;
                  return (
                    <li key={r.id}>
                      {r.answers.filter((a) => a.type === "text").map((a) => <blockquote key={a.question}>{String(a.value)}</blockquote>)}
                      <span class="muted">{nps !== undefined ? `NPS ${nps} · ` : ""}{r.locale ?? ""} · {r.createdAt.slice(0, 10)}{r.context.productId ? ` · ${r.context.productId}` : ""}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </div>
      )}
      <p class="muted">Raw answers older than {site.retentionDays} days are deleted; their anonymous daily totals stay in these scores and trends.</p>
    </>
  );
}
