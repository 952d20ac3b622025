import type { FunctionComponent } from "preact";
import type { QuestionType } from "../../../shared/constants";
import { ScaleQuestion } from "./scale-question";
import { TextQuestion } from "./text-question";
import type { QuestionProps } from "./types";

/** One component per question type (choice lists and thumbs come with widget-plus.js). */
export const QUESTION_COMPONENTS: Partial<Record<QuestionType, FunctionComponent<QuestionProps>>> = {
  nps: ScaleQuestion,
  csat: ScaleQuestion,
  ces: ScaleQuestion,
  text: TextQuestion,
};
