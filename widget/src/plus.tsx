// @jsxRuntime classic
// @jsx h
// @jsxFrag Fragment
/**
 * widget-plus.js: what only some surveys need, fetched beside the UI only for them (the UI bundle
 * stays within its byte budget; shared/widget-parts.ts says which): the path through a survey with
 * logic (shared/logic.ts), choice lists, thumbs, stars and faces (Unicode: no image or font from
 * outside), the reward, the centred modal's focus trap, and the look of a centred modal, of a
 * survey drawn in place (inline) and of the dashboard's preview. It draws with the UI's own Preact
 * (handed over as a kit), never a second copy.
 */
import { nextIndex, surveyPath } from "../../shared/logic";
import type { Kit, Plus } from "./contract";
import CSS from "./plus.css?inline";
import { choiceQuestion } from "./questions/choice-question";
import type { QuestionProps } from "./questions/types";

/** Faces from unhappy to happy, for 5 and for 7 steps. */
const FACES: Record<number, string[]> = {
  5: ["😠", "🙁", "😐", "🙂", "😄"],
  7: ["😫", "😠", "🙁", "😐", "🙂", "😊", "😄"],
};

export const makePlus = ({ h, Fragment, Options }: Kit): Plus => ({
  nextIndex,
  surveyPath,
  faces: (count, style) =>
    style === "stars" ? Array(count).fill("★") : style === "emoji" ? (FACES[count] ?? null) : null,
  css: CSS,
  Choice: choiceQuestion({ h, Fragment, Options }),

  /** Thumbs up (1) or down (0): two radios named in the visitor's language, drawn as 👍 and 👎. */
  Thumbs: ({ q, value, onChange, s, labelId }: QuestionProps) => (
    <Options
      name={q.id}
      variant="row"
      labelledBy={labelId}
      choices={[
        { value: 1, label: s.thumbsUp, face: "👍" },
        { value: 0, label: s.thumbsDown, face: "👎" },
      ]}
      selected={value === undefined ? [] : [value as number]}
      onToggle={(v) => onChange(v as number)}
    />
  ),

  /** The owner's thanks after a completed survey: a text and a discount code to copy. */
  Reward: ({ text, code, copy, copied }: { text: string; code: string | undefined; copy: string; copied(): void }) => (
    <>
      <p>{text}</p>
      {code ? (
        <div class="fb-reward">
          <code>{code}</code>
          <button type="button" onClick={() => navigator.clipboard?.writeText(code).then(copied, () => {})}>
            {copy}
          </button>
        </div>
      ) : null}
    </>
  ),

  /**
   * The centred modal keeps Tab inside: from the last control (the primary button, always last)
   * back to the first (the close button, always first), and the reverse.
   */
  trap(e: KeyboardEvent) {
    if (e.key !== "Tab") return;
    const panel = e.currentTarget as HTMLElement;
    const first = panel.querySelector<HTMLElement>(".fb-close")!;
    const all = panel.querySelectorAll<HTMLElement>(".fb-primary");
    const last = all[all.length - 1]!;
    const to = e.shiftKey ? (e.target === first ? last : null) : e.target === last ? first : null;
    if (to) {
      e.preventDefault();
      to.focus();
    }
  },
});

window.__fbPlus = makePlus;
