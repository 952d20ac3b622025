/**
 * Signed links of the hosted survey page: minted by the owner API (or by a shop's back end with the
 * site's secret), refused when forged, changed or expired, the secret rotated with and without a
 * rollover; and one response per order held by the database under concurrency.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signLink } from "../../worker/src/lib/link-signature";
import {
  BASE,
  call,
  clientId,
  json,
  rowCounts,
  SURVEY,
  submission,
  submit,
  summary,
  type World,
  WRITTEN_EITHER_WAY,
  world,
} from "./fixtures";

const SIGNED = { ...SURVEY, links: { signed: true, onePer: "orderId" } };

async function signedWorld(links: Record<string, unknown> = SIGNED.links): Promise<World> {
  const w = await world();
  const res = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
    cookie: w.owner.cookie,
    body: { ...SURVEY, links },
  });
  expect(res.status).toBe(200);
  return w;
}

const mint = (w: World, body: Record<string, unknown>) =>
  call("POST", `/api/sites/${w.site.id}/surveys/${w.survey.id}/links`, { cookie: w.owner.cookie, body });

async function mintUrl(w: World, context: Record<string, string>, extra: Record<string, unknown> = {}) {
  const res = await mint(w, { context, ...extra });
  expect(res.status).toBe(201);
  return new URL((await json<{ url: string }>(res)).url);
}

const rotate = async (w: World, keepOldForDays?: number) =>
  json<{ secret: string; previousValidUntil: string | null }>(
    await call("POST", `/api/sites/${w.site.id}/link-secret`, {
      cookie: w.owner.cookie,
      ...(keepOldForDays === undefined ? {} : { body: { keepOldForDays } }),
    }),
  );

/** What the hosted page's script would send for the link: its context unchanged and its signature. */
const linkAnswer = (w: World, url: URL, overrides: Record<string, unknown> = {}) =>
  submission(w, {
    context: Object.fromEntries(
      [...url.searchParams].filter(([k]) => k.startsWith("ctx.")).map(([k, v]) => [k.slice(4), v]),
    ),
    ...(url.searchParams.has("sig") ? { sig: url.searchParams.get("sig") } : {}),
    channel: "link",
    page: `${BASE}${url.pathname}`,
    ...overrides,
  });

const open = (url: URL | string) => call("GET", typeof url === "string" ? url : url.pathname + url.search);

describe("minting links", () => {
  it("a signed survey › the link has the context and a signature, opens, and is answered", async () => {
    const w = await signedWorld();
    const url = await mintUrl(w, { orderId: "A-1042" }, { channel: "email", lang: "ro", expiresInDays: 7 });
    expect(url.origin).toBe(BASE);
    expect(url.pathname).toBe(`/s/${w.site.key}/${w.survey.id}`);
    expect(url.searchParams.get("ctx.orderId")).toBe("A-1042");
    expect(url.searchParams.get("channel")).toBe("email");
    expect(url.searchParams.get("lang")).toBe("ro");
    const expiry = Number(url.searchParams.get("sig")!.split(".")[0]);
    expect(Math.abs(expiry - (Date.now() / 1000 + 7 * 86400))).toBeLessThan(60);
    const page = await open(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`"sig":"${url.searchParams.get("sig")}"`);
    // From the hosted page itself: the collector's own origin, which the shop never listed.
    const res = await submit(linkAnswer(w, url, { channel: "email" }), BASE);
    expect(res.status).toBe(201);
    const items = (await json(await call("GET", `/api/sites/${w.site.id}/responses`, { cookie: w.owner.cookie })))
      .items;
    expect(items[0]).toMatchObject({ channel: "email", context: { orderId: "A-1042" } });
  });

  it("a onePer survey › a link without the key's value is 400 and names the key", async () => {
    const w = await signedWorld();
    const res = await mint(w, { context: { productId: "sku-1" } });
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues[0].path).toBe("context.orderId");
  });

  it("another owner's site › 403; an unknown survey › 404", async () => {
    const w = await signedWorld();
    const other = await world();
    const res = await call("POST", `/api/sites/${w.site.id}/surveys/${w.survey.id}/links`, {
      cookie: other.owner.cookie,
      body: { context: { orderId: "A-1" } },
    });
    expect(res.status).toBe(403);
    expect((await mint({ ...w, survey: { id: "srv_nope" } }, { context: {} })).status).toBe(404);
  });
});

