/**
 * The survey engine's contract: every save a new version and answers checked against the version
 * they were given to; logic replayed on every submission; partial answers under one id.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, submission, submit, summary, WRITTEN_EITHER_WAY } from "./fixtures";
import { LOGIC_SURVEY, logicWorld } from "./logic-survey";

const answers = (...pairs: [string, unknown][]) => pairs.map(([question, value]) => ({ question, value }));

describe("logic at save", () => {
  it("a rule jumping back, to itself or to an unknown id › 400 with the rule's path; nothing saved", async () => {
    const w = await logicWorld();
    const bad = structuredClone(LOGIC_SURVEY);
    bad.questions[3]!.logic = [{ if: { op: "eq", value: "ad" }, goto: "nps" }];
    bad.questions[2]!.logic = [{ if: { op: "answered" }, goto: "love" }];
    const res = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: bad,
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_body");
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      "questions[2].logic[0].goto",
      "questions[3].logic[0].goto",
    ]);
    const unknown = structuredClone(LOGIC_SURVEY);
    unknown.questions[0]!.logic = [{ if: { op: "lte", value: 6 }, goto: "later" }];
    const res2 = await call("POST", `/api/sites/${w.site.id}/surveys`, { cookie: w.owner.cookie, body: unknown });
    expect((await json(res2)).error.issues[0]).toEqual({
      path: "questions[0].logic[0].goto",
      message: 'jumps to "later", which is not a question of this survey',
    });
    const stored = await json(await call("GET", `/api/sites/${w.site.id}/surveys`, { cookie: w.owner.cookie }));
    expect(stored).toHaveLength(1);
    expect(stored[0].version).toBe(1);
  });
});

describe("logic replayed on every submission", () => {
  it("answers on the path › stored; an answer the path skips › 400, nothing stored", async () => {
    const w = await logicWorld();
    const detractor = submission(w, {
      answers: answers(["nps", 3], ["wrong", "late"], ["source", "search"], ["helpful", 1]),
    });
    expect((await submit(detractor)).status).toBe(201);
    const promoter = submission(w, { answers: answers(["nps", 10], ["love", "fast"], ["source", "ad"]) });
    expect((await submit(promoter)).status).toBe(201);
    // A promoter never sees "what went wrong"; "ad" ends the survey before the thumbs.
    for (const off of [
      answers(["nps", 10], ["wrong", "x"]),
      answers(["nps", 7], ["love", "x"]),
      answers(["nps", 8], ["source", "ad"], ["helpful", 0]),
    ]) {
      const res = await submit(submission(w, { answers: off }));
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(/not on the path/);
    }
    const s = await summary(w);
    expect(s.responses).toBe(2);
  });

  it("required › only on the path: a detractor must say what went wrong, a promoter need not", async () => {
    const w = await logicWorld();
    const missing = await submit(submission(w, { answers: answers(["nps", 2]) }));
    expect(missing.status).toBe(400);
    expect((await json(missing)).error.message).toBe('answers: required question "wrong" is not answered');
    expect((await submit(submission(w, { answers: answers(["nps", 9]) }))).status).toBe(201);
  });
});

describe("versions", () => {
  it("every save › a new version, each kept; the config serves the current one", async () => {
    const w = await logicWorld();
    const edited = { ...LOGIC_SURVEY, questions: LOGIC_SURVEY.questions.filter((q) => q.id !== "helpful") };
    for (let i = 0; i < 2; i++) {
      const res = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
        cookie: w.owner.cookie,
        body: edited,
      });
      expect((await json(res)).version).toBe(i + 2);
    }
    const config = await json(await call("GET", `/v1/sites/${w.site.key}/config`));
    expect(config.surveys[0].version).toBe(3);
    const history = await json(
      await call("GET", `/api/sites/${w.site.id}/surveys/${w.survey.id}/history`, { cookie: w.owner.cookie }),
    );
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(history.versions[2].questions).toContain("helpful");
    expect(history.versions[0].questions).not.toContain("helpful");
  });

  it("an answer to an old version › checked against that version, and counted; unknown version › 400", async () => {
    const w = await logicWorld();
    // The owner removes the thumbs question while a customer is answering version 1.
    const edited = { ...LOGIC_SURVEY, questions: LOGIC_SURVEY.questions.filter((q) => q.id !== "helpful") };
    await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, { cookie: w.owner.cookie, body: edited });
    const old = submission(w, { version: 1, answers: answers(["nps", 8], ["source", "friend"], ["helpful", 1]) });
    expect((await submit(old)).status).toBe(201);
    // Without a version, the current one applies: its questions no longer include "helpful".
    const current = await submit(submission(w, { answers: answers(["nps", 8], ["source", "friend"], ["helpful", 1]) }));
    expect(current.status).toBe(400);
    expect((await json(current)).error.message).toMatch(/unknown question "helpful"/);
    const unknown = await submit(submission(w, { version: 9, answers: answers(["nps", 8]) }));
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.issues).toEqual([
      { path: "version", message: expect.stringMatching(/no version 9/) },
    ]);
    const [stored] = (await json(await call("GET", `/api/sites/${w.site.id}/responses`, { cookie: w.owner.cookie })))
      .items;
    expect(stored).toMatchObject({ id: old.id, version: 1 });
    const s = await summary(w);
    expect(s.thumbs).toMatchObject({ count: 1, share: 100 });
  });

  it("a question id with answers › cannot change its type (400 with its path); without answers it may", async () => {
    const w = await logicWorld();
    const retyped = structuredClone(LOGIC_SURVEY);
    retyped.questions[4] = { id: "helpful", type: "csat", text: { en: "How quick?" } } as never;
    // No answer yet: the type may change.
    const first = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: retyped,
    });
    expect(first.status).toBe(200);
    expect((await submit(submission(w, { answers: answers(["nps", 8], ["helpful", 4]) }))).status).toBe(201);
    const res = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: LOGIC_SURVEY,
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues).toEqual([
      {
        path: "questions[4].type",
        message: 'question "helpful" has answers as csat: give the thumbs question a new id',
      },
    ]);
    const history = await json(
      await call("GET", `/api/sites/${w.site.id}/surveys/${w.survey.id}/history`, { cookie: w.owner.cookie }),
    );
    expect(history.version).toBe(2);
    expect(history.answered).toEqual(
      expect.arrayContaining([
        { id: "nps", type: "nps", answers: 1 },
        { id: "helpful", type: "csat", answers: 1 },
      ]),
    );
  });
});

describe("partial answers", () => {
  it("partial, more, complete › one response, counted and completed once; a resent part is a duplicate", async () => {
    const w = await logicWorld();
    const first = submission(w, { complete: false, answers: answers(["nps", 4]) });
    let res = await submit(first);
    expect(res.status).toBe(201);
    // Required "wrong" is not checked yet: the response is partial.
    let s = await summary(w);
    expect([s.responses, s.completed, s.nps.count]).toEqual([1, 0, 1]);

    const second = { ...first, answers: answers(["nps", 4], ["wrong", "late delivery"]) };
    res = await submit(second);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ id: first.id });
    expect((await json(await submit(second))).duplicate).toBe(true);

    const last = {
      ...first,
      complete: true,
      answers: answers(["nps", 4], ["wrong", "late delivery"], ["source", "search"]),
    };
    expect((await submit(last)).status).toBe(200);
    expect(await json(await submit(last))).toEqual({ id: first.id, duplicate: true });
    s = await summary(w);
    expect([s.responses, s.completed, s.nps.count, s.nps.detractors]).toEqual([1, 1, 1, 1]);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM answers WHERE response_id = ?1")
      .bind(first.id)
      .first();
    expect(rows!.n).toBe(3);
  });

  it("a part that changes or drops a stored answer, or reopens a complete one › 422 id_reused, no change", async () => {
    const w = await logicWorld();
    const first = submission(w, { complete: false, answers: answers(["nps", 4], ["wrong", "late"]) });
    expect((await submit(first)).status).toBe(201);
    const tries = [
      { ...first, answers: answers(["nps", 5], ["wrong", "late"]) }, // changed
      { ...first, answers: answers(["nps", 4]) }, // removed
      { ...first, locale: "ro" }, // another body
    ];
    for (const body of tries) {
      const res = await submit(body);
      expect(res.status).toBe(422);
      expect((await json(res)).error.code).toBe("id_reused");
    }
    const done = { ...first, complete: true };
    expect((await submit(done)).status).toBe(200);
    const reopened = await submit({
      ...first,
      complete: false,
      answers: answers(["nps", 4], ["wrong", "late"], ["source", "ad"]),
    });
    expect(reopened.status).toBe(422);
    const added = await submit({ ...done, answers: answers(["nps", 4], ["wrong", "late"], ["source", "ad"]) });
    expect(added.status).toBe(422);
    const s = await summary(w);
    expect([s.responses, s.completed, s.nps.count]).toEqual([1, 1, 1]);
    const stored = await env.DB.prepare("SELECT value FROM answers WHERE response_id = ?1 AND question_id = 'nps'")
      .bind(first.id)
      .first();
    expect(stored!.value).toBe("4");
  });

  it.each(WRITTEN_EITHER_WAY)(
    "concurrent later parts of one response, written %s › each once, none lost; aggregates match",
    async (_, send) => {
      const w = await logicWorld();
      const first = submission(w, { complete: false, answers: answers(["nps", 9]) });
      await submit(first);
      const next = { ...first, answers: answers(["nps", 9], ["love", "quick"]) };
      const results = await Promise.all(Array.from({ length: 8 }, () => send(next)));
      expect(results.map((r) => r.status).sort()).toEqual(Array(8).fill(200));
      const bodies = await Promise.all(results.map((r) => json(r)));
      expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
      const s = await summary(w);
      expect(s.funnel.questions.find((q: { id: string }) => q.id === "love")).toMatchObject({
        reached: 1,
        answered: 1,
      });
    },
  );
});
