/** Sites and surveys made by the owner: validation, the public config, and settings that ingestion follows at once. */
import { describe, expect, it } from "vitest";
import { call, createSite, json, signup, submission, submit, world } from "./fixtures";

describe("sites, surveys and isolation", () => {
  it("create and list sites › should normalise origins and return the public key", async () => {
    const owner = await signup();
    const res = await call("POST", "/api/sites", {
      cookie: owner.cookie,
      body: { name: "Shop", origins: ["https://shop.example/path", "https://shop.example"], retentionDays: 90 },
    });
    expect(res.status).toBe(201);
    const site = await json(res);
    expect(site.id).toMatch(/^site_/);
    expect(site.key).toMatch(/^pk_/);
    const list = await json(await call("GET", "/api/sites", { cookie: owner.cookie }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: site.id, key: site.key, origins: ["https://shop.example"], retentionDays: 90 });
    const bad = await call("POST", "/api/sites", {
      cookie: owner.cookie,
      body: { name: "", origins: ["not a url"], retentionDays: 0 },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.issues.length).toBeGreaterThanOrEqual(3);
  });

  it("survey definition › should be validated: unique ids, options for choice types, a locale", async () => {
    const owner = await signup();
    const site = await createSite(owner);
    const bad = [
      {
        name: "dup",
        questions: [
          { id: "a", type: "nps", text: { en: "?" } },
          { id: "a", type: "csat", text: { en: "?" } },
        ],
      },
      { name: "no options", questions: [{ id: "a", type: "choice", text: { en: "?" } }] },
      { name: "no locale", questions: [{ id: "a", type: "nps", text: {} }] },
      { name: "no questions", questions: [] },
      { name: "bad type", questions: [{ id: "a", type: "stars", text: { en: "?" } }] },
      { name: "bad accent", questions: [{ id: "a", type: "nps", text: { en: "?" } }], theme: { accent: "red" } },
    ];
    for (const body of bad) {
      const res = await call("POST", `/api/sites/${site.id}/surveys`, { cookie: owner.cookie, body });
      expect(res.status, body.name).toBe(400);
      expect((await json(res)).error.code).toBe("invalid_body");
    }
    const ok = await call("POST", `/api/sites/${site.id}/surveys`, {
      cookie: owner.cookie,
      body: { name: "ok", questions: [{ id: "a", type: "nps", text: { en: "?" } }] },
    });
    expect(ok.status).toBe(201);
    const { id } = await json(ok);
    const put = await call("PUT", `/api/sites/${site.id}/surveys/${id}`, {
      cookie: owner.cookie,
      body: { id, name: "renamed", active: false, questions: [{ id: "a", type: "nps", text: { en: "?" } }] },
    });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ id, name: "renamed", active: false, version: 2 });
    const missing = await call("PUT", `/api/sites/${site.id}/surveys/srv_none`, {
      cookie: owner.cookie,
      body: { name: "x", questions: [{ id: "a", type: "nps", text: { en: "?" } }] },
    });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe("unknown_survey");
  });

  it("config › serves active surveys with an ETag, 304 on revalidation, CORS for allowed origins only", async () => {
    const w = await world();
    const res = await call("GET", `/v1/sites/${w.site.key}/config`, { origin: "https://shop.example" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/max-age=60/);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const etag = res.headers.get("etag")!;
    const body = await json(res);
    expect(body).toMatchObject({
      site: w.site.key,
      policy: { version: "2026-11-01", url: "https://shop.example/privacy" },
    });
    expect(body.surveys.map((s: { id: string }) => s.id)).toEqual([w.survey.id]);
    const again = await call("GET", `/v1/sites/${w.site.key}/config`, {
      origin: "https://shop.example",
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    const foreign = await call("GET", `/v1/sites/${w.site.key}/config`, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const unknown = await call("GET", "/v1/sites/pk_nothing/config");
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe("unknown_site");
  });
});

describe("site settings take effect", () => {
  it("an origin removed, a question added › ingestion follows at once (the isolate's cache is dropped)", async () => {
    const w = await world();
    expect((await submit(submission(w))).status).toBe(201);
    const put = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: {
        name: "v2",
        questions: [
          { id: "nps", type: "nps", required: true, text: { en: "?" } },
          { id: "extra", type: "text", text: { en: "More?" } },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(
      (
        await submit(
          submission(w, {
            answers: [
              { question: "nps", value: 8 },
              { question: "extra", value: "new question" },
            ],
          }),
        )
      ).status,
    ).toBe(201);
    await call("PATCH", `/api/sites/${w.site.id}`, {
      cookie: w.owner.cookie,
      body: { origins: ["https://other.example"] },
    });
    const refused = await submit(submission(w));
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe("origin_not_allowed");
  });
});
