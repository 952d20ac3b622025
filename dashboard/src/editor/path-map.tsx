/**
 * A small picture of the paths beside the editor: the questions top to bottom, a grey line to the
 * next question (where customers go when no rule holds), a blue arc for each jump rule labelled
 * with its condition. The same in words below it, for everyone and for screen readers.
 */
import { END_OF_SURVEY } from "../../../shared/constants";
import { localizedText } from "../../../shared/localized";
import type { Question } from "../../../shared/types";
import { ruleWords, shortCondition, targetName } from "./logic-words";

const GAP = 46;
const NODE = { x: 6, w: 172, h: 28 };
const LANE = 20;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface Jump {
  from: number;
  to: number;
  label: string;
}

/**
 * Each rule as a jump between positions (the end is position `questions.length`), rules between the
 * same two questions as one jump ("answered or skipped"); jumps the save would refuse are left out.
 */
export function jumpsOf(questions: readonly Question[]): Jump[] {
  const jumps: Jump[] = [];
  questions.forEach((q, i) => {
    for (const rule of q.logic ?? []) {
      const to = rule.goto === END_OF_SURVEY ? questions.length : questions.findIndex((x) => x.id === rule.goto);
      if (to <= i) continue;
      const same = jumps.find((j) => j.from === i && j.to === to);
      if (same) same.label += ` or ${shortCondition(q, rule.if)}`;
      else jumps.push({ from: i, to, label: shortCondition(q, rule.if) });
    }
  });
  return jumps;
}

export function PathMap({ questions }: { questions: readonly Question[] }) {
  const jumps = jumpsOf(questions);
  const n = questions.length;
  const centre = (k: number) => 10 + k * GAP + NODE.h / 2;
  const right = NODE.x + NODE.w;
  const width = right + 24 + jumps.length * LANE + 130;
  const height = 20 + n * GAP + NODE.h;
  const names = [...questions.map((q, i) => `${i + 1}. ${localizedText(q.text, "en", q.id)}`), "End"];
  return (
    <section class="card path-map" aria-labelledby="paths-h">
      <h2 id="paths-h">Paths</h2>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label="Which question leads where"
        aria-describedby="paths-words"
        data-testid="path-map"
      >
        {names.map((name, k) => (
          <g key={k}>
            {k < n ? (
              <line
                x1={NODE.x + 20}
                x2={NODE.x + 20}
                y1={centre(k) + NODE.h / 2}
                y2={centre(k + 1) - NODE.h / 2}
                class="edge"
              />
            ) : null}
            <rect
              x={NODE.x}
              y={centre(k) - NODE.h / 2}
              width={NODE.w}
              height={NODE.h}
              rx={6}
              class={k < n ? "node" : "node end"}
            />
            <text x={NODE.x + 8} y={centre(k) + 4} class="tick strong">
              {clip(name, 22)}
            </text>
          </g>
        ))}
        {jumps.map((j, k) => {
          const x = right + 18 + k * LANE;
          const [y1, y2] = [centre(j.from), centre(j.to)];
          return (
            <g key={`${j.from}-${j.to}-${k}`} class="jump" data-testid="jump">
              <path d={`M${right},${y1} C${x},${y1} ${x},${y2} ${right + 6},${y2}`} class="edge jump" />
              <path d={`M${right},${y2} l8,-4 v8 z`} class="arrow jump" />
              {/* Beside the arc's farthest point (three quarters of the way to its control points). */}
              <text x={right + 0.75 * (x - right) + 4} y={(y1 + y2) / 2 + 4} class="tick">
                {clip(j.label, 20)}
              </text>
            </g>
          );
        })}
      </svg>
      <ol id="paths-words" data-testid="path-words">
        {questions.map((q, i) => (
          <li key={q.id || i}>
            {localizedText(q.text, "en", q.id)}
            {(q.logic ?? []).map((rule, k) => (
              <span key={k}> — {ruleWords(questions, q, rule).replace(/^If/, "if")}</span>
            ))}
            <span>
              {" "}
              — {q.logic?.length ? "otherwise" : "then"}: {targetName(questions, questions[i + 1]?.id ?? END_OF_SURVEY)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
