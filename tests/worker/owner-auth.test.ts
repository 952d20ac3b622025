/** The owner's account: sign-up, sessions, CSRF and credentials on owner routes; security headers of every answer. */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/src/index";
import { call, clientId, json, signup } from "./fixtures";

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
