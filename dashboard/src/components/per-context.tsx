/** The results page's table of satisfaction per value of a context key (per product by default). */
import { useState } from "preact/hooks";
import { CONTEXT_KEY_PATTERN } from "../../../shared/constants";
import type { Breakdown, Interval, Site } from "../../../shared/types";
import { qs } from "../api";
import { fmt } from "../format";
import { useApiGet } from "../use-api";
import { VsRest } from "./comparison";
import { ContextKeyInput } from "./context-key-input";
import { type Filters, filterQuery } from "./filters";
import { IntervalRange } from "./interval";
import { type Column, ScrollTable } from "./table";
import { ViewStatus } from "./view-status";

const breakdownColumns = (key: string): Column[] => [
  { label: key, key: "value" },
  ...["Responses", "NPS", "NPS answers"].map((label) => ({ label, num: true })),
  {
    label: "NPS vs the rest",
    num: true,
    title: "This NPS minus that of all the others, and whether chance explains it",
  },
  ...["CSAT", "CSAT answers", "Effort"].map((label) => ({ label, num: true })),
];

/**
 * Satisfaction per product (or any context key): NPS and CSAT with their 95% intervals and counts,
 * and whether each NPS differs from the rest beyond chance.
 */
export function PerContext({
  site,
  filters,
  onPick,
}: {
  site: Site;
  filters: Filters;
  onPick(key: string, value: string): void;
}) {
  const [key, setKey] = useState("productId");
  const q = filterQuery(filters);
  const { data, error } = useApiGet<Breakdown>(
    CONTEXT_KEY_PATTERN.test(key) ? `/api/sites/${site.id}/breakdown${qs({ key, ...q, context: undefined })}` : null,
  );

  return (
    <section class="card wide" aria-labelledby="per-h">
      <div class="row">
        <h2 id="per-h">Satisfaction per {key === "productId" ? "product" : key}</h2>
        <ContextKeyInput text="Context key" value={key} onChange={setKey} />
      </div>
      <ViewStatus error={error} view={data} />
      {data === null ? null : data.rows.length === 0 ? (
        <p class="empty">
          No answer carries <code>{key}</code> yet: add{" "}
          <code>data-context-{key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="…"</code> to the snippet.
        </p>
      ) : (
        <ScrollTable testId="breakdown" columns={breakdownColumns(key)}>
          {data.rows.map((r) => (
            <tr key={r.value}>
              <th scope="row">
                <button
                  type="button"
                  class="link"
                  title={`Filter the results by ${key} = ${r.value}`}
                  onClick={() => onPick(key, r.value)}
                >
                  {r.value}
                </button>
              </th>
              <td class="num">{r.responses}</td>
              <td class="num">
                <NpsCell score={r.nps.score} interval={r.nps.interval} />
              </td>
              <td class="num">{r.nps.count}</td>
              <td class="num">
                <VsRest c={r.nps.vsRest} />
              </td>
              <td class="num">
                {fmt(r.csat.score, "%")}
                <IntervalRange interval={r.csat.interval} unit="%" />
              </td>
              <td class="num">{r.csat.count}</td>
              <td class="num">{fmt(r.ces.average)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </section>
  );
}

function NpsCell({ score, interval }: { score: number | null; interval: Interval | null }) {
  if (score === null) return <>—</>;
  const tone = score >= 30 ? "good" : score >= 0 ? "fair" : "poor";
  return (
    <>
      <span class={`nps-${tone}`}>{score}</span>
      <IntervalRange interval={interval} />
    </>
  );
}
