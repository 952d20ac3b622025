/**
 * NPS (0–10), CSAT (1–5) and CES (1–7): a radio group named by the numbers ("0" … "10"), drawn as
 * numbers, or as stars (CSAT) or faces (CSAT, CES) from widget-plus.js; CSAT and CES add their words
 * for screen readers. End labels describe the group.
 */
import { SCORE_RANGE, type ScaleType } from "../../../shared/constants";
import { localizedText } from "../../../shared/localized";
import { Options } from "./options";
import type { QuestionProps } from "./types";

export function ScaleQuestion({ q, value, onChange, s, locale, labelId, faces }: Readonly<QuestionProps>) {
  const [lo, hi] = SCORE_RANGE[q.type as ScaleType];
  const words = q.type === "nps" ? null : q.type === "ces" ? s.ces : s.csat;
  const low = localizedText(q.labels?.low, locale) || (words ? words[0] : s.npsLow);
  const high = localizedText(q.labels?.high, locale) || (words ? words[words.length - 1]! : s.npsHigh);
  const count = hi - lo + 1;
  const pictures = q.style && faces ? faces(count, q.style) : null;
  return (
    <>
      <Options
        name={q.id}
        variant={q.type === "nps" ? "nps" : q.style === "stars" && pictures ? "row fb-options--stars" : "row"}
        labelledBy={labelId}
        describedBy={`${q.id}-ends`}
        choices={Array.from({ length: count }, (_, i) => ({
          value: lo + i,
          label: String(lo + i),
          face: pictures?.[i],
          sr: words?.[i],
        }))}
        selected={value === undefined ? [] : [value as number]}
        onToggle={(v) => onChange(v as number)}
      />
      <div class="fb-ends" id={`${q.id}-ends`}>
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
