/** The panel as its steps see it (types only): its state, and the actions of their controls. */
import type { RefObject } from "preact";
import type { Answers, OpenOptions, Plus, SiteFacts } from "./contract";
import type { QUESTION_COMPONENTS } from "./questions";
import type { Value } from "./questions/types";
import type { Delivery } from "./queue";

interface PanelState {
  /** Index of the question on screen; -1 before consent; the number of questions once done. */
  at: number;
  /** The questions shown before this one, for "Back". */
  trail: number[];
  answers: Answers;
  error: string;
  busy: boolean;
  delivery: Delivery | null;
  note: string;
}

/** What the steps draw from, and the actions of their controls. */
export interface View {
  o: OpenOptions;
  session: SiteFacts;
  plus: Plus | undefined;
  questions: OpenOptions["survey"]["questions"];
  components: typeof QUESTION_COMPONENTS;
  heading: RefObject<HTMLHeadingElement>;
  st: PanelState;
  /** The questions the customer goes through given the answers so far (the rest as if skipped). */
  path(): string[];
  nextOf(at: number): number;
  set(patch: Partial<PanelState>): void;
  answer(id: string, v: Value): void;
  agree(): void;
  decline(): void;
  dismiss(): void;
  back(): void;
  next(): void;
  withdraw(): void;
}
