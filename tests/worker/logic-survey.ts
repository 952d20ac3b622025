/** A survey with logic for the engine tests: each NPS segment takes its own way. */
import { createSite, createSurvey, signup, type World } from "./fixtures";

/** NPS; "what went wrong" (required) for 0–6; "what did you love" for 9–10; then the source; then thumbs. */
export const LOGIC_SURVEY = {
  name: "NPS with follow-ups",
  questions: [
    {
      id: "nps",
      type: "nps",
      required: true,
      text: { en: "Recommend us?" },
      logic: [
        { if: { op: "lte", value: 6 }, goto: "wrong" },
        { if: { op: "gte", value: 9 }, goto: "love" },
        { if: { op: "in", value: [7, 8] }, goto: "source" },
      ],
    },
    {
      id: "wrong",
      type: "text",
      required: true,
      text: { en: "What went wrong?" },
      logic: [{ if: { op: "answered" }, goto: "source" }],
    },
    { id: "love", type: "text", text: { en: "What did you love?" }, logic: [{ if: { op: "skipped" }, goto: "end" }] },
    {
      id: "source",
      type: "choice",
      text: { en: "How did you hear about us?" },
      options: [
        { id: "search", text: { en: "Search" } },
        { id: "friend", text: { en: "A friend" } },
        { id: "ad", text: { en: "An ad" } },
      ],
      logic: [{ if: { op: "eq", value: "ad" }, goto: "end" }],
    },
    { id: "helpful", type: "thumbs", text: { en: "Was this survey quick?" } },
  ],
};

export async function logicWorld(): Promise<World> {
  const owner = await signup();
  const site = await createSite(owner);
  const survey = await createSurvey(owner, site.id, LOGIC_SURVEY);
  return { owner, site, survey };
}
