/**
 * Targeting, fatigue and scheduling on the collector: what the config serves (open surveys only,
 * in priority order, the site's fatigue cap) and what a submission to a closed survey gets.
 */
import { describe, expect, it } from "vitest";
import { call, createSurvey, json, SHOP, SURVEY, submission, submit, world } from "./fixtures";

const config = async (key: string) => json(await call("GET", `/v1/sites/${key}/config`, { origin: SHOP }));
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const DAY = 86_400_000;

describe("config › open surveys in priority order", () => {
  it("lower priority first, then creation; a survey without priority after those with one", async () => {
    const w = await world(); // created first, no priority (default 100)
    const second = await createSurvey(w.owner, w.site.id, { ...SURVEY, name: "Second", priority: 5 });
    const third = await createSurvey(w.owner, w.site.id, { ...SURVEY, name: "Third", priority: 1 });
    const fourth = await createSurvey(w.owner, w.site.id, { ...SURVEY, name: "Fourth", priority: 5 });
    const body = await config(w.site.key);
    expect(body.surveys.map((s: { id: string }) => s.id)).toEqual([third.id, second.id, fourth.id, w.survey.id]);
    expect(body.surveys.map((s: { priority: number }) => s.priority)).toEqual([1, 5, 5, 100]);
    expect(body.fatigueDays).toBe(14);
  });

  it("schedule › served only from startsAt to endsAt", async () => {
    const w = await world();
    const later = await createSurvey(w.owner, w.site.id, { ...SURVEY, schedule: { startsAt: iso(DAY) } });
    const ended = await createSurvey(w.owner, w.site.id, { ...SURVEY, schedule: { endsAt: iso(-1000) } });
    const running = await createSurvey(w.owner, w.site.id, {
      ...SURVEY,
      schedule: { startsAt: iso(-DAY), endsAt: iso(DAY) },
    });
    const ids = (await config(w.site.key)).surveys.map((s: { id: string }) => s.id);
    expect(ids).toEqual([w.survey.id, running.id]);
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(ended.id);
  });

  it("quota › a survey stops being served at maxResponses completed, partial responses not counted", async () => {
    const w = await world();
    await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: { ...SURVEY, schedule: { maxResponses: 2 } },
    });
    const partial = submission(w, { complete: false, answers: [{ question: "nps", value: 9 }] });
    expect((await submit(partial)).status).toBe(201);
    expect((await submit(submission(w))).status).toBe(201);
    expect((await config(w.site.key)).surveys).toHaveLength(1);
    expect((await submit(submission(w))).status).toBe(201);
    expect((await config(w.site.key)).surveys).toHaveLength(0);
  });

  it("a bad schedule or condition › 400 with its path, nothing saved", async () => {
    const w = await world();
    const cases: [Record<string, unknown>, string][] = [
      [{ schedule: { startsAt: iso(DAY), endsAt: iso(-DAY) } }, "schedule.endsAt"],
      [{ trigger: { context: [{ key: "cartValue", op: "gt", value: "fifty" }] } }, "trigger.context[0].value"],
      [{ trigger: { context: [{ key: "productId", op: "in", value: "sku-1" }] } }, "trigger.context[0].value"],
      [{ trigger: { context: [{ key: "bad key", op: "eq", value: "x" }] } }, "trigger.context[0].key"],
      [{ trigger: { devices: ["watch"] } }, "trigger.devices[0]"],
      [{ trigger: { event: { name: "added to cart" } } }, "trigger.event.name"],
      [{ priority: -1 }, "priority"],
    ];
    for (const [change, path] of cases) {
      const res = await call("POST", `/api/sites/${w.site.id}/surveys`, {
        cookie: w.owner.cookie,
        body: { ...SURVEY, ...change },
      });
      expect(res.status, path).toBe(400);
      expect((await json(res)).error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await config(w.site.key)).surveys).toHaveLength(1);
  });

  it("targeting fields › stored and served as written, with defaults for what was left out", async () => {
    const w = await world();
    const trigger = {
      pages: ["/products/*"],
      excludePages: ["/account*"],
      devices: ["phone", "tablet"],
      visitors: "returning",
      event: { name: "added_to_cart", times: 2 },
      context: [
        { key: "cartValue", op: "gt", value: 50 },
        { key: "productId", op: "in", value: ["sku-1", "sku-2"] },
      ],
      askAgain: "unanswered",
    };
    const s = await createSurvey(w.owner, w.site.id, { ...SURVEY, priority: 1, trigger });
    const served = (await config(w.site.key)).surveys.find((x: { id: string }) => x.id === s.id);
    expect(served.trigger).toEqual({
      ...trigger,
      delaySeconds: 0,
      scrollPercent: 0,
      exitIntent: false,
      sample: 1,
      cooldownDays: 90,
      language: "any",
    });
    const old = (await config(w.site.key)).surveys.find((x: { id: string }) => x.id === w.survey.id);
    expect(old.trigger).toMatchObject({ excludePages: [], visitors: "all", context: [], askAgain: "always" });
  });
});

