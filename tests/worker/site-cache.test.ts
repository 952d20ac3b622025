/**
 * The isolate's cache of sites and surveys (services/site-cache.ts), which keeps D1 off the
 * submission path: served without a read while fresh, and an owner's edit made anywhere is seen
 * within seconds (TTL), at once for a submission naming a newer survey version, at once in the
 * isolate that made it.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { updateSurvey } from "../../worker/src/db/surveys";
import { forgetSite, SITE_CACHE_TTL_MS, siteAndSurvey } from "../../worker/src/services/site-cache";
import { SHOP, SURVEY, submission, submit, type World, world } from "./fixtures";
import { countingDb } from "./watched-db";

/** Another isolate's edit: straight into D1, so this isolate's cache is not told. */
const editElsewhere = (w: World, questions: unknown[]) =>
  updateSurvey(env.DB, {
    id: w.survey.id,
    site_id: w.site.id,
    name: SURVEY.name,
    definition: JSON.stringify({ ...SURVEY, questions }),
    active: 1,
    updated_at: new Date().toISOString(),
  });

const moreQuestions = [...SURVEY.questions, { id: "extra", type: "text", text: { en: "Anything else?" } }];

describe("site cache › freshness", () => {
  it("within its TTL › served without a read; once it has passed › an origin removed elsewhere is seen", async () => {
    const w = await world();
    const counting = countingDb();
    const t0 = Date.now();
    expect((await siteAndSurvey(counting.db, w.site.key, w.survey.id, { now: t0 }))?.site.origins).toEqual([SHOP]);
    expect(counting.roundTrips()).toBe(1);
    await env.DB.prepare("UPDATE sites SET origins = ?2 WHERE id = ?1")
      .bind(w.site.id, JSON.stringify(["https://other.example"]))
      .run();

    counting.reset();
    const fresh = await siteAndSurvey(counting.db, w.site.key, w.survey.id, { now: t0 + SITE_CACHE_TTL_MS - 1 });
    expect(fresh?.site.origins).toEqual([SHOP]);
    expect(counting.roundTrips()).toBe(0);
    const stale = await siteAndSurvey(counting.db, w.site.key, w.survey.id, { now: t0 + SITE_CACHE_TTL_MS });
    expect(stale?.site.origins).toEqual(["https://other.example"]);
    expect(counting.roundTrips()).toBe(1);
  });

  it("a newer survey version named by a submission › reloaded at once; a version never saved › not found", async () => {
    const w = await world();
    const counting = countingDb();
    const t0 = Date.now();
    const before = await siteAndSurvey(counting.db, w.site.key, w.survey.id, { version: 1, now: t0 });
    expect(before?.survey?.version).toBe(1);
    expect(await editElsewhere(w, moreQuestions)).toBe(2);

    counting.reset();
    // Without a version (or with the cached one) the entry is still fresh: version 1.
    expect((await siteAndSurvey(counting.db, w.site.key, w.survey.id, { now: t0 + 1 }))?.survey?.version).toBe(1);
    expect(counting.roundTrips()).toBe(0);
    const after = await siteAndSurvey(counting.db, w.site.key, w.survey.id, { version: 2, now: t0 + 2 });
    expect(after).toMatchObject({ versionFound: true, survey: { version: 2 } });
    expect(after?.survey?.questions.map((q) => q.id)).toContain("extra");
    expect(counting.roundTrips()).toBe(1);
    expect(await siteAndSurvey(counting.db, w.site.key, w.survey.id, { version: 3, now: t0 + 3 })).toMatchObject({
      versionFound: false,
    });
  });

  it("an edit through this isolate (forgetSite) › seen at once", async () => {
    const w = await world();
    const t0 = Date.now();
    await siteAndSurvey(env.DB, w.site.key, w.survey.id, { now: t0 });
    await editElsewhere(w, moreQuestions);
    expect((await siteAndSurvey(env.DB, w.site.key, w.survey.id, { now: t0 + 1 }))?.survey?.version).toBe(1);
    forgetSite(w.site.id);
    expect((await siteAndSurvey(env.DB, w.site.key, w.survey.id, { now: t0 + 2 }))?.survey?.version).toBe(2);
  });

  it("many requests missing the same entry at once › one read, kept alive by the request that started it", async () => {
    const w = await world();
    const counting = countingDb();
    const now = Date.now();
    const kept: { by: number; work: Promise<unknown> }[] = [];
    const found = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        siteAndSurvey(counting.db, w.site.key, w.survey.id, { now, keepAlive: (work) => kept.push({ by: i, work }) }),
      ),
    );
    expect(found.every((f) => f?.site.id === w.site.id)).toBe(true);
    expect(counting.roundTrips()).toBe(1);
    // The first request keeps the read itself alive: it settles with the entry all eight were given.
    expect(kept.map((k) => k.by)).toEqual([0]);
    expect(await kept[0]!.work).toMatchObject({ value: { site: { id: w.site.id } } });
  });
});

describe("site cache › the submission path", () => {
  it("a survey edited in another isolate › an answer to its new question (new version) accepted at once", async () => {
    const w = await world();
    expect((await submit(submission(w))).status).toBe(201); // the cache now holds version 1
    await editElsewhere(w, moreQuestions);
    const res = await submit(
      submission(w, {
        version: 2,
        answers: [
          { question: "nps", value: 7 },
          { question: "extra", value: "asked after the edit" },
        ],
      }),
    );
    expect(res.status).toBe(201);
    const stored = await env.DB.prepare("SELECT version FROM responses WHERE site_id = ?1 ORDER BY version DESC")
      .bind(w.site.id)
      .first<{ version: number }>();
    expect(stored!.version).toBe(2);
  });
});
