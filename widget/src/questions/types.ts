import type { ScaleStyle } from "../../../shared/constants";
import type { Question } from "../../../shared/types";
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
  /** Stars and faces of styled scales (widget-plus.js), when loaded: the pictures, or null for numbers. */
  faces?: ((count: number, style: ScaleStyle) => readonly string[] | null) | undefined;
}
