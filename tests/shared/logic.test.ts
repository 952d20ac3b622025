import { describe, expect, it } from "vitest";
import { validateAnswers } from "../../shared/answer-rules";
import { conditionHolds, reachedQuestions, surveyPath } from "../../shared/logic";
import { logicProblems } from "../../shared/logic-checks";
import type { Question } from "../../shared/types";

const q = (id: string, type: Question["type"], extra: Partial<Question> = {}): Question => ({
  id,
  type,
  required: false,
  text: { en: id },
  ...(type === "choice" || type === "multi"
    ? {
        options: [
          { id: "a", text: { en: "A" } },
          { id: "b", text: { en: "B" } },
        ],
      }
    : {}),
  ...extra,
});

/** NPS, then "what went wrong" for 0–6 only, "what did you love" for 9–10 only, then a choice. */
const SURVEY: Question[] = [
  q("nps", "nps", {
    required: true,
    logic: [
      { if: { op: "lte", value: 6 }, goto: "wrong" },
      { if: { op: "gte", value: 9 }, goto: "love" },
      { if: { op: "in", value: [7, 8] }, goto: "source" },
    ],
  }),
  q("wrong", "text", { required: true, logic: [{ if: { op: "answered" }, goto: "source" }] }),
  q("love", "text", { logic: [{ if: { op: "skipped" }, goto: "end" }] }),
  q("source", "choice", { logic: [{ if: { op: "eq", value: "b" }, goto: "end" }] }),
  q("last", "thumbs"),
];

describe("conditions", () => {
  it("each operator › holds exactly when its comparison does; skipped answers match only 'skipped'", () => {
    const cases: [Parameters<typeof conditionHolds>[0], unknown, boolean][] = [
      [{ op: "eq", value: 5 }, 5, true],
      [{ op: "eq", value: 5 }, 4, false],
      [{ op: "neq", value: 5 }, 4, true],
      [{ op: "neq", value: 5 }, 5, false],
      [{ op: "lt", value: 5 }, 4, true],
      [{ op: "lt", value: 5 }, 5, false],
      [{ op: "lte", value: 5 }, 5, true],
      [{ op: "lte", value: 5 }, 6, false],
      [{ op: "gt", value: 5 }, 6, true],
      [{ op: "gt", value: 5 }, 5, false],
      [{ op: "gte", value: 5 }, 5, true],
      [{ op: "gte", value: 5 }, 4, false],
      [{ op: "in", value: ["a", "c"] }, "c", true],
      [{ op: "in", value: ["a", "c"] }, "b", false],
      [{ op: "eq", value: "a" }, ["b", "a"], true], // several choices: one of them
      [{ op: "neq", value: "a" }, ["b", "a"], false],
      [{ op: "in", value: ["x", "a"] }, ["b", "a"], true],
      [{ op: "answered" }, "text", true],
      [{ op: "answered" }, undefined, false],
      [{ op: "skipped" }, undefined, true],
      [{ op: "skipped" }, 0, false],
      [{ op: "lt", value: 5 }, undefined, false],
      [{ op: "neq", value: 5 }, undefined, false],
      [{ op: "gt", value: 5 }, "9", false], // numbers compare as numbers only
    ];
    for (const [condition, answer, holds] of cases) {
      expect(conditionHolds(condition, answer), `${JSON.stringify(condition)} on ${JSON.stringify(answer)}`).toBe(
        holds,
      );
    }
  });
});

describe("the path", () => {
  it("a detractor, a promoter and a passive › each takes its own way; the first rule that holds wins", () => {
    expect(surveyPath(SURVEY, { nps: 3, wrong: "late" })).toEqual(["nps", "wrong", "source", "last"]);
    expect(surveyPath(SURVEY, { nps: 10, love: "fast" })).toEqual(["nps", "love", "source", "last"]);
    expect(surveyPath(SURVEY, { nps: 10 })).toEqual(["nps", "love"]); // skipped "love" ends the survey
    expect(surveyPath(SURVEY, { nps: 7 })).toEqual(["nps", "source", "last"]);
    expect(surveyPath(SURVEY, { nps: 8, source: "b" })).toEqual(["nps", "source"]);
    expect(surveyPath([], {})).toEqual([]);
  });

  it("reached questions › complete: the whole path; partial: up to the question after its last answer", () => {
    expect(reachedQuestions(SURVEY, { nps: 3 }, false)).toEqual(["nps", "wrong"]);
    expect(reachedQuestions(SURVEY, { nps: 3, wrong: "late" }, false)).toEqual(["nps", "wrong", "source"]);
    expect(reachedQuestions(SURVEY, { nps: 3, wrong: "late" }, true)).toEqual(["nps", "wrong", "source", "last"]);
  });

  it("a rule that does not lead forward (from an old, unchecked definition) › read as 'next', the walk ends", () => {
    const looping = [q("a", "nps", { logic: [{ if: { op: "answered" }, goto: "a" }] }), q("b", "thumbs")];
    expect(surveyPath(looping, { a: 5 })).toEqual(["a", "b"]);
  });
});

