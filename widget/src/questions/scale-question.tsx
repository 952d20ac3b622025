/**
 * NPS (0–10), CSAT (1–5) and CES (1–7): a radio group whose options are named by their number
 * ("0" … "10"); CSAT and CES add their words for screen readers. End labels describe the group.
 */
import { SCORE_RANGE } from "../../../shared/constants";
import { localizedText } from "../../../shared/localized";
import { Options } from "./options";
import type { QuestionProps } from "./types";

export function ScaleQuestion({ q, value, onChange, s, locale, labelId }: Readonly<QuestionProps>) {
  const [lo, hi] = SCORE_RANGE[q.type as keyof typeof SCORE_RANGE];
  const words = q.type === "nps" ? null : q.type === "ces" ? s.ces : s.csat;
  const low = localizedText(q.labels?.low, locale) || (words ? words[0] : s.npsLow);
  const high = localizedText(q.labels?.high, locale) || (words ? words[words.length - 1]! : s.npsHigh);
  return (
    <>
      <Options
        name={q.id}
        cls={q.type === "nps" ? "n" : `k${hi}`}
        labelledBy={labelId}
        describedBy={`${q.id}-e`}
        choices={Array.from({ length: hi - lo + 1 }, (_, i) => ({
          value: lo + i,
          label: String(lo + i),
          sr: words?.[i],
        }))}
        selected={value === undefined ? [] : [value as number]}
        onToggle={(v) => onChange(v as number)}
      />
      <div class="e" id={`${q.id}-e`}>
        <span>
          {lo} = {low}
        </span>
        <span>
          {hi} = {high}
        </span>
      </div>
    </>
  );
}
