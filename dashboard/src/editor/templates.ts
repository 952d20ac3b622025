/**
 * Surveys ready to pick when starting a new one: the typical follow-ups, with their jump rules.
 * Each is a draft like any other (the editor checks it with the shared schema on save).
 */
import { blankDraft, type Draft } from "./draft";

export interface Template {
  id: string;
  name: string;
  /** What it asks, in one sentence. */
  about: string;
  draft(): Draft;
}

const en = (text: string) => ({ en: text });
const options = (...pairs: [string, string][]) => pairs.map(([id, text]) => ({ id, text: en(text) }));

export const TEMPLATES: Template[] = [
  {
    id: "nps-follow-up",
    name: "NPS with a follow-up for detractors and promoters",
    about: "Detractors are asked what went wrong, promoters what they love, passives what would make it a 10.",
    draft: () => ({
      ...blankDraft(),
      name: "NPS with follow-ups",
      questions: [
        {
          id: "nps",
          type: "nps",
          required: true,
          text: en("How likely are you to recommend us to a friend?"),
          logic: [
            { if: { op: "lte", value: 6 }, goto: "wrong" },
            { if: { op: "gte", value: 9 }, goto: "love" },
          ],
        },
        { id: "better", type: "text", required: false, text: en("What would make it a 10?"), logic: toEnd() },
        { id: "wrong", type: "text", required: false, text: en("We are sorry. What went wrong?"), logic: toEnd() },
        { id: "love", type: "text", required: false, text: en("What do you love most about us?") },
      ],
    }),
  },
  {
    id: "post-purchase-source",
    name: "Post-purchase: how did you hear about us?",
    about: "Where new customers come from (with a follow-up for “other”), then how the order went.",
    draft: () => ({
      ...blankDraft(),
      name: "How did you hear about us?",
      questions: [
        {
          id: "source",
          type: "choice",
          required: true,
          text: en("How did you hear about us?"),
          options: options(
            ["search", "Search engine"],
            ["friend", "A friend"],
            ["social", "Social media"],
            ["ad", "An advert"],
            ["other", "Somewhere else"],
          ),
          logic: [{ if: { op: "neq", value: "other" }, goto: "csat" }],
        },
        { id: "source_other", type: "text", required: false, text: en("Where did you hear about us?") },
        {
          id: "csat",
          type: "csat",
          required: false,
          style: "stars",
          text: en("How satisfied are you with your order?"),
        },
      ],
      trigger: { ...blankDraft().trigger, pages: ["/checkout/thank-you*"] },
    }),
  },
  {
    id: "csat-what-went-wrong",
    name: "CSAT with what went wrong",
    about: "Satisfied customers are done in one tap; the others say what went wrong and how to fix it.",
    draft: () => ({
      ...blankDraft(),
      name: "CSAT with what went wrong",
      questions: [
        {
          id: "csat",
          type: "csat",
          required: true,
          style: "emoji",
          text: en("How satisfied are you with us today?"),
          logic: [{ if: { op: "gte", value: 4 }, goto: "end" }],
        },
        {
          id: "wrong",
          type: "multi",
          required: false,
          text: en("What went wrong?"),
          options: options(
            ["delivery", "Delivery"],
            ["product", "The product"],
            ["price", "Price"],
            ["support", "Customer service"],
            ["site", "The website"],
          ),
        },
        { id: "fix", type: "text", required: false, text: en("What could we have done better?") },
      ],
    }),
  },
];

/** After a follow-up, the survey ends whether it was answered or not. */
function toEnd() {
  return [
    { if: { op: "answered" as const }, goto: "end" },
    { if: { op: "skipped" as const }, goto: "end" },
  ];
}
