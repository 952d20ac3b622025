/**
 * The funnel of a survey: shown → declined → started → completed, then per question how many
 * responses reached it (their path showed it) and how many answered, with the drop-off at each
 * question. Drawn as centred bars narrowing like a funnel (SVG, classes only: the strict CSP holds),
 * with the same numbers in a table for screen readers.
 */
import type { Funnel as FunnelData, Survey } from "../../../shared/types";
import { indexQuestions, questionTitle } from "../answers";
import { useWidth } from "./charts";
import { TableHead } from "./table";

const ROW = 62;
const BAR = 18;

/** A whole percentage of `of`, or null when there is nothing to compare with. */
export const percentOf = (n: number, of: number | null): number | null => (of ? Math.round((100 * n) / of) : null);

const withPercent = (n: number, of: number | null, what: string) => {
  const p = percentOf(n, of);
  return p === null ? `${n}` : `${n} (${p}% of ${what})`;
};

interface Step {
  key: string;
  label: string;
  /** The bar's length and, for questions, the part that answered. */
  value: number;
  inner?: number;
  note: string;
  kind: "shown" | "declined" | "started" | "completed" | "question" | "heading";
}

/** The rows of the funnel, top to bottom: the stages, then each survey's questions in its order. */
export function funnelSteps(funnel: FunnelData, surveys: readonly Survey[]): Step[] {
  const questions = indexQuestions(surveys);
  const steps: Step[] = [];
  if (funnel.shown !== null) {
    steps.push({ key: "shown", label: "Shown", value: funnel.shown, note: `${funnel.shown}`, kind: "shown" });
    const declined = funnel.declined ?? 0;
    steps.push({
      key: "declined",
      label: "Declined (no thanks)",
      value: declined,
      note: `${withPercent(declined, funnel.shown, "shown")} · ${funnel.dismissed ?? 0} more closed it unanswered`,
      kind: "declined",
    });
  }
  steps.push({
    key: "started",
    label: "Started (answered a question)",
    value: funnel.started,
    note: withPercent(funnel.started, funnel.shown, "shown"),
    kind: "started",
  });
  steps.push({
    key: "completed",
    label: "Completed",
    value: funnel.completed,
    note: withPercent(funnel.completed, funnel.started, "started"),
    kind: "completed",
  });
  const bySurvey = new Map<string, FunnelData["questions"]>();
  for (const q of funnel.questions) bySurvey.set(q.survey, [...(bySurvey.get(q.survey) ?? []), q]);
  for (const [survey, list] of bySurvey) {
    if (bySurvey.size > 1) {
      const name = surveys.find((s) => s.id === survey)?.name ?? survey;
      steps.push({ key: `h-${survey}`, label: name, value: 0, note: "", kind: "heading" });
    }
    list.forEach((q, i) => {
      const left = q.reached - q.answered;
      steps.push({
        key: `${survey}/${q.id}`,
        label: `${i + 1}. ${questionTitle(questions, survey, { question: q.id })}`,
        value: q.reached,
        inner: q.answered,
        note:
          `${q.reached} reached · ${q.answered} answered · ` +
          `${left} skipped or left (${percentOf(left, q.reached) ?? 0}%)`,
        kind: "question",
      });
    });
  }
  return steps;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function FunnelChart({ funnel, surveys }: { funnel: FunnelData; surveys: readonly Survey[] }) {
  const [box, measured] = useWidth(720);
  const steps = funnelSteps(funnel, surveys);
  const W = Math.max(280, measured);
  const top = Math.max(1, ...steps.map((s) => s.value));
  const length = (n: number) => Math.max(n > 0 ? 2 : 0, (n / top) * W);
  const height = steps.length * ROW;
  // About 7 px per character at 12–13 px: long question titles are cut to the width.
  const room = Math.max(12, Math.floor(W / 7) - 2);
  return (
    <div ref={box} class="chart-box" data-testid="funnel">
      <svg
        viewBox={`0 0 ${W} ${height}`}
        class="chart funnel"
        role="img"
        aria-label="Survey funnel, from shown to each question"
      >
        {steps.map((s, i) => {
          const y = i * ROW;
          if (s.kind === "heading") {
            return (
              <text key={s.key} x={0} y={y + 30} class="tick strong">
                {clip(s.label, room)}
              </text>
            );
          }
          const w = length(s.value);
          const x = (W - w) / 2;
          const inner = s.inner === undefined ? null : length(s.inner);
          return (
            <g key={s.key} class={`step ${s.kind}`}>
              <title>{`${s.label}: ${s.note}`}</title>
              <text x={0} y={y + 14} class="tick strong">
                {clip(s.label, room)}
              </text>
              <text x={W / 2} y={y + 20 + BAR + 14} text-anchor="middle" class="tick">
                {clip(s.note, room)}
              </text>
              <rect x={x} y={y + 20} width={w} height={BAR} rx={3} class={inner === null ? "bar" : "bar reached"} />
              {inner !== null ? (
                <rect x={(W - inner) / 2} y={y + 20} width={inner} height={BAR} rx={3} class="bar answered" />
              ) : null}
            </g>
          );
        })}
      </svg>
      <p class="muted small">
        <span class="key answered">answered</span> <span class="key reached">reached, not answered</span> — a question
        is reached when a response's path showed it; logic sends some customers past it.
      </p>
      <table class="sr-only">
        <caption>Survey funnel</caption>
        <TableHead columns={["Step", "Count", "Details"]} />
        <tbody>
          {steps
            .filter((s) => s.kind !== "heading")
            .map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.label}</th>
                <td>{s.value}</td>
                <td>{s.note}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