describe("signatures", () => {
  it("forged signature or changed context › page says not valid; answer 403, nothing stored", async () => {
    const w = await signedWorld();
    const url = await mintUrl(w, { orderId: "A-1042" });
    const sig = url.searchParams.get("sig")!;
    const forged = new URL(url);
    forged.searchParams.set("sig", `${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`);
    const changed = new URL(url);
    changed.searchParams.set("ctx.orderId", "A-1043");
    const unsigned = new URL(url);
    unsigned.searchParams.delete("sig");
    const before = await rowCounts(env.DB);
    for (const bad of [forged, changed, unsigned]) {
      const page = await open(bad);
      expect(page.status).toBe(403);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(await page.text()).toContain("This link is not valid");
      const res = await submit(linkAnswer(w, bad), BASE);
      expect(res.status).toBe(403);
      expect((await json(res)).error.code).toBe("bad_signature");
    }
    // The popup cannot answer it either: no signature, no answer.
    expect((await submit(submission(w, { context: { orderId: "A-1042" } }))).status).toBe(403);
    expect(await rowCounts(env.DB)).toEqual(before);
  });

  it("signed by a shop's back end › accepted; past its expiry › page says so, answer 403", async () => {
    const w = await signedWorld();
    const { secret } = await rotate(w);
    const now = Math.floor(Date.now() / 1000);
    const valid = await signLink(secret, w.site.key, w.survey.id, { orderId: "B-7" }, now + 3600);
    const expired = await signLink(secret, w.site.key, w.survey.id, { orderId: "B-8" }, now - 60);
    const path = `/s/${w.site.key}/${w.survey.id}`;
    expect((await open(`${path}?ctx.orderId=B-7&sig=${valid}`)).status).toBe(200);
    const old = await open(`${path}?ctx.orderId=B-8&sig=${expired}&lang=de`);
    expect(old.status).toBe(403);
    expect(await old.text()).toContain("Dieser Link ist abgelaufen");
    expect((await submit(submission(w, { context: { orderId: "B-7" }, sig: valid }))).status).toBe(201);
    const res = await submit(submission(w, { context: { orderId: "B-8" }, sig: expired }));
    expect(res.status).toBe(403);
    expect((await json(res)).error.message).toMatch(/expired/);
  });

  it("a rotation this isolate did not make (another did) › the new secret's links are accepted at once", async () => {
    const w = await signedWorld();
    const { secret } = await rotate(w);
    const expiry = Math.floor(Date.now() / 1000) + 3600;
    const sign = (key: string, orderId: string) => signLink(key, w.site.key, w.survey.id, { orderId }, expiry);
    const first = { context: { orderId: "R-1" }, sig: await sign(secret, "R-1") };
    expect((await submit(submission(w, first))).status).toBe(201); // the secret is now kept in the isolate
    const elsewhere = "lsec_rotated-by-another-isolate-0123456789abcdef";
    await env.DB.prepare("UPDATE link_secrets SET secret = ?2 WHERE site_id = ?1").bind(w.site.id, elsewhere).run();
    const next = { context: { orderId: "R-2" }, sig: await sign(elsewhere, "R-2") };
    expect((await submit(submission(w, next))).status).toBe(201);
    expect(
      (await open(`/s/${w.site.key}/${w.survey.id}?ctx.orderId=R-3&sig=${await sign(elsewhere, "R-3")}`)).status,
    ).toBe(200);
  });

  it("a response begun before its link expired › its later part still completes it; a new one is refused", async () => {
    const w = await signedWorld();
    const { secret } = await rotate(w);
    const now = Math.floor(Date.now() / 1000);
    const context = { orderId: "C-1" };
    const fresh = await signLink(secret, w.site.key, w.survey.id, context, now + 60);
    const lapsed = await signLink(secret, w.site.key, w.survey.id, context, now - 1);
    const first = submission(w, { context, sig: fresh, complete: false });
    expect((await submit(first)).status).toBe(201);
    const last = {
      ...first,
      sig: lapsed,
      complete: true,
      answers: [...first.answers, { question: "why", value: "ok" }],
    };
    expect((await submit(last)).status).toBe(200);
    expect((await submit({ ...last, id: clientId() })).status).toBe(403);
    expect((await summary(w)).completed).toBe(1);
  });

  it("rotation › shown once; old links work during a rollover, without one they stop at once", async () => {
    const w = await signedWorld();
    const url = await mintUrl(w, { orderId: "D-1" });
    const rolled = await rotate(w, 7);
    expect(rolled.secret).toMatch(/^lsec_/);
    expect(Date.parse(rolled.previousValidUntil!)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect((await open(url)).status).toBe(200);
    const status = await json(await call("GET", `/api/sites/${w.site.id}/link-secret`, { cookie: w.owner.cookie }));
    expect(status).toEqual({ createdAt: expect.any(String), previousValidUntil: rolled.previousValidUntil });
    expect(JSON.stringify(status)).not.toContain("lsec_");
    const cut = await rotate(w);
    expect(cut.previousValidUntil).toBeNull();
    expect((await open(url)).status).toBe(403);
    expect((await open(await mintUrl(w, { orderId: "D-1" }))).status).toBe(200);
  });

  it("an unsigned survey › any link opens it, the signature is not asked for", async () => {
    const w = await world();
    const page = await open(`/s/${w.site.key}/${w.survey.id}?ctx.orderId=X-1&channel=qr`);
    expect(page.status).toBe(200);
    expect((await submit(submission(w, { channel: "qr" }), BASE)).status).toBe(201);
  });
});

describe("one response per order (links.onePer)", () => {
  it.each(WRITTEN_EITHER_WAY)(
    "10 concurrent answers for one order, written %s › one 201, nine 409; one counted",
    async (_, send) => {
      const w = await signedWorld({ signed: false, onePer: "orderId" });
      const bodies = Array.from({ length: 10 }, (_, i) =>
        submission(w, { context: { orderId: "A-1042" }, answers: [{ question: "nps", value: i }] }),
      );
      const results = await Promise.all(bodies.map((b) => send(b)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      const refused = await json(results.find((r) => r.status === 409)!);
      expect(refused.error.code).toBe("already_answered");
      const s = await summary(w);
      expect(s.responses).toBe(1);
      expect(s.nps.count).toBe(1);
      const winner = bodies[results.findIndex((r) => r.status === 201)]!;
      const { results: stored } = await env.DB.prepare("SELECT id FROM responses WHERE site_id = ?1")
        .bind(w.site.id)
        .all<{ id: string }>();
      expect(stored.map((r) => r.id)).toEqual([winner.id]);
      // The winner's retry is still a duplicate, and another order still answers.
      expect((await submit(winner)).status).toBe(200);
      expect((await submit(submission(w, { context: { orderId: "A-1043" } }))).status).toBe(201);
    },
  );

  it("the answered order's link › the page says 'already answered' in the visitor's language", async () => {
    const w = await signedWorld();
    const url = await mintUrl(w, { orderId: "E-1" });
    expect((await submit(linkAnswer(w, url), BASE)).status).toBe(201);
    const page = await call("GET", url.pathname + url.search, {
      headers: { "accept-language": "ro-RO,ro;q=0.9,en;q=0.5" },
    });
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain('<html lang="ro"');
    expect(html).toContain("Ai răspuns deja, mulțumim");
    expect(html).not.toContain("widget-hosted.js");
  });

  it("parts of one response under its claim › the later part completes it; without the key's value › 400", async () => {
    const w = await signedWorld({ signed: false, onePer: "orderId" });
    const first = submission(w, { context: { orderId: "F-1" }, complete: false });
    expect((await submit(first)).status).toBe(201);
    const done = { ...first, complete: true, answers: [...first.answers, { question: "csat", value: 4 }] };
    expect((await submit(done)).status).toBe(200);
    const missing = await submit(submission(w, { context: { productId: "sku-1" } }));
    expect(missing.status).toBe(400);
    expect((await json(missing)).error.message).toMatch(/one response per orderId/);
  });

  it("a customer who withdraws consent › the claim goes with the answer, and the order may answer again", async () => {
    const w = await signedWorld({ signed: false, onePer: "orderId" });
    const body = submission(w, { context: { orderId: "G-1" } });
    expect((await submit(body)).status).toBe(201);
    expect((await submit(submission(w, { context: { orderId: "G-1" } }))).status).toBe(409);
    const forget = await call("POST", "/v1/forget", {
      body: { site: w.site.key, respondent: body.respondent },
      origin: "https://shop.example",
    });
    expect((await json(forget)).deleted).toBe(1);
    expect((await submit(submission(w, { context: { orderId: "G-1" } }))).status).toBe(201);
  });
});
