/**
 * The editor's logic in plain words, its templates, a question turned into another type, and the
 * demo seed's paths: pure modules, checked against the shared schema and the shared path function.
 */
import { describe, expect, it } from "vitest";
import { retype } from "../../dashboard/src/editor/draft";
import { conditionFor, newRule, opsFor, ruleWords, shortCondition } from "../../dashboard/src/editor/logic-words";
import { jumpsOf } from "../../dashboard/src/editor/path-map";
import { TEMPLATES } from "../../dashboard/src/editor/templates";
import { DEMO_SURVEY, DEMO_SURVEY_V1, demoPath } from "../../scripts/lib/demo-survey.mjs";
import { surveyPath } from "../../shared/logic";
import { logicProblems } from "../../shared/logic-checks";
import { surveyInputSchema } from "../../shared/schemas";
import type { Question } from "../../shared/types";

const nps: Question = { id: "nps", type: "nps", required: true, text: { en: "Recommend us?" } };
const wrong: Question = { id: "wrong", type: "text", required: false, text: { en: "What went wrong?" } };
const source: Question = {
  id: "source",
  type: "multi",
  required: false,
  text: { en: "Where from?" },
  options: [
    { id: "search", text: { en: "Search" } },
    { id: "friend", text: { en: "A friend" } },
  ],
};

describe("rules in plain words", () => {
  it("each condition of a scale › reads as a sentence with the target's number and title", () => {
    const questions = [nps, wrong, source];
    const say = (c: Parameters<typeof conditionFor>[2] & object, goto = "wrong") =>
      ruleWords(questions, nps, { if: c, goto });
    expect(say({ op: "lte", value: 6 })).toBe("If the answer is 6 or less, go to 2. What went wrong?");
    expect(say({ op: "gte", value: 9 }, "end")).toBe("If the answer is 9 or more, go to the end");
    expect(say({ op: "in", value: [7, 8] }, "source")).toBe("If the answer is one of 7, 8, go to 3. Where from?");
    expect(say({ op: "skipped" })).toBe("If the answer is skipped, go to 2. What went wrong?");
    expect(say({ op: "eq", value: 10 }, "gone")).toBe("If the answer is 10, go to “gone” (not in this survey)");
  });

  it("choices › option labels, 'includes' for several choices; thumbs › up and down", () => {
    expect(ruleWords([source], source, { if: { op: "eq", value: "friend" }, goto: "end" })).toBe(
      "If the answer includes A friend, go to the end",
    );
    const thumbs: Question = { id: "t", type: "thumbs", required: false, text: { en: "Quick?" } };
    expect(ruleWords([thumbs], thumbs, { if: { op: "eq", value: 0 }, goto: "end" })).toBe(
      "If the answer is thumbs down, go to the end",
    );
    expect(shortCondition(source, { op: "eq", value: "friend" })).toBe("has A friend");
    expect(shortCondition(nps, { op: "lte", value: 6 })).toBe("≤ 6");
    expect(opsFor(wrong)).toEqual(["answered", "skipped"]);
  });

  it("a new rule › starts at the edge of an unhappy answer and is valid as the collector checks it", () => {
    const questions = [nps, wrong, source];
    expect(newRule(questions, 0)).toEqual({ if: { op: "lte", value: 6 }, goto: "source" });
    const csat: Question = { id: "csat", type: "csat", required: false, text: { en: "Happy?" } };
    expect(newRule([csat, wrong], 0)).toEqual({ if: { op: "lte", value: 2 }, goto: "end" });
    for (const [q, i] of [
      [nps, 0],
      [source, 2],
    ] as const) {
      for (const op of opsFor(q)) {
        const rule = { if: conditionFor(q, op), goto: "end" };
        const withRule = questions.map((x, k) => (k === i ? { ...x, logic: [rule] } : x));
        expect(logicProblems(withRule), `${q.id} ${op}`).toEqual([]);
      }
    }
  });

  it("another condition › keeps a value that still fits", () => {
    expect(conditionFor(nps, "gte", { op: "lte", value: 4 })).toEqual({ op: "gte", value: 4 });
    expect(conditionFor(nps, "in", { op: "lte", value: 4 })).toEqual({ op: "in", value: [4] });
    expect(conditionFor(nps, "answered", { op: "lte", value: 4 })).toEqual({ op: "answered" });
  });
});

describe("templates", () => {
  it.each(TEMPLATES.map((t) => [t.name, t]))("%s › a valid survey whose rules all jump forward", (_name, t) => {
    const parsed = surveyInputSchema.safeParse(t.draft());
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(jumpsOf(t.draft().questions).length).toBeGreaterThan(0);
  });

  it("NPS with follow-ups › detractors, passives and promoters each get their own question", () => {
    const { questions } = TEMPLATES.find((t) => t.id === "nps-follow-up")!.draft();
    expect(surveyPath(questions, { nps: 3, wrong: "late" })).toEqual(["nps", "wrong"]);
    expect(surveyPath(questions, { nps: 8 })).toEqual(["nps", "better"]);
    expect(surveyPath(questions, { nps: 10 })).toEqual(["nps", "love"]);
  });
});

describe("another type", () => {
  it("a scale turned into a choice › options added, style and number rules dropped, 'answered' kept", () => {
    const csat: Question = {
      id: "csat",
      type: "csat",
      required: true,
      style: "stars",
      text: { en: "Happy?" },
      logic: [
        { if: { op: "lte", value: 2 }, goto: "end" },
        { if: { op: "skipped" }, goto: "end" },
      ],
    };
    const choice = retype(csat, "choice");
    expect(choice).toMatchObject({ id: "csat", type: "choice", required: true, text: { en: "Happy?" } });
    expect(choice.style).toBeUndefined();
    expect(choice.options).toHaveLength(2);
    expect(choice.logic).toEqual([{ if: { op: "skipped" }, goto: "end" }]);
    expect(retype(csat, "ces").style).toBeUndefined();
    expect(retype({ ...csat, style: "emoji" }, "ces").style).toBe("emoji");
  });
});

describe("demo seed", () => {
  it("the paths it writes out › equal the shared path function on both versions", () => {
    for (const score of [0, 6, 7, 8, 9, 10]) {
      const answers = { nps: score, topics: ["price"], csat: 4, why: "x", source: "ad", quick: 1 };
      expect(demoPath(2, score)).toEqual(surveyPath(DEMO_SURVEY.questions, answers));
      expect(demoPath(1, score)).toEqual(surveyPath(DEMO_SURVEY_V1.questions, answers));
    }
    expect(surveyInputSchema.safeParse(DEMO_SURVEY).success).toBe(true);
  });
});
