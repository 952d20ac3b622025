import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createSite, freshEmail, invite, json, member, PASSWORD, setCookie, signup, world } from "./fixtures";

const signupWith = (email: string, token: string, mode: "open" | "invite" = "invite") =>
  call("POST", "/api/auth/signup", { body: { email, password: PASSWORD, invite: token }, env: { SIGNUP: mode } });

const members = async (cookie: string, siteId: string) =>
  json(await call("GET", `/api/sites/${siteId}/members`, { cookie }));

describe("invitations", () => {
  it("an invited viewer › signs up with the link where sign-up is by invitation; reads, cannot edit", async () => {
    const w = await world();
    const res = await call("POST", `/api/sites/${w.site.id}/members`, {
      cookie: w.owner.cookie,
      body: { email: "Viewer.One@Example.com", role: "viewer" },
    });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created.invite).toMatch(/^https:\/\/collector\.test\/#\/invite\/inv_/);
    const token = created.invite.split("/").pop();
    // Shown once: stored only as a hash, and the list does not show it.
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM invitations WHERE token_hash = ?1")
      .bind(token)
      .first<{ n: number }>();
    expect(stored!.n).toBe(0);
    const pending = await members(w.owner.cookie, w.site.id);
    expect(pending).toContainEqual(
      expect.objectContaining({ id: created.id, email: "viewer.one@example.com", role: "viewer", pending: true }),
    );
    expect(JSON.stringify(pending)).not.toContain(token);

    const joined = await signupWith("viewer.one@example.com", token);
    expect(joined.status).toBe(201);
    const cookie = setCookie(joined, "fb_session")!;
    const sites = await json(await call("GET", "/api/sites", { cookie }));
    expect(sites).toEqual([expect.objectContaining({ id: w.site.id, role: "viewer" })]);
    expect((await call("GET", `/api/sites/${w.site.id}/summary`, { cookie })).status).toBe(200);
    const edit = await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, { cookie, body: {} });
    expect(edit.status).toBe(403);
    expect((await json(edit)).error.code).toBe("forbidden");
    const list = await members(w.owner.cookie, w.site.id);
    expect(list).toContainEqual(
      expect.objectContaining({ email: "viewer.one@example.com", role: "viewer", pending: false }),
    );
    expect(list.filter((m: { pending: boolean }) => m.pending)).toHaveLength(0);
  });

  it("a used, expired, revoked or someone else's invitation › should be refused with 403 and join no one", async () => {
    const w = await world();
    const used = await invite(w.owner, w.site.id, "editor");
    expect((await signupWith(used.email, used.token)).status).toBe(201);
    const reused = await signupWith(freshEmail(), used.token);
    expect(reused.status).toBe(403);
    expect((await json(reused)).error.code).toBe("signup_closed");

    const expired = await invite(w.owner, w.site.id, "editor");
    await env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?1")
      .bind(expired.id)
      .run();
    expect((await signupWith(expired.email, expired.token)).status).toBe(403);

    const revoked = await invite(w.owner, w.site.id, "viewer");
    expect(
      (await call("DELETE", `/api/sites/${w.site.id}/members/${revoked.id}`, { cookie: w.owner.cookie })).status,
    ).toBe(204);
    expect((await signupWith(revoked.email, revoked.token)).status).toBe(403);

    const forAnother = await invite(w.owner, w.site.id, "owner");
    expect((await signupWith(freshEmail(), forAnother.token, "open")).status).toBe(403);

    const list = await members(w.owner.cookie, w.site.id);
    expect(list.map((m: { email: string }) => m.email).sort()).toEqual(
      [used.email, forAnother.email, w.owner.email].sort(),
    );
  });

  it("an invitation to an existing account › is accepted after signing in, with the invited email only", async () => {
    const w = await world();
    const existing = await signup();
    const stranger = await signup();
    const invitation = await invite(w.owner, w.site.id, "editor", existing.email);
    const wrongAccount = await call("POST", `/api/invitations/${invitation.token}/accept`, { cookie: stranger.cookie });
    expect(wrongAccount.status).toBe(404);
    const accepted = await call("POST", `/api/invitations/${invitation.token}/accept`, { cookie: existing.cookie });
    expect(accepted.status).toBe(200);
    expect(await json(accepted)).toEqual({ site: w.site.id, role: "editor" });
    expect(await json(await call("GET", "/api/sites", { cookie: existing.cookie }))).toEqual([
      expect.objectContaining({ id: w.site.id, role: "editor" }),
    ]);
    const again = await call("POST", `/api/invitations/${invitation.token}/accept`, { cookie: existing.cookie });
    expect(again.status).toBe(404);
    // Inviting a member again is a conflict, not a second membership.
    const dup = await call("POST", `/api/sites/${w.site.id}/members`, {
      cookie: w.owner.cookie,
      body: { email: existing.email, role: "viewer" },
    });
    expect(dup.status).toBe(409);
  });
});

