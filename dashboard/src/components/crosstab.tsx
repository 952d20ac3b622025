/**
 * A cross-tab of any choice question by NPS segment or by a shop-context key (such as productId):
 * per option, the share of each column's respondents who chose it. Read from raw answers by the
 * collector (GET /crosstab); a table, shaded by share, so it reads the same to everyone.
 */
import { useState } from "preact/hooks";
import { CONTEXT_KEY_PATTERN } from "../../../shared/constants";
import type { CrossTab, QuestionResult, Site, Survey } from "../../../shared/types";
import { indexQuestions, questionTitle } from "../answers";
import { qs } from "../api";
import { useApiGet } from "../use-api";
import { optionLabel } from "./choice-chart";
import { ContextKeyInput } from "./context-key-input";
import { ScrollTable } from "./table";
import { ViewStatus } from "./view-status";

const SEGMENT_LABEL: Record<string, string> = {
  promoter: "Promoters (9–10)",
  passive: "Passives (7–8)",
  detractor: "Detractors (0–6)",
};

/** One of six shades, so that a high share stands out without an inline style (strict CSP). */
const shade = (share: number | null) => (share === null ? "heat-none" : `heat-${Math.min(5, Math.floor(share / 20))}`);

export function CrossTabCard({
  site,
  surveys,
  questions,
  range,
}: {
  site: Site;
  surveys: readonly Survey[];
  /** The choice and multi questions of the summary. */
  questions: readonly QuestionResult[];
  range: { from?: string; to?: string };
}) {
  const [picked, setPicked] = useState("");
  const [by, setBy] = useState<"segment" | "context">("segment");
  const [key, setKey] = useState("productId");
  const index = indexQuestions(surveys);
  const chosen = questions.find((q) => `${q.survey}/${q.id}` === picked) ?? questions[0];
  const byParam = by === "segment" ? "segment" : `context:${key}`;
  const query = chosen
    ? qs({ survey: chosen.survey, question: chosen.id, by: byParam, from: range.from, to: range.to })
    : "";
  const { data, error } = useApiGet<CrossTab>(
    chosen && (by === "segment" || CONTEXT_KEY_PATTERN.test(key)) ? `/api/sites/${site.id}/crosstab${query}` : null,
  );

  if (!chosen) return null;
  const surveyName = (id: string) => surveys.find((s) => s.id === id)?.name ?? id;
  const question = index.get(`${chosen.survey}/${chosen.id}`);
  const columnLabel = (id: string) => (by === "segment" ? (SEGMENT_LABEL[id] ?? id) : id);
  return (
    <section class="card wide" aria-labelledby="xtab-h">
      <h2 id="xtab-h">Cross-tab</h2>
      <div class="toolbar">
        <label class="inline">
          Question{" "}
          <select
            aria-label="Cross-tab question"
            value={`${chosen.survey}/${chosen.id}`}
            onChange={(e) => setPicked(e.currentTarget.value)}
          >
            {questions.map((q) => (
              <option key={`${q.survey}/${q.id}`} value={`${q.survey}/${q.id}`}>
                {surveys.length > 1 ? `${surveyName(q.survey)} › ` : ""}
                {questionTitle(index, q.survey, { question: q.id })}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          Columns{" "}
          <select
            aria-label="Cross-tab columns"
            value={by}
            onChange={(e) => setBy(e.currentTarget.value as "segment" | "context")}
          >
            <option value="segment">NPS segment</option>
            <option value="context">Context key</option>
          </select>
        </label>
        {by === "context" ? <ContextKeyInput text="Key" name="Cross-tab key" value={key} onChange={setKey} /> : null}
      </div>
      <ViewStatus error={error} view={data} />
      {data === null ? null : data.columns.length === 0 ? (
        <p class="empty">
          {by === "segment"
            ? "No response answered both this question and the NPS question in this period."
            : `No answer to this question carries ${key} in this period.`}
        </p>
      ) : (
        <ScrollTable
          class="crosstab"
          testId="crosstab"
          caption={
            <caption class="muted small">
              Share of each column's respondents who chose the option
              {chosen.type === "multi" ? " (several choices each: columns add up past 100%)" : ""}
            </caption>
          }
          columns={[
            "Option",
            ...data.columns.map((c) => ({
              key: c.id,
              num: true,
              label: (
                <>
                  {columnLabel(c.id)}
                  <br />
                  <small class="muted">{c.respondents} respondents</small>
                </>
              ),
            })),
          ]}
        >
          {data.rows.map((r) => (
            <tr key={r.option}>
              <th scope="row">{optionLabel(question, r.option)}</th>
              {r.shares.map((share, i) => (
                <td class={`num ${shade(share)}`} key={data.columns[i]!.id}>
                  {share === null ? "—" : `${share}%`} <small class="muted">({r.counts[i]})</small>
                </td>
              ))}
            </tr>
          ))}
        </ScrollTable>
      )}
    </section>
  );
}
