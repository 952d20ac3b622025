/**
 * One choice or multi question's results: a bar per option at its share of the answers (multi:
 * of the respondents, so shares add up past 100%), with a whisker over its Wilson 95% interval, so
 * a lead of a few answers is not read as a win. The numbers are also in a table for screen readers.
 */
import { localizedText } from "../../../shared/localized";
import type { Question, QuestionResult } from "../../../shared/types";
import { useWidth } from "./charts";
import { TableHead } from "./table";

const ROW = 34;
const PAD = { t: 8, b: 26 };

/** An option's label as the owner wrote it (English, else the first language), or its id. */
export const optionLabel = (question: Question | undefined, id: string): string =>
  localizedText(question?.options?.find((o) => o.id === id)?.text, "en", id);

export function ChoiceChart({ result, question }: { result: QuestionResult; question: Question | undefined }) {
  const [box, measured] = useWidth(560);
  const W = Math.max(260, measured);
  // Labels take up to 40% of the width; the bars the rest, 0–100% (an interval never passes 100).
  const labelW = Math.min(200, Math.round(W * 0.4));
  const barW = W - labelW - 56;
  const x = (share: number) => labelW + (share / 100) * barW;
  const height = PAD.t + result.options.length * ROW + PAD.b;
  const title = localizedText(question?.text, "en", result.id);
  const shareOf = result.type === "multi" ? "respondents" : "answers";
  const label = `${title}: share of ${shareOf} per option, with 95% intervals`;
  const maxChars = Math.max(6, Math.floor(labelW / 7.2));
  return (
    <div ref={box} class="chart-box">
      <svg viewBox={`0 0 ${W} ${height}`} class="chart choice-chart" role="img" aria-label={label}>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={PAD.t} y2={height - PAD.b} class={v === 0 ? "axis" : "grid"} />
            <text x={x(v)} y={height - 8} text-anchor="middle" class="tick">
              {v}%
            </text>
          </g>
        ))}
        {result.options.map((o, i) => {
          const y = PAD.t + i * ROW;
          const text = optionLabel(question, o.id);
          const mid = y + ROW / 2;
          return (
            <g key={o.id} class="option" data-option={o.id}>
              <title>
                {o.share === null
                  ? `${text}: no answers`
                  : `${text}: ${o.share}% (${o.count}), 95% between ${o.low}% and ${o.high}%`}
              </title>
              <text x={labelW - 8} y={mid + 4} text-anchor="end" class="tick strong">
                {text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text}
              </text>
              <rect x={labelW} y={mid - 9} width={((o.share ?? 0) / 100) * barW} height={18} rx={2} class="bar" />
              {o.low !== null && o.high !== null ? (
                <g class="whisker">
                  <line x1={x(o.low)} x2={x(o.high)} y1={mid} y2={mid} />
                  <line x1={x(o.low)} x2={x(o.low)} y1={mid - 6} y2={mid + 6} />
                  <line x1={x(o.high)} x2={x(o.high)} y1={mid - 6} y2={mid + 6} />
                </g>
              ) : null}
              <text x={W - 4} y={mid + 4} text-anchor="end" class="tick">
                {o.share === null ? "—" : `${o.share}%`}
              </text>
            </g>
          );
        })}
      </svg>
      <table class="sr-only">
        <caption>{label}</caption>
        <TableHead columns={["Option", "Chosen by", "Share %", "95% low", "95% high"]} />
        <tbody>
          {result.options.map((o) => (
            <tr key={o.id}>
              <th scope="row">{optionLabel(question, o.id)}</th>
              <td>{o.count}</td>
              <td>{o.share ?? "—"}</td>
              <td>{o.low ?? "—"}</td>
              <td>{o.high ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
