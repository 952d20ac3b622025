import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { apiToken, bearer, call, createSite, json, world } from "./fixtures";

const SURVEY_BODY = { name: "x", questions: [{ id: "n", type: "nps", text: { en: "?" } }] };

describe("API tokens", () => {
  it("token › should be shown once, stored hashed, grant its site only, and stop working when revoked", async () => {
    const w = await world();
    const otherSite = await createSite(w.owner, { name: "Other" });
    const created = await json(
      await call("POST", `/api/sites/${w.site.id}/tokens`, { cookie: w.owner.cookie, body: { name: "BI export" } }),
    );
    expect(created).toMatchObject({ name: "BI export", scope: "read" });
    expect(created.token).toMatch(/^fbt_/);
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM api_tokens WHERE token_hash = ?1")
      .bind(created.token)
      .first<{ n: number }>();
    expect(stored!.n).toBe(0);
    expect((await call("GET", `/api/sites/${w.site.id}/summary`, bearer(created.token))).status).toBe(200);
    expect((await call("GET", `/api/sites/${otherSite.id}/summary`, bearer(created.token))).status).toBe(403);
    const list = await json(await call("GET", `/api/sites/${w.site.id}/tokens`, { cookie: w.owner.cookie }));
    expect(list).toEqual([expect.objectContaining({ id: created.id, scope: "read", parentId: null, revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(
      (await call("DELETE", `/api/sites/${w.site.id}/tokens/${created.id}`, { cookie: w.owner.cookie })).status,
    ).toBe(204);
    expect((await call("GET", `/api/sites/${w.site.id}/summary`, bearer(created.token))).status).toBe(401);
  });

  it("scopes › read reads, write also edits surveys and follow-ups, admin also manages the site", async () => {
    const w = await world();
    const read = await apiToken(w.owner, w.site.id, "read");
    const write = await apiToken(w.owner, w.site.id, "write");
    const admin = await apiToken(w.owner, w.site.id, "admin");
    const surveyPath = `/api/sites/${w.site.id}/surveys/${w.survey.id}`;
    const status = async (token: string, method: string, path: string, body?: unknown) =>
      (await call(method, path, { ...bearer(token), body })).status;
    expect(await status(read.token, "GET", `/api/sites/${w.site.id}/export.csv`)).toBe(200);
    expect(await status(read.token, "PUT", surveyPath, SURVEY_BODY)).toBe(403);
    expect(await status(write.token, "PUT", surveyPath, SURVEY_BODY)).toBe(200);
    expect(await status(write.token, "PATCH", `/api/sites/${w.site.id}`, { name: "mine" })).toBe(403);
    expect(await status(admin.token, "PATCH", `/api/sites/${w.site.id}`, { name: "mine" })).toBe(200);
    const sites = await json(await call("GET", "/api/sites", bearer(write.token)));
    expect(sites).toEqual([expect.objectContaining({ id: w.site.id, role: "editor" })]);
    // Account-level actions are for people.
    expect(await status(admin.token, "POST", "/api/sites", { name: "x", origins: ["https://a.example"] })).toBe(403);
    expect(await status(admin.token, "DELETE", "/api/account", { password: "correct horse battery" })).toBe(403);
  });

  it("minting › a token mints no wider than itself; revoking it revokes what it minted, down the chain", async () => {
    const w = await world();
    const admin = await apiToken(w.owner, w.site.id, "admin");
    const mint = (token: string, scope: string) =>
      call("POST", `/api/sites/${w.site.id}/tokens`, { ...bearer(token), body: { name: `minted ${scope}`, scope } });
    const child = await mint(admin.token, "admin");
    expect(child.status).toBe(201);
    const childToken = await json(child);
    const grandchild = await json(await mint(childToken.token, "read"));
    const write = await apiToken(w.owner, w.site.id, "write");
    const wider = await mint(write.token, "admin");
    expect(wider.status).toBe(403);
    expect((await json(wider)).error.code).toBe("forbidden");
    expect((await mint(write.token, "read")).status).toBe(403); // minting is managing tokens: admin only
    const list = await json(await call("GET", `/api/sites/${w.site.id}/tokens`, { cookie: w.owner.cookie }));
    expect(list.find((t: { id: string }) => t.id === grandchild.id).parentId).toBe(childToken.id);

    expect(
      (await call("DELETE", `/api/sites/${w.site.id}/tokens/${admin.id}`, { cookie: w.owner.cookie })).status,
    ).toBe(204);
    for (const token of [admin.token, childToken.token, grandchild.token]) {
      expect((await call("GET", `/api/sites/${w.site.id}/summary`, bearer(token))).status).toBe(401);
    }
    expect((await call("GET", `/api/sites/${w.site.id}/summary`, bearer(write.token))).status).toBe(200);
  });
});

describe("webhook secrets", () => {
  it("a new webhook › shows its signing secret once; the list and later reads never do", async () => {
    const w = await world();
    const res = await call("POST", `/api/sites/${w.site.id}/webhooks`, {
      cookie: w.owner.cookie,
      body: { url: `${env.WEBHOOK_RECEIVER}/ok/secret-once` },
    });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created.secret).toMatch(/^whsec_.{20,}/);
    const list = await call("GET", `/api/sites/${w.site.id}/webhooks`, { cookie: w.owner.cookie });
    const text = await list.text();
    const { secret, ...shown } = created;
    expect(JSON.parse(text)).toEqual([shown]);
    expect(shown).toMatchObject({ format: "json", events: ["response.unhappy"] });
    expect(text).not.toContain(created.secret);
    const alerts = await (await call("GET", `/api/sites/${w.site.id}/alerts`, { cookie: w.owner.cookie })).text();
    expect(alerts).not.toContain(created.secret);
  });
});
