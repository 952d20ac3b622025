/**
 * Property-based, over what version 2 added to POST /v1/responses: parts of one response under one id
 * (`complete`), the logic replayed on every part, answers given to an older version, and POST
 * /v1/events. Whatever the sequence: never a 5xx, never a write after a 4xx, a 201 only for a new id,
 * and never an answer stored that the survey's path skips.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, clientId, rowCounts, type World } from "./fixtures";
import { assertEnvelope, postRaw, report, runsOf, timeLimit } from "./fuzz-support";
import { LOGIC_SURVEY, logicWorld } from "./logic-survey";

let w: World;

/** Version 2 of the logic survey: "love" removed (promoters go to the source), a price question, one more source. */
const VERSION_2 = {
  ...LOGIC_SURVEY,
  questions: [
    {
      ...LOGIC_SURVEY.questions[0],
      logic: [
        { if: { op: "lte", value: 6 }, goto: "wrong" },
        { if: { op: "gte", value: 7 }, goto: "source" },
      ],
    },
    LOGIC_SURVEY.questions[1],
    {
      ...LOGIC_SURVEY.questions[3],
      options: [...LOGIC_SURVEY.questions[3]!.options!, { id: "podcast", text: { en: "A podcast" } }],
    },
    LOGIC_SURVEY.questions[4],
    { id: "price", type: "csat", text: { en: "The price?" } },
  ],
};

beforeAll(async () => {
  w = await logicWorld();
  const res = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
    cookie: w.owner.cookie,
    body: VERSION_2,
  });
  expect(res.status).toBe(200);
});

/** Mostly what a widget would send, sometimes not: `valid` weighs 8, each of `invalid` 1. */
const mostly = <T>(valid: fc.Arbitrary<T>, ...invalid: unknown[]) =>
  fc.oneof({ arbitrary: valid, weight: 8 }, ...invalid.map((v) => ({ arbitrary: fc.constant(v), weight: 1 })));

const QUESTIONS = ["nps", "wrong", "love", "source", "helpful", "price"] as const;
const text = mostly(fc.string({ minLength: 1, maxLength: 20 }), "x".repeat(2001), 3);
/** A value for every question (love only in version 1, price and podcast only in version 2). */
const values = fc.record({
  nps: mostly(fc.integer({ min: 0, max: 10 }), -1, 11, "7"),
  wrong: text,
  love: text,
  source: mostly(fc.constantFrom("search", "friend", "ad", "podcast"), "tv"),
  helpful: mostly(fc.constantFrom(0, 1), 2, true),
  price: mostly(fc.integer({ min: 1, max: 5 }), 0, 6),
});

/**
 * One part: `grow` answers the next questions of the order (up to `upto`), `shrink` leaves stored ones
 * out, `change` gives one stored question another value, `extra` adds an unknown question, `meta`
 * changes the language; `complete` as the widget sends it, or not.
 */
const part = fc.record({
  mode: fc.constantFrom("grow", "grow", "grow", "grow", "shrink", "change", "extra", "meta"),
  upto: fc.integer({ min: 1, max: QUESTIONS.length }),
  complete: mostly(fc.constantFrom(undefined, true, false, false), null, "false"),
});

const sequence = fc.record({
  version: mostly(fc.constantFrom(undefined, 1, 1, 2), 3, 0, "2", 1.5),
  order: fc.shuffledSubarray([...QUESTIONS], { minLength: 1 }),
  values,
  other: values,
  parts: fc.array(part, { minLength: 1, maxLength: 4 }),
});

type Sequence = typeof sequence extends fc.Arbitrary<infer T> ? T : never;

/**
 * Sequences run before the random ones, so that every kind of answer is reached whatever the random
 * draw (a small run may draw no reused id): a partial answer (201), the same part again (200), its
 * score changed (422 id_reused), and a score out of range (400).
 */
const GIVEN: Sequence[] = [
  {
    version: undefined,
    order: [...QUESTIONS],
    values: { nps: 9, wrong: "a", love: "b", source: "search", helpful: 1, price: 4 },
    other: { nps: 3, wrong: "c", love: "d", source: "ad", helpful: 0, price: 2 },
    parts: [
      { mode: "grow", upto: 1, complete: false },
      { mode: "grow", upto: 1, complete: false },
      { mode: "change", upto: 1, complete: false },
    ],
  },
  {
    version: 1,
    order: [...QUESTIONS],
    values: { nps: 11, wrong: "a", love: "b", source: "search", helpful: 1, price: 4 },
    other: { nps: 3, wrong: "c", love: "d", source: "ad", helpful: 0, price: 2 },
    parts: [{ mode: "grow", upto: 1, complete: true }],
  },
];