describe("members", () => {
  it("the last owner › cannot be removed or demoted (422 last_owner); with a second owner, can", async () => {
    const w = await world();
    const list = await members(w.owner.cookie, w.site.id);
    const self = list.find((m: { email: string }) => m.email === w.owner.email);
    const removed = await call("DELETE", `/api/sites/${w.site.id}/members/${self.id}`, { cookie: w.owner.cookie });
    expect(removed.status).toBe(422);
    expect((await json(removed)).error.code).toBe("last_owner");
    const demoted = await call("PATCH", `/api/sites/${w.site.id}/members/${self.id}`, {
      cookie: w.owner.cookie,
      body: { role: "viewer" },
    });
    expect(demoted.status).toBe(422);
    const second = await member(w.owner, w.site.id, "owner");
    expect((await call("DELETE", `/api/sites/${w.site.id}/members/${self.id}`, { cookie: second.cookie })).status).toBe(
      204,
    );
    expect((await call("GET", `/api/sites/${w.site.id}/summary`, { cookie: w.owner.cookie })).status).toBe(403);
    const missing = await call("DELETE", `/api/sites/${w.site.id}/members/mem_none`, { cookie: second.cookie });
    expect(missing.status).toBe(404);
  });

  it("a role change › takes effect on the member's next request", async () => {
    const w = await world();
    const editor = await member(w.owner, w.site.id, "editor");
    const body = { name: "Renamed", questions: [{ id: "n", type: "nps", text: { en: "?" } }] };
    const path = `/api/sites/${w.site.id}/surveys/${w.survey.id}`;
    expect((await call("PUT", path, { cookie: editor.cookie, body })).status).toBe(200);
    const id = (await members(w.owner.cookie, w.site.id)).find((m: { email: string }) => m.email === editor.email).id;
    const changed = await call("PATCH", `/api/sites/${w.site.id}/members/${id}`, {
      cookie: w.owner.cookie,
      body: { role: "viewer" },
    });
    expect(await json(changed)).toMatchObject({ id, role: "viewer", pending: false });
    expect((await call("PUT", path, { cookie: editor.cookie, body })).status).toBe(403);
    expect((await json(await call("GET", "/api/sites", { cookie: editor.cookie })))[0].role).toBe("viewer");
  });

  it("a removed member › loses the site and the API tokens they made for it", async () => {
    const w = await world();
    const other = await createSite(w.owner, { name: "Other" });
    const coOwner = await member(w.owner, w.site.id, "owner");
    const made = await json(
      await call("POST", `/api/sites/${w.site.id}/tokens`, { cookie: coOwner.cookie, body: { name: "theirs" } }),
    );
    const id = (await members(w.owner.cookie, w.site.id)).find((m: { email: string }) => m.email === coOwner.email).id;
    expect((await call("DELETE", `/api/sites/${w.site.id}/members/${id}`, { cookie: w.owner.cookie })).status).toBe(
      204,
    );
    expect((await call("GET", `/api/sites/${w.site.id}`, { cookie: coOwner.cookie })).status).toBe(403);
    const bearer = { headers: { authorization: `Bearer ${made.token}` }, origin: null };
    expect((await call("GET", `/api/sites/${w.site.id}/summary`, bearer)).status).toBe(401);
    expect((await call("GET", `/api/sites/${other.id}/summary`, { cookie: w.owner.cookie })).status).toBe(200);
  });
});
