/** Free text with a live counter; scrolled into view on focus so a phone's keyboard does not hide it. */
import { MAX_TEXT_ANSWER } from "../../../shared/constants";
import type { QuestionProps } from "./types";

export function TextQuestion({ q, value, onChange, s, labelId }: Readonly<QuestionProps>) {
  const text = (value as string | undefined) ?? "";
  return (
    <>
      <textarea
        aria-labelledby={labelId}
        aria-describedby={`${q.id}-n`}
        maxLength={MAX_TEXT_ANSWER}
        value={text}
        onInput={(e) => onChange((e.currentTarget as HTMLTextAreaElement).value || undefined)}
        onFocus={(e) => {
          // Read now: after dispatch a shadow-tree event's target is reset to null.
          const field = e.currentTarget as HTMLElement;
          setTimeout(() => field.isConnected && field.scrollIntoView({ block: "nearest" }), 300);
        }}
      />
      {/* No live region: announcing every keystroke drowns the text being typed; the count is its description. */}
      <div class="fb-ends" id={`${q.id}-n`}>
        <span />
        <span>{s.left.replace("{n}", String(MAX_TEXT_ANSWER - text.length))}</span>
      </div>
    </>
  );
}
