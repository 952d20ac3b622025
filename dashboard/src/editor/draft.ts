/**
 * A survey as the editor holds it (a draft), and the body it saves: only the enabled languages,
 * no empty texts, no empty end labels. Pure functions, tested without a DOM.
 */
import {
  BUILT_IN_LOCALES,
  DEFAULT_PRIORITY,
  type QuestionType,
  SCALE_TYPES,
  STYLES_OF,
} from "../../../shared/constants";
import { DEFAULT_TRIGGER } from "../../../shared/targeting";
import type { LocalizedText, Question, Survey } from "../../../shared/types";

export type Draft = Omit<Survey, "id" | "version"> & { id?: string; version?: number };

/** A new survey: one NPS question, shown on every page after 3 seconds. */
export const blankDraft = (): Draft => ({
  name: "Post-purchase NPS",
  active: true,
  questions: [
    { id: "nps", type: "nps", required: true, text: { en: "How likely are you to recommend us to a friend?" } },
  ],
  trigger: { ...DEFAULT_TRIGGER, delaySeconds: 3 },
  theme: { accent: "#0a7cff", position: "bottom-right" },
  priority: DEFAULT_PRIORITY,
});

/** The languages a survey is written in (English always). */
export const localesOf = (draft: Draft): string[] => {
  const used = new Set([
    ...draft.questions.flatMap((q) => Object.keys(q.text)),
    ...Object.keys(draft.reward?.text ?? {}),
  ]);
  return BUILT_IN_LOCALES.filter((l) => used.has(l) || l === "en");
};

const LISTS: Record<string, string> = {
  questions: "question",
  options: "option",
  pages: "page",
  excludePages: "excluded page",
  context: "condition",
};

/** A schema path as the editor names it: ["questions", 1, "text"] → "question 2 › text". */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === "number"
        ? `${LISTS[String(path[i - 1])] ?? "item"} ${p + 1}`
        : String(p) in LISTS && typeof path[i + 1] === "number"
          ? ""
          : String(p),
    )
    .filter(Boolean)
    .join(" › ");
}

/** Keeps only the enabled locales and non-empty texts. */
const clean = (t: LocalizedText, locales: string[]): LocalizedText =>
  Object.fromEntries(Object.entries(t).filter(([l, v]) => locales.includes(l) && v.trim()));

/** Scale end labels without empty texts; none at all when both ends are empty (built-in words). */
function endLabels(labels: Question["labels"], locales: string[]): Pick<Question, "labels"> {
  const low = clean(labels?.low ?? {}, locales);
  const high = clean(labels?.high ?? {}, locales);
  const has = (t: LocalizedText) => Object.keys(t).length > 0;
  return has(low) || has(high) ? { labels: { ...(has(low) ? { low } : {}), ...(has(high) ? { high } : {}) } } : {};
}

/** The body of POST/PUT …/surveys for a draft, in the enabled languages. */
export function toBody(d: Draft, locales: string[]) {
  const { version: _v, id: _id, ...rest } = d;
  return {
    ...rest,
    questions: d.questions.map(({ labels, ...q }) => ({
      ...q,
      ...endLabels(labels, locales),
      text: clean(q.text, locales),
      ...(q.options ? { options: q.options.map((o) => ({ ...o, text: clean(o.text, locales) })) } : {}),
    })),
    ...(d.reward
      ? {
          reward: {
            text: clean(d.reward.text, locales),
            ...(d.reward.code?.trim() ? { code: d.reward.code.trim() } : {}),
          },
        }
      : {}),
  };
}

/** The enabled languages that still lack some texts, with how many (customers would see English there). */
export function missingTexts(draft: Draft, locales: string[]): [string, number][] {
  const texts: LocalizedText[] = [
    ...draft.questions.flatMap((q) => [q.text, ...(q.options ?? []).map((o) => o.text)]),
    ...(draft.reward ? [draft.reward.text] : []),
  ];
  return locales
    .map((l) => [l, texts.filter((t) => !t[l]?.trim()).length] as [string, number])
    .filter(([l, n]) => n > 0 && l !== "en");
}

/** The options a new choice question starts with. */
export const starterOptions = (): NonNullable<Question["options"]> => [
  { id: "a", text: { en: "Option A" } },
  { id: "b", text: { en: "Option B" } },
];

const isScale = (type: string): type is keyof typeof STYLES_OF => (SCALE_TYPES as readonly string[]).includes(type);

/**
 * The question as another type: its id, texts and "required" stay; options only for choices, a
 * style and end labels only for scales that take them; of its rules, those that hold for any type
 * (answered, skipped).
 */
export function retype(q: Question, type: QuestionType): Question {
  const { options, style, logic, labels, ...rest } = q;
  const choice = type === "choice" || type === "multi";
  const kept = logic?.filter((r) => r.if.op === "answered" || r.if.op === "skipped") ?? [];
  return {
    ...rest,
    type,
    ...(choice ? { options: options?.length ? options : starterOptions() } : {}),
    ...(style && isScale(type) && STYLES_OF[type].includes(style) ? { style } : {}),
    ...(labels && isScale(type) ? { labels } : {}),
    ...(kept.length ? { logic: kept } : {}),
  };
}
