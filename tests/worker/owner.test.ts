import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/src/index";
import { call, clientId, createSite, json, signup, submission, submit, type World, world } from "./fixtures";

describe("auth", () => {
  it("signup, login, logout › should set an HttpOnly SameSite cookie and end the session", async () => {
    const email = `a-${clientId()}@example.com`;
    const res = await call("POST", "/api/auth/signup", { body: { email, password: "correct horse battery" } });
    expect(res.status).toBe(201);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const login = await call("POST", "/api/auth/login", {
      body: { email: email.toUpperCase(), password: "correct horse battery" },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    expect((await call("GET", "/api/sites", { cookie })).status).toBe(200);
    // Session ids are stored hashed only.
    const token = cookie.split("=")[1]!;
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id_hash = ?1")
      .bind(token)
      .first<{ n: number }>();
    expect(stored!.n).toBe(0);
    expect((await call("POST", "/api/auth/logout", { cookie })).status).toBe(204);
    const after = await call("GET", "/api/sites", { cookie });
    expect(after.status).toBe(401);
    expect((await json(after)).error.code).toBe("unauthorized");
  });

  it("logout everywhere › should end every session of the owner", async () => {
    const owner = await signup();
    const other = await call("POST", "/api/auth/login", {
      body: { email: owner.email, password: "correct horse battery" },
    });
    const cookie2 = other.headers.get("set-cookie")!.split(";")[0]!;
    expect((await call("POST", "/api/auth/logout?everywhere=true", { cookie: owner.cookie })).status).toBe(204);
    expect((await call("GET", "/api/sites", { cookie: cookie2 })).status).toBe(401);
  });

  it("bad signup › should refuse weak input (400)", async () => {
    for (const body of [
      { email: "nope", password: "long enough password" },
      { email: "x@example.com", password: "short" },
      {},
    ]) {
      const res = await call("POST", "/api/auth/signup", { body });
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe("invalid_body");
    }
  });

  it("cookie-authenticated write from another origin › should be refused as CSRF", async () => {
    const owner = await signup();
    const res = await call("POST", "/api/sites", {
      cookie: owner.cookie,
      origin: "https://evil.example",
      body: { name: "x", origins: ["https://a.example"] },
    });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("forbidden");
    const sites = await json(await call("GET", "/api/sites", { cookie: owner.cookie }));
    expect(sites).toEqual([]);
  });

  it("owner route without credentials › should answer 401", async () => {
    for (const [m, p] of [
      ["GET", "/api/sites"],
      ["POST", "/api/sites"],
      ["GET", "/api/sites/x/summary"],
      ["GET", "/api/sites/x/export.csv"],
    ] as const) {
      const res = await call(m, p, m === "POST" ? { body: {} } : {});
      expect(res.status, p).toBe(401);
      expect((await json(res)).error.code).toBe("unauthorized");
    }
  });
});

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

async function seedResponses(w: World) {
  const ids: string[] = [];
  const scores = [0, 3, 6, 7, 8, 9, 10];
  for (const score of scores) {
    const body = submission(w, {
      answers: [
        { question: "nps", value: score },
        { question: "why", value: `reason ${score}` },
      ],
      context: { productId: score < 7 ? "sku-bad" : "sku-good" },
    });
    expect((await submit(body)).status).toBe(201);
    ids.push(body.id);
  }
  return ids;
}

describe("responses, follow-up and export", () => {
  it("list › should page with a cursor and filter by segment, status, context and text", async () => {
    const w = await world();
    await seedResponses(w);
    const base = `/api/sites/${w.site.id}/responses`;
    const page1 = await json(await call("GET", `${base}?limit=3`, { cookie: w.owner.cookie }));
    expect(page1.items).toHaveLength(3);
    expect(page1.next).toBeTruthy();
    const page2 = await json(await call("GET", `${base}?limit=3&cursor=${page1.next}`, { cookie: w.owner.cookie }));
    const page3 = await json(await call("GET", `${base}?limit=3&cursor=${page2.next}`, { cookie: w.owner.cookie }));
    const all = [...page1.items, ...page2.items, ...page3.items].map((i: { id: string }) => i.id);
    expect(new Set(all).size).toBe(7);
    expect(page3.next).toBeNull();
    const detractors = await json(await call("GET", `${base}?segment=detractor`, { cookie: w.owner.cookie }));
    expect(detractors.items.map((i: any) => i.answers.find((a: any) => a.question === "nps").value).sort()).toEqual([
      0, 3, 6,
    ]);
    const passives = await json(await call("GET", `${base}?segment=passive`, { cookie: w.owner.cookie }));
    expect(passives.items).toHaveLength(2);
    const good = await json(await call("GET", `${base}?context=productId:sku-good`, { cookie: w.owner.cookie }));
    expect(good.items).toHaveLength(4);
    const search = await json(await call("GET", `${base}?q=REASON 9`, { cookie: w.owner.cookie }));
    expect(search.items).toHaveLength(1);
    expect(search.items[0]).toMatchObject({
      status: "new",
      context: { productId: "sku-good" },
      page: "https://shop.example/checkout/thank-you",
    });
    const bad = await call("GET", `${base}?cursor=garbage`, { cookie: w.owner.cookie });
    expect(bad.status).toBe(400);
  });

  it("follow-up › resolving a detractor should move it out of the queue", async () => {
    const w = await world();
    await seedResponses(w);
    const queueUrl = `/api/sites/${w.site.id}/responses?segment=detractor&status=new&order=asc`;
    const queue = await json(await call("GET", queueUrl, { cookie: w.owner.cookie }));
    expect(queue.items).toHaveLength(3);
    const target = queue.items[0].id;
    const res = await call("PATCH", `/api/sites/${w.site.id}/responses/${target}`, {
      cookie: w.owner.cookie,
      body: { status: "resolved", note: "Refunded" },
    });
    expect(res.status).toBe(200);
    const after = await json(await call("GET", queueUrl, { cookie: w.owner.cookie }));
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(target);
    const resolved = await json(
      await call("GET", `/api/sites/${w.site.id}/responses?status=resolved`, { cookie: w.owner.cookie }),
    );
    expect(resolved.items).toMatchObject([{ id: target, status: "resolved", note: "Refunded" }]);
    const badStatus = await call("PATCH", `/api/sites/${w.site.id}/responses/${target}`, {
      cookie: w.owner.cookie,
      body: { status: "done" },
    });
    expect(badStatus.status).toBe(400);
    const missing = await call("PATCH", `/api/sites/${w.site.id}/responses/nope`, {
      cookie: w.owner.cookie,
      body: { status: "resolved" },
    });
    expect(missing.status).toBe(404);
  });

  it("owner delete › should remove the response and its weight from the summary", async () => {
    const w = await world();
    const ids = await seedResponses(w);
    const before = await json(await call("GET", `/api/sites/${w.site.id}/summary`, { cookie: w.owner.cookie }));
    expect(before.nps.count).toBe(7);
    expect(
      (await call("DELETE", `/api/sites/${w.site.id}/responses/${ids[0]}`, { cookie: w.owner.cookie })).status,
    ).toBe(204);
    const after = await json(await call("GET", `/api/sites/${w.site.id}/summary`, { cookie: w.owner.cookie }));
    expect(after.nps).toMatchObject({ count: 6, detractors: 2 });
    expect(after.responses).toBe(6);
  });

  it("export.csv › should stream UTF-8 with BOM, neutralise formulas, and honour filters", async () => {
    const w = await world();
    const evil = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tTab", 'Ăă Șș Łł Řř Հայերեն, "quoted"'];
    for (const text of evil) {
      expect(
        (
          await submit(
            submission(w, {
              answers: [
                { question: "nps", value: 5 },
                { question: "why", value: text },
              ],
              context: { note: "=cmd" },
            }),
          )
        ).status,
      ).toBe(201);
    }
    await submit(submission(w, { answers: [{ question: "nps", value: 10 }] }));
    const res = await call("GET", `/api/sites/${w.site.id}/export.csv?segment=detractor`, { cookie: w.owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="responses-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + evil.length);
    expect(lines[0]).toMatch(/^response_id,created_at,survey,/);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(",'+1+1");
    expect(text).toContain(",'-2");
    expect(text).toContain(",'@SUM(A1)");
    expect(text).toContain(",'\tTab");
    expect(text).toContain(`"Ăă Șș Łł Řř Հայերեն, ""quoted"""`);
    expect(text).toContain(",note==cmd,"); // the cell starts with "note": no formula, nothing to neutralise
    for (const line of lines.slice(1)) expect(line.split(",")[0]).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it("export of many rows › should stream across pages without losing or repeating a row", async () => {
    const w = await world();
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1233)
       INSERT INTO responses
         (id, site_id, survey_id, body_hash, respondent_hash, device, consent_at, created_at, day, nps_min)
       SELECT printf('exp%018d', i), ?1, ?2, 'h', 'r', 'desktop', '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z',
              '2026-09-01', 5 FROM n`,
    )
      .bind(w.site.id, w.survey.id)
      .run();
    const res = await call("GET", `/api/sites/${w.site.id}/export.csv`, { cookie: w.owner.cookie });
    const rows = (await res.text()).trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(1234);
    expect(new Set(rows.map((r) => r.split(",")[0])).size).toBe(1234);
  });
});

describe("security headers", () => {
  it("dashboard and API answers › should carry CSP, frame-ancestors none, nosniff and a referrer policy", async () => {
    const res = await call("GET", "/api/sites");
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
    const pub = await call("GET", "/v1/sites/pk_x/config");
    expect(pub.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    // A local collector (npm run dev) is not told to insist on HTTPS.
    const local = await app.fetch(new Request("http://127.0.0.1:8787/api/sites"), env, createExecutionContext());
    expect(local.headers.get("strict-transport-security")).toBeNull();
    expect(local.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });
});
