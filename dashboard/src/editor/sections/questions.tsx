/** The questions, each in its own editor keyed by a stable key, and the buttons that add one of each type. */
import { QUESTION_TYPES } from "../../../../shared/constants";
import { QuestionEditor } from "../question-editor";
import { type Answered, TYPE_LABEL } from "../question-kind";
import type { DraftState } from "../use-draft";

export function QuestionsSection({ state, answered }: { state: DraftState; answered: Map<string, Answered> }) {
  const { draft: d, locales, questionKeys } = state;
  return (
    <>
      <h2>Questions</h2>
      <ol class="questions">
        {d.questions.map((q, i) => (
          <QuestionEditor
            key={questionKeys[i]}
            questions={d.questions}
            index={i}
            answered={answered.get(q.id)}
            locales={locales}
            onChange={(next) => state.setQuestion(i, next)}
            onMove={(by) => state.moveQuestion(i, by)}
            onRemove={() => state.removeQuestion(i)}
          />
        ))}
      </ol>
      <fieldset class="row start add-question">
        <legend class="sr-only">Add a question</legend>
        {QUESTION_TYPES.map((t) => (
          <button type="button" key={t} class="secondary" onClick={() => state.addQuestion(t)}>
            + {TYPE_LABEL[t]}
          </button>
        ))}
      </fieldset>
    </>
  );
}