/** The bodies of a sequence, in order. */
function bodiesOf(seq: Sequence, id: string) {
  let answered = 0;
  return seq.parts.map((p) => {
    answered = p.mode === "shrink" ? Math.min(answered, p.upto) - 1 : Math.max(answered, p.upto);
    const asked = seq.order.slice(0, Math.max(0, answered));
    const answers: { question: string; value: unknown }[] = asked.map((q, i) => ({
      question: q,
      value: p.mode === "change" && i === asked.length - 1 ? seq.other[q] : seq.values[q],
    }));
    if (p.mode === "extra") answers.push({ question: "nope", value: 1 });
    return {
      id,
      site: w.site.key,
      survey: w.survey.id,
      respondent: "fuzzing-respondent-000001",
      consent: { granted: true },
      locale: p.mode === "meta" ? "ro" : "en",
      page: "https://shop.example/checkout/thank-you",
      ...(seq.version === undefined ? {} : { version: seq.version }),
      ...(p.complete === undefined ? {} : { complete: p.complete }),
      answers,
    };
  });
}

const storedOf = async (id: string) => {
  const [response, answers] = await env.DB.batch([
    env.DB.prepare("SELECT complete, version FROM responses WHERE id = ?1").bind(id),
    env.DB.prepare("SELECT question_id, value FROM answers WHERE response_id = ?1 ORDER BY question_id").bind(id),
  ]);
  return {
    response: response!.results[0] ?? null,
    answers: answers!.results as { question_id: string; value: string }[],
  };
};

describe("POST /v1/responses fuzzing: parts, logic, versions", () => {
  it(
    "sequences of parts under one id › no 5xx, no write after a 4xx, 201 only for a new id, no skipped answer kept",
    async () => {
      let requests = 0;
      const outcomes: Record<number, number> = {};
      await fc.assert(
        fc.asyncProperty(sequence, async (seq) => {
          const id = clientId();
          for (const body of bodiesOf(seq, id)) {
            const before = { counts: await rowCounts(env.DB), stored: await storedOf(id) };
            const res = await postRaw("/v1/responses", JSON.stringify(body));
            requests++;
            const payload = await res.json();
            assertEnvelope(res.status, payload);
            outcomes[res.status] = (outcomes[res.status] ?? 0) + 1;
            const after = { counts: await rowCounts(env.DB), stored: await storedOf(id) };
            if (res.status >= 400) {
              expect(after).toEqual(before);
              continue;
            }
            // Accepted: its version exists, and it keeps every answer stored before, unchanged.
            expect([undefined, 1, 2]).toContain(seq.version);
            const posted = new Map(body.answers.map((a) => [a.question, JSON.stringify(a.value)]));
            for (const a of before.stored.answers) expect(posted.get(a.question_id)).toBe(a.value);
            expect(res.status === 201).toBe(before.stored.response === null);
            expect(after.counts.responses).toBe(before.counts.responses + (res.status === 201 ? 1 : 0));
            if ((payload as { duplicate?: true }).duplicate) expect(after).toEqual(before);
            const kept = new Map(after.stored.answers.map((a) => [a.question_id, a.value]));
            for (const a of before.stored.answers) expect(kept.get(a.question_id)).toBe(a.value);
            // The path decides what may be kept: detractors never say what they loved, passives neither.
            const nps = kept.has("nps") ? (JSON.parse(kept.get("nps")!) as number) : undefined;
            if (nps !== undefined && nps <= 6) expect(kept.has("love")).toBe(false);
            if (nps !== undefined && nps >= 7 && nps <= 8) {
              expect([kept.has("wrong"), kept.has("love")]).toEqual([false, false]);
            }
          }
        }),
        {
          // The given sequences count among fast-check's runs: the random ones come on top of them.
          numRuns: runsOf("partsLogicVersions") + GIVEN.length,
          examples: GIVEN.map((seq) => [seq] as [Sequence]),
        },
      );
      report("partsLogicVersions", requests);
      // The sequences reach every kind of answer: new, later parts, duplicates, and refusals.
      expect(Object.keys(outcomes).map(Number)).toEqual(expect.arrayContaining([200, 201, 400, 422]));
    },
    timeLimit("partsLogicVersions"),
  );
});

describe("POST /v1/events fuzzing", () => {
  it(
    "random event bodies › no 5xx; a 204 counts one event, a 4xx none",
    async () => {
      let requests = 0;
      const total = async () =>
        (await env.DB.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM daily_events WHERE site_id = ?1")
          .bind(w.site.id)
          .first<{ n: number }>())!.n;
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              site: fc.oneof(fc.constant(w.site.key), fc.string({ maxLength: 70 })),
              survey: fc.oneof(fc.constant(w.survey.id), fc.string({ maxLength: 70 })),
              version: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant("1"), fc.double()),
              event: fc.constantFrom("shown", "declined", "dismissed", "completed", "", 1),
              channel: fc.constantFrom("widget", "link", "email", "fax"),
            },
            { requiredKeys: ["site", "survey", "event"] },
          ),
          async (body) => {
            const before = await total();
            const res = await postRaw("/v1/events", JSON.stringify(body));
            requests++;
            if (res.status === 204) {
              expect(await total()).toBe(before + 1);
              return;
            }
            assertEnvelope(res.status, await res.json());
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(await total()).toBe(before);
          },
        ),
        { numRuns: runsOf("events") },
      );
      report("events", requests);
    },
    timeLimit("events"),
  );
});
