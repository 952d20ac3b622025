import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { toBase64Url } from "../../worker/src/lib/crypto";
import { runScheduled } from "../../worker/src/services/scheduled";
import { call, countingLimiter, createSite, freshEmail, json, PASSWORD, setCookie, signup } from "./fixtures";

const login = (email: string, password: string, ip: string, cookie?: string) =>
  call("POST", "/api/auth/login", { body: { email, password }, headers: { "cf-connecting-ip": ip }, cookie });

/** A password hash as an older version with `iterations` would have stored it. */
async function pbkdf2(password: string, iterations: number) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return `pbkdf2-sha256$${iterations}$${toBase64Url(salt)}$${toBase64Url(new Uint8Array(bits))}`;
}

const statusOf = async (res: Response) => ({ status: res.status, code: res.ok ? null : (await json(res)).error.code });

describe("sign-up", () => {
  it("an email that has an account › answered like a new sign-up, opens nothing without its password", async () => {
    const owner = await signup();
    await createSite(owner);
    const fresh = await call("POST", "/api/auth/signup", {
      body: { email: freshEmail(), password: "another long password" },
    });
    const dup = await call("POST", "/api/auth/signup", {
      body: { email: owner.email, password: "another long password" },
    });
    expect(dup.status).toBe(fresh.status);
    expect(Object.keys(await json(dup)).sort()).toEqual(Object.keys(await json(fresh)).sort());
    const dupCookie = setCookie(dup, "fb_session");
    expect(dupCookie).not.toBeNull();
    expect((await call("GET", "/api/sites", { cookie: dupCookie! })).status).toBe(401);
    // The account is untouched: its own password still signs in, the other one does not.
    expect((await login(owner.email, PASSWORD, "192.0.2.1")).status).toBe(200);
    expect((await login(owner.email, "another long password", "192.0.2.1")).status).toBe(401);
    // With the account's own password, signing up again is a sign-in.
    const again = await call("POST", "/api/auth/signup", { body: { email: owner.email, password: PASSWORD } });
    expect(again.status).toBe(201);
    const sites = await json(await call("GET", "/api/sites", { cookie: setCookie(again, "fb_session")! }));
    expect(sites).toHaveLength(1);
  });

  it("by invitation › the first signs up freely; later ones get 403 signup_closed, known email or not", async () => {
    await env.DB.exec("DELETE FROM owners"); // a collector without any account
    const invite = { env: { SIGNUP: "invite" } };
    const first = await call("POST", "/api/auth/signup", {
      ...invite,
      body: { email: freshEmail(), password: PASSWORD },
    });
    expect(first.status).toBe(201);
    const { email: firstEmail } = await json(first);
    for (const email of [freshEmail(), firstEmail]) {
      const res = await call("POST", "/api/auth/signup", { ...invite, body: { email, password: PASSWORD } });
      expect(await statusOf(res)).toEqual({ status: 403, code: "signup_closed" });
    }
    const owners = await env.DB.prepare("SELECT COUNT(*) AS n FROM owners").first<{ n: number }>();
    expect(owners!.n).toBe(1);
    // Open sign-up (npm run dev) still lets anyone in.
    expect((await call("POST", "/api/auth/signup", { body: { email: freshEmail(), password: PASSWORD } })).status).toBe(
      201,
    );
  });
});

