import type { Question } from "../../../shared/types";
import type { Plus } from "../contract";
import type { Strings } from "../i18n/types";

export type Value = number | string | string[] | undefined;

export interface QuestionProps {
  q: Question;
  value: Value;
  onChange(value: Value): void;
  s: Strings;
  locale: string;
  /** id of the element naming the question (its heading) */
  labelId: string;
  /** Stars and faces of styled scales (widget-plus.js), when loaded. */
  faces?: Plus["faces"] | undefined;
}