describe("config › the visitor's language", () => {
  it("?lang candidates › first built-in wins; a survey only in its own languages is left out for others", async () => {
    const w = await world();
    const onlyRo = await createSurvey(w.owner, w.site.id, {
      ...SURVEY,
      questions: [{ id: "nps", type: "nps", text: { en: "Recommend?", ro: "Recomandați?" } }],
      trigger: { ...SURVEY.trigger, language: "translated" },
    });
    const get = async (lang: string) =>
      json(await call("GET", `/v1/sites/${w.site.key}/config?lang=${encodeURIComponent(lang)}`, { origin: SHOP }));
    const ro = await get("xx,ro-RO,en-US");
    expect(ro.locale).toBe("ro");
    expect(ro.surveys.map((s: { id: string }) => s.id)).toContain(onlyRo.id);
    const pl = await get("pl-PL,pl");
    expect(pl.locale).toBe("pl");
    expect(pl.surveys.map((s: { id: string }) => s.id)).toEqual([w.survey.id]);
    expect((await config(w.site.key)).locale).toBe("en");
    const tooLong = await call("GET", `/v1/sites/${w.site.key}/config?lang=${"x".repeat(500)}`, { origin: SHOP });
    expect(tooLong.status).toBe(400);
  });
});

describe("site › fatigueDays", () => {
  it("PATCH sets it (0 turns it off) and the config serves it; other fields keep their values", async () => {
    const w = await world();
    const patch = (body: unknown) => call("PATCH", `/api/sites/${w.site.id}`, { cookie: w.owner.cookie, body });
    const res = await patch({ fatigueDays: 0 });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ fatigueDays: 0, retentionDays: 365 });
    expect((await config(w.site.key)).fatigueDays).toBe(0);
    await patch({ retentionDays: 30 });
    const renamed = await json(await patch({ name: "Renamed" }));
    expect(renamed).toMatchObject({ name: "Renamed", retentionDays: 30, fatigueDays: 0 });
    const bad = await patch({ fatigueDays: 400 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.issues[0].path).toBe("fatigueDays");
  });
});

describe("POST /v1/responses to a closed survey", () => {
  it("after endsAt › 410 survey_closed and nothing stored; a part of a response stored before › accepted", async () => {
    const w = await world();
    const started = submission(w, { version: 1, complete: false, answers: [{ question: "nps", value: 4 }] });
    expect((await submit(started)).status).toBe(201);
    await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: { ...SURVEY, schedule: { endsAt: iso(-1000) } },
    });
    const late = await submit(submission(w, { version: 2 }));
    expect(late.status).toBe(410);
    expect((await json(late)).error.code).toBe("survey_closed");
    const finish = await submit({
      ...started,
      complete: true,
      answers: [...started.answers, { question: "why", value: "slow" }],
    });
    expect(finish.status).toBe(200);
    const list = await json(await call("GET", `/api/sites/${w.site.id}/responses`, { cookie: w.owner.cookie }));
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([started.id]);
  });

  it("before startsAt and after the quota › 410; an answer under the quota › 201", async () => {
    const w = await world();
    const put = (schedule: unknown) =>
      call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
        cookie: w.owner.cookie,
        body: { ...SURVEY, schedule },
      });
    await put({ startsAt: iso(DAY) });
    expect((await submit(submission(w))).status).toBe(410);
    await put({ maxResponses: 1 });
    expect((await submit(submission(w))).status).toBe(201);
    const over = await submit(submission(w));
    expect(over.status).toBe(410);
    expect((await json(over)).error.message).toMatch(/closed/);
  });
});
