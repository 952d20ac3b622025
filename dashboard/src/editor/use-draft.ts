/**
 * The editor's state: the draft, its languages, whether it has unsaved edits, and a stable key per
 * question (questions are keyed by it, not by position, so that a question's own editor state —
 * an open section, a half-typed id — moves with the question when it is reordered).
 *
 * Unsaved edits are kept per survey for the page's life: switching to another survey or tab and
 * back brings them back (with the "Unsaved changes" marker) instead of losing them.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { QuestionType } from "../../../shared/constants";
import type { Question } from "../../../shared/types";
import { type Draft, localesOf, starterOptions } from "./draft";

const unsaved = new Map<string, { draft: Draft; locales: string[] }>();
const unsavedKey = (siteId: string, surveyId: string | undefined) => `${siteId}/${surveyId ?? "new"}`;

/** Whether a survey of the site has unsaved edits kept (its tab shows a marker). */
export const hasUnsaved = (siteId: string, surveyId: string) => unsaved.has(unsavedKey(siteId, surveyId));

/** Forgets the unsaved edits of a new survey: a template picked replaces them. */
export const dropUnsavedNew = (siteId: string) => unsaved.delete(unsavedKey(siteId, undefined));

let lastKey = 0;
const newKey = () => `q${++lastKey}`;

/** A new question of `type`, with an id no other question has (nps1, nps2…). */
export function newQuestion(type: QuestionType, taken: readonly Question[]): Question {
  let k = 1;
  while (taken.some((q) => q.id === `${type}${k}`)) k++;
  const options = type === "choice" || type === "multi" ? starterOptions() : undefined;
  return { id: `${type}${k}`, type, required: false, text: { en: "" }, ...(options ? { options } : {}) };
}

export function useDraft(siteId: string, initial: Draft, onEdit: () => void) {
  const storeKey = unsavedKey(siteId, initial.id);
  const [kept] = useState(() => unsaved.get(storeKey));
  const [draft, setDraftState] = useState<Draft>(kept?.draft ?? initial);
  const [locales, setLocalesState] = useState<string[]>(() => kept?.locales ?? localesOf(initial));
  const [dirty, setDirty] = useState(!!kept);
  const keys = useRef<string[]>(draft.questions.map(newKey));

  useEffect(() => {
    if (dirty) unsaved.set(storeKey, { draft, locales });
    else unsaved.delete(storeKey);
  }, [dirty, draft, locales]);

  // Closing or reloading the tab with unsaved edits asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty) return;
    const stay = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener("beforeunload", stay);
    return () => removeEventListener("beforeunload", stay);
  }, [dirty]);

  const edit = (next: Draft) => {
    setDraftState(next);
    setDirty(true);
    onEdit();
  };
  const questions = draft.questions;

  return {
    draft,
    locales,
    dirty,
    /** The stable key of each question, in the draft's order. */
    questionKeys: keys.current,
    edit,
    setLocales(next: string[]) {
      setLocalesState(next);
      setDirty(true);
    },
    /** A changed id is followed by the rules that jump to it. */
    setQuestion(i: number, q: Question) {
      const was = questions[i]!.id;
      const follow = (x: Question): Question =>
        was === q.id || !x.logic?.some((r) => r.goto === was)
          ? x
          : { ...x, logic: x.logic.map((r) => (r.goto === was ? { ...r, goto: q.id } : r)) };
      edit({ ...draft, questions: questions.map((x, j) => (j === i ? q : follow(x))) });
    },
    moveQuestion(i: number, by: -1 | 1) {
      const list = [...questions];
      const [q] = list.splice(i, 1);
      list.splice(i + by, 0, q!);
      const [k] = keys.current.splice(i, 1);
      keys.current.splice(i + by, 0, k!);
      edit({ ...draft, questions: list });
    },
    addQuestion(type: QuestionType) {
      keys.current.push(newKey());
      edit({ ...draft, questions: [...questions, newQuestion(type, questions)] });
    },
    removeQuestion(i: number) {
      keys.current.splice(i, 1);
      edit({ ...draft, questions: questions.filter((_, j) => j !== i) });
    },
    /** Back to the saved survey. */
    discard() {
      unsaved.delete(storeKey);
      keys.current = initial.questions.map(newKey);
      setDraftState(initial);
      setLocalesState(localesOf(initial));
      setDirty(false);
    },
    /** After a save: the draft is the saved survey. */
    saved() {
      unsaved.delete(storeKey);
      setDirty(false);
    },
  };
}

export type DraftState = ReturnType<typeof useDraft>;