describe("answers against the path", () => {
  it("an answer the logic skips › refused with its path; required applies only on the path, once complete", () => {
    expect(
      validateAnswers(SURVEY, [
        { question: "nps", value: 10 },
        { question: "wrong", value: "x" },
      ]),
    ).toEqual([{ path: "answers[1].question", message: expect.stringContaining("not on the path") }]);
    // "wrong" is required, but a promoter never sees it.
    expect(validateAnswers(SURVEY, [{ question: "nps", value: 10 }])).toEqual([]);
    expect(validateAnswers(SURVEY, [{ question: "nps", value: 2 }])).toEqual([
      { path: "answers", message: 'required question "wrong" is not answered' },
    ]);
    expect(validateAnswers(SURVEY, [{ question: "nps", value: 2 }], { complete: false })).toEqual([]);
    expect(validateAnswers(SURVEY, [{ question: "last", value: 2 }], { complete: false })).toEqual([
      { path: "answers[0].value", message: "thumbs must be 0 (down) or 1 (up)" },
    ]);
  });

  it("a partial answer › nothing past a required question left open (found by the fuzzing of parts)", () => {
    const partial = (...answers: [string, unknown][]) =>
      validateAnswers(
        SURVEY,
        answers.map(([question, value]) => ({ question, value })),
        { complete: false },
      );
    // A detractor has not said what went wrong yet: "love" is not theirs to answer, though the walk
    // reads the open "wrong" as skipped and would fall through to it, and the response could never
    // complete (once "wrong" is answered, "love" is off the path and may not be taken back).
    expect(partial(["nps", 0], ["love", "x"])).toEqual([
      { path: "answers[1].question", message: expect.stringContaining("not on the path") },
    ]);
    expect(partial(["love", "x"], ["nps", 0])).toHaveLength(1);
    expect(partial(["nps", 0], ["wrong", "late"], ["source", "a"])).toEqual([]);
    expect(partial(["nps", 10], ["love", "x"])).toEqual([]);
    // An optional question left open is skipped, as before.
    expect(partial(["nps", 8], ["last", 1])).toEqual([]);
  });
});

describe("logic checked at save", () => {
  it("jumps back, to itself or an unknown id, values the question cannot have › refused with the rule's path", () => {
    const problems = logicProblems([
      q("first", "nps", {
        logic: [
          { if: { op: "lte", value: 6 }, goto: "first" },
          { if: { op: "gte", value: 11 }, goto: "end" },
          { if: { op: "answered", value: 3 }, goto: "nowhere" },
        ],
      }),
      q("pick", "choice", {
        logic: [
          { if: { op: "eq", value: "z" }, goto: "first" },
          { if: { op: "lt", value: 2 }, goto: "end" },
          { if: { op: "in", value: ["a", "b"] }, goto: "end" },
        ],
      }),
    ]);
    expect(problems.map((p) => [p.path.join("."), p.message])).toEqual([
      ["questions.0.logic.0.goto", "jumps to its own question"],
      ["questions.0.logic.1.if.value", 'must be a whole number 0-10, as the answers of "first"'],
      ["questions.0.logic.2.if.value", '"answered" takes no value'],
      ["questions.0.logic.2.goto", 'jumps to "nowhere", which is not a question of this survey'],
      ["questions.1.logic.0.if.value", 'must be one of the options of "pick": a, b'],
      ["questions.1.logic.0.goto", 'jumps back to "first": a rule may only jump forward'],
      ["questions.1.logic.1.if.op", '"lt" compares numbers: "pick" is a choice question'],
    ]);
    expect(logicProblems(SURVEY)).toEqual([]);
  });
});
