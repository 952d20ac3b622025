/**
 * Findings of the security review (issue 14) and the gaps its mutation check found: links customers'
 * browsers open, withdrawal records nobody can fake, CORS grants only to origins a site lists, CSV
 * cells that start with a line break, and the summary's language and page filters.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { csvCell } from "../../worker/src/services/csv";
import { call, countingLimiter, createSite, json, SHOP, signup, submission, submit, summary, world } from "./fixtures";

const today = () => new Date().toISOString().slice(0, 10);

describe("privacy-policy links (drawn by the widget on shop pages)", () => {
  const refused = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "http://shop.example/privacy",
    "ftp://shop.example/privacy",
    "//shop.example/privacy",
  ];
  const accepted = ["https://shop.example/privacy", "http://localhost:8788/privacy", "http://127.0.0.1:8788/p"];

  it("a scheme other than https (http for localhost) › 400 invalid_body on create and edit, nothing kept", async () => {
    const owner = await signup();
    const site = await createSite(owner);
    for (const policyUrl of refused) {
      const created = await call("POST", "/api/sites", {
        cookie: owner.cookie,
        body: { name: "x", origins: [SHOP], policyUrl },
      });
      expect(created.status, policyUrl).toBe(400);
      expect((await json(created)).error.issues[0].path, policyUrl).toBe("policyUrl");
      const patched = await call("PATCH", `/api/sites/${site.id}`, { cookie: owner.cookie, body: { policyUrl } });
      expect(patched.status, policyUrl).toBe(400);
    }
    const stored = await json(await call("GET", `/api/sites/${site.id}`, { cookie: owner.cookie }));
    expect(stored.policyUrl).toBe("https://shop.example/privacy");
    for (const policyUrl of accepted) {
      const patched = await call("PATCH", `/api/sites/${site.id}`, { cookie: owner.cookie, body: { policyUrl } });
      expect(patched.status, policyUrl).toBe(200);
      expect((await json(patched)).policyUrl).toBe(policyUrl);
    }
  });

  it("a javascript: link stored before the rule (an old row) › the config serves no link", async () => {
    const w = await world();
    const config = async () =>
      (await json(await call("GET", `/v1/sites/${w.site.key}/config`, { origin: SHOP }))).policy;
    expect((await config()).url).toBe("https://shop.example/privacy");
    await env.DB.prepare("UPDATE sites SET policy_url = 'javascript:alert(document.cookie)' WHERE id = ?1")
      .bind(w.site.id)
      .run();
    expect(await config()).toMatchObject({ url: null, version: "2026-11-01" });
    // Nor the hosted survey page: neither its own footer nor the data it hands the widget.
    const html = await (await call("GET", `/s/${w.site.key}/${w.survey.id}`)).text();
    expect(html).not.toContain("javascript:");
    expect(html).toContain('"policy":{"version":"2026-11-01","url":null');
  });
});

describe("withdrawal records", () => {
  const forget = (siteKey: string, respondent: string, opts: { env?: Partial<Cloudflare.Env>; ip?: string } = {}) =>
    call("POST", "/v1/forget", {
      body: { site: siteKey, respondent },
      origin: SHOP,
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.ip ? { headers: { "cf-connecting-ip": opts.ip } } : {}),
    });
  const withdrawalRows = async (siteId: string) =>
    (await env.DB.prepare("SELECT deleted FROM consent_withdrawals WHERE site_id = ?1").bind(siteId).all()).results;
  const emptyCount = async (siteId: string) =>
    (
      await env.DB.prepare("SELECT count FROM empty_withdrawals WHERE site_id = ?1 AND day = ?2")
        .bind(siteId, today())
        .first<{ count: number }>()
    )?.count ?? 0;

  it("withdrawals that erase nothing › leave no record in the consent records, only a count for the day", async () => {
    const w = await world();
    for (let i = 0; i < 12; i++) {
      expect(await json(await forget(w.site.key, `made-up-respondent-token-${i}`))).toEqual({ deleted: 0 });
    }
    expect(await withdrawalRows(w.site.id)).toEqual([]);
    expect(await emptyCount(w.site.id)).toBe(12);
    const real = submission(w, { respondent: "a-real-customer-who-leaves" });
    expect((await submit(real)).status).toBe(201);
    expect(await json(await forget(w.site.key, real.respondent))).toEqual({ deleted: 1 });
    expect(await json(await forget(w.site.key, real.respondent))).toEqual({ deleted: 0 }); // a second click
    expect(await withdrawalRows(w.site.id)).toEqual([{ deleted: 1 }]);
    expect(await emptyCount(w.site.id)).toBe(13);
    const csv = await (await call("GET", `/api/sites/${w.site.id}/consents.csv`, { cookie: w.owner.cookie })).text();
    expect(csv.split("\r\n").filter((l) => l.startsWith("withdrawn,"))).toHaveLength(1);
  });

  it("a flood of withdrawals from one client › 429 from their own limit, keyed without the address", async () => {
    const w = await world();
    const { limiter, keys } = countingLimiter(3);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const res = await forget(w.site.key, `flooding-token-00000000-${i}`, {
        env: { FORGET_RATE_LIMITER: limiter },
        ip: "198.51.100.77",
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect((await json(res)).error.code).toBe("rate_limited");
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(await emptyCount(w.site.id)).toBe(3);
    expect(keys.every((k) => k.startsWith("/v1/forget:") && !k.includes("198.51.100"))).toBe(true);
    // Another client is not held back.
    const other = await forget(w.site.key, "another-client-token-0001", {
      env: { FORGET_RATE_LIMITER: limiter },
      ip: "198.51.100.78",
    });
    expect(other.status).toBe(200);
  });
});

describe("CORS of the public routes: only an origin a site lists", () => {
  const EVIL = "https://evil.example";
  const post = (path: string, rawBody: string, origin: string) =>
    call("POST", path, { rawBody, origin, headers: { "content-type": "application/json" } });

  it("a foreign origin › no grant, whether the site is unknown, the body invalid or the site known", async () => {
    const w = await world();
    const valid = JSON.stringify(submission(w));
    const cases: [string, string, number][] = [
      ["/v1/responses", JSON.stringify(submission(w, { site: "pk_nobody" })), 404],
      ["/v1/responses", "{not json", 400],
      ["/v1/responses", JSON.stringify({ ...submission(w), answers: "x" }), 400],
      ["/v1/responses", valid, 403],
      ["/v1/events", JSON.stringify({ site: "pk_nobody", survey: "s", version: 1, event: "shown" }), 404],
      ["/v1/events", "[]", 400],
      ["/v1/forget", JSON.stringify({ site: "pk_nobody", respondent: "respondent-token-0123456789" }), 404],
    ];
    for (const [path, body, status] of cases) {
      const res = await post(path, body, EVIL);
      expect(res.status, `${path} ${body}`).toBe(status);
      expect(res.headers.get("access-control-allow-origin"), `${path} ${body}`).toBeNull();
    }
    const config = await call("GET", "/v1/sites/pk_nobody/config", { origin: EVIL });
    expect(config.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("an origin some site lists › its errors are granted to it (the widget must read them), to it alone", async () => {
    await world();
    for (const body of [JSON.stringify({ site: "pk_nobody" }), "{not json"]) {
      const res = await post("/v1/responses", body, SHOP);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get("access-control-allow-origin")).toBe(SHOP);
      expect(res.headers.get("vary")).toContain("Origin");
    }
  });
});

describe("CSV cells", () => {
  it("free text starting with a line break, tab or formula sign › neutralised with ' (and quoted when needed)", () => {
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`);
    expect(csvCell("\n@SUM(A1)")).toBe(`"'\n@SUM(A1)"`);
    expect(csvCell("\r\n-2")).toBe(`"'\r\n-2"`);
    expect(csvCell("\t+1")).toBe("'\t+1");
    expect(csvCell("plain, text")).toBe(`"plain, text"`);
    expect(csvCell("a\nb")).toBe(`"a\nb"`); // a line break inside is no formula
  });

  it("an answer starting with a line break › exported neutralised", async () => {
    const w = await world();
    const body = submission(w, {
      answers: [
        { question: "nps", value: 5 },
        { question: "why", value: '\n=HYPERLINK("http://x")' },
      ],
    });
    expect((await submit(body)).status).toBe(201);
    const csv = await (await call("GET", `/api/sites/${w.site.id}/export.csv`, { cookie: w.owner.cookie })).text();
    expect(csv).toContain(`"'\n=HYPERLINK(""http://x"")"`);
  });
});

describe("summary filters", () => {
  it("by language and by page › only the responses given in it, or on it (stored without its query)", async () => {
    const w = await world();
    const answers = (value: number) => [{ question: "nps", value }];
    const given: [string, string, number][] = [
      ["en", "https://shop.example/checkout/thank-you?order=1", 10],
      ["ro", "https://shop.example/checkout/thank-you?order=2", 0],
      ["ro", "https://shop.example/product/7", 9],
      ["de", "https://shop.example/product/7#reviews", 5],
    ];
    for (const [locale, page, score] of given) {
      expect((await submit(submission(w, { locale, page, answers: answers(score) }))).status).toBe(201);
    }
    expect((await summary(w)).nps.count).toBe(4);
    const ro = await summary(w, "?locale=ro");
    expect(ro).toMatchObject({ responses: 2, nps: { count: 2, promoters: 1, detractors: 1, score: 0 } });
    const product = await summary(w, `?page=${encodeURIComponent("https://shop.example/product/7")}`);
    expect(product).toMatchObject({ responses: 2, nps: { count: 2, promoters: 1, detractors: 1 } });
    const both = await summary(w, `?locale=ro&page=${encodeURIComponent("https://shop.example/product/7")}`);
    expect(both).toMatchObject({ responses: 1, nps: { count: 1, promoters: 1, score: 100 } });
    expect((await summary(w, "?locale=fr")).responses).toBe(0);
  });
});