describe("login throttling", () => {
  it("40 parallel wrong guesses from one client › at most 10 are checked, the rest get 429", async () => {
    const owner = await signup();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(owner.email, `wrong guess ${i}`, "198.51.100.40").then(statusOf)),
    );
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(40 - checked);
    expect(results.every((r) => r.status === 401 || r.code === "rate_limited")).toBe(true);
  });

  it("a guesser's client › should wait longer each time while the owner's own client still gets in", async () => {
    const owner = await signup();
    for (let i = 0; i < 10; i++) expect((await login(owner.email, `guess ${i}`, "203.0.113.7")).status).toBe(401);
    const held = await login(owner.email, PASSWORD, "203.0.113.7");
    expect(held.status).toBe(429);
    expect((await json(held)).error.code).toBe("rate_limited");
    const firstWait = Number(held.headers.get("retry-after"));
    expect(firstWait).toBeGreaterThan(0);
    // The owner, from another client, is not held back by the guesser.
    expect((await login(owner.email, PASSWORD, "203.0.113.8")).status).toBe(200);
    // Once the wait is over, one more guess is checked, and the next wait is longer.
    await env.DB.prepare(
      "UPDATE login_attempts SET next_at = '2000-01-01T00:00:00.000Z' WHERE email = ?1 AND client <> '*'",
    )
      .bind(owner.email)
      .run();
    expect((await login(owner.email, "guess 11", "203.0.113.7")).status).toBe(401);
    const longer = await login(owner.email, "guess 12", "203.0.113.7");
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get("retry-after"))).toBeGreaterThan(firstWait);
  });

  it("100 attempts an hour on an account › new clients wait, a browser that signed in before does not", async () => {
    const owner = await signup();
    const trusted = await login(owner.email, PASSWORD, "192.0.2.50");
    const device = setCookie(trusted, "fb_device");
    expect(device).not.toBeNull();
    // Many clients guessed: the account's hourly cap is reached.
    await env.DB.prepare(
      `INSERT INTO login_attempts (email, client, failures, window_start, next_at) VALUES (?1, '*', 100, ?2, ?2)
       ON CONFLICT (email, client) DO UPDATE SET failures = 100, window_start = ?2`,
    )
      .bind(owner.email, new Date().toISOString())
      .run();
    const stranger = await login(owner.email, PASSWORD, "192.0.2.51");
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(60);
    expect((await login(owner.email, PASSWORD, "192.0.2.52", device!)).status).toBe(200);
  });

  it("/api/auth routes › are limited per client by the rate-limit binding, keyed without the address", async () => {
    const { limiter, keys } = countingLimiter(3);
    const ask = (ip: string) =>
      call("POST", "/api/auth/login", {
        body: { email: "nobody@example.com", password: "whatever it is" },
        headers: { "cf-connecting-ip": ip },
        env: { AUTH_RATE_LIMITER: limiter },
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask("198.51.100.77")).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect((await ask("198.51.100.78")).status).toBe(401);
    const signup = await call("POST", "/api/auth/signup", {
      body: { email: freshEmail(), password: PASSWORD },
      headers: { "cf-connecting-ip": "198.51.100.77" },
      env: { AUTH_RATE_LIMITER: limiter },
    });
    expect(signup.status).toBe(201); // its own count
    expect(keys.some((k) => k.includes("198.51.100"))).toBe(false);
  });

  it("a hash made with fewer iterations › should be upgraded at the next login", async () => {
    const owner = await signup();
    await env.DB.prepare("UPDATE owners SET password_hash = ?2 WHERE id = ?1")
      .bind(owner.id, await pbkdf2(PASSWORD, 1000))
      .run();
    expect((await login(owner.email, PASSWORD, "192.0.2.60")).status).toBe(200);
    const row = await env.DB.prepare("SELECT password_hash FROM owners WHERE id = ?1")
      .bind(owner.id)
      .first<{ password_hash: string }>();
    expect(row!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect((await login(owner.email, PASSWORD, "192.0.2.60")).status).toBe(200);
  });
});

describe("sessions", () => {
  it("an expired session › should be refused, and swept by the hourly run", async () => {
    const owner = await signup();
    expect((await call("GET", "/api/sites", { cookie: owner.cookie })).status).toBe(200);
    await env.DB.prepare("UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z' WHERE owner_id = ?1")
      .bind(owner.id)
      .run();
    const res = await call("GET", "/api/sites", { cookie: owner.cookie });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("unauthorized");
    await runScheduled(env, Date.now());
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE owner_id = ?1")
      .bind(owner.id)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
  });
});

describe("rate-limit secret", () => {
  it("production without RATE_LIMIT_SECRET › should log a warning", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await call("POST", "/api/auth/login", {
        body: { email: "nobody@example.com", password: "whatever it is" },
        env: { ENVIRONMENT: "production", RATE_LIMIT_SECRET: undefined },
      });
      expect(warn.mock.calls.some(([m]) => String(m).includes("rate_limit_secret_missing"))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });
});
