/**
 * Fixture helpers of the worker tests: each test builds its own owner, site and survey
 * through the real routes, so no test depends on another's data or order.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { nanoid } from "nanoid";
import type { Role } from "../../shared/constants";
import { app } from "../../worker/src/index";
import { perKey } from "../../worker/src/lib/coalescer";

export const BASE = "https://collector.test";
export const SHOP = "https://shop.example";

let seq = 0;
/** A fresh 21-character client id, as the widget makes them. */
export const clientId = (): string => nanoid();

export interface CallOptions {
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  cookie?: string;
  origin?: string | null;
  /** Bindings to change for this call (e.g. `{ SIGNUP: "invite" }`, a counting rate limiter); the call
   * then also waits for the work it left running after its answer (`waitUntil`: queued webhooks). */
  env?: Partial<Cloudflare.Env>;
}

/** One env object per set of overrides: calls given the same overrides share the isolate's per-env state. */
const envWith = perKey((overrides: Partial<Cloudflare.Env>): Cloudflare.Env => ({ ...env, ...overrides }));

/**
 * Overrides (none) for calls made together in the test's own context, so that the isolate groups their
 * writes as it groups concurrent requests (lib/coalescer.ts). Separate requests cannot share that work
 * here: the test pool turns workerd's cross-request promise resolution off for its runner
 * (`no_handle_cross_request_promise_resolution`), which deployed Workers keep on; real requests are
 * grouped in tests/e2e/concurrent-writes.test.ts, against workerd itself.
 */
export const TOGETHER: Partial<Cloudflare.Env> = {};

export async function call(method: string, path: string, opts: CallOptions = {}): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (opts.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (opts.cookie) headers.set("cookie", opts.cookie);
  const origin = opts.origin === undefined ? (path.startsWith("/api/") ? BASE : null) : opts.origin;
  if (origin) headers.set("origin", origin);
  // A distinct client address per call keeps the public rate limit out of unrelated tests.
  if (!headers.has("cf-connecting-ip"))
    headers.set("cf-connecting-ip", `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`);
  const request = new Request(BASE + path, {
    method,
    headers,
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  if (opts.env) {
    const ctx = createExecutionContext();
    const res = await app.fetch(request, envWith(opts.env), ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }
  return exports.default.fetch(request);
}

/** The value of cookie `name` set by a response, as a `name=value` pair (null when none). */
export function setCookie(res: Response, name: string): string | null {
  const found = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return found ? found.split(";")[0]! : null;
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface Owner {
  id: string;
  email: string;
  cookie: string;
}

export const PASSWORD = "correct horse battery";
export const freshEmail = () => `owner${++seq}-${clientId()}@example.com`.toLowerCase();

export async function signup(email = freshEmail(), password = PASSWORD, invite?: string): Promise<Owner> {
  const res = await call("POST", "/api/auth/signup", { body: { email, password, ...(invite ? { invite } : {}) } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const { id } = await json<{ id: string }>(res);
  return { id, email, cookie: setCookie(res, "fb_session")! };
}

/** The token of an invitation link (`…/#/invite/TOKEN`). */
export const inviteToken = (link: string) => link.slice(link.lastIndexOf("/") + 1);

/** An owner of the site invites `email` with `role`; answers the invitation's id and token. */
export async function invite(owner: Owner, siteId: string, role: Role, email = freshEmail()) {
  const res = await call("POST", `/api/sites/${siteId}/members`, { cookie: owner.cookie, body: { email, role } });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${await res.text()}`);
  const created = await json<{ id: string; invite: string }>(res);
  return { id: created.id, email, token: inviteToken(created.invite) };
}

/** A new account that joined the site with `role` through an invitation. */
export async function member(owner: Owner, siteId: string, role: Role): Promise<Owner> {
  const invitation = await invite(owner, siteId, role);
  return signup(invitation.email, PASSWORD, invitation.token);
}

/** A new API token of the site with `scope`, made by `owner`. */
export async function apiToken(owner: Owner, siteId: string, scope: "read" | "write" | "admin" = "read") {
  const res = await call("POST", `/api/sites/${siteId}/tokens`, { cookie: owner.cookie, body: { name: scope, scope } });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${await res.text()}`);
  return json<{ id: string; token: string }>(res);
}

export const bearer = (token: string): CallOptions => ({ headers: { authorization: `Bearer ${token}` }, origin: null });

export async function createSite(
  owner: Owner,
  body: Record<string, unknown> = {},
): Promise<{ id: string; key: string }> {
  const res = await call("POST", "/api/sites", {
    cookie: owner.cookie,
    body: {
      name: "Shop",
      origins: [SHOP],
      retentionDays: 365,
      policyUrl: "https://shop.example/privacy",
      policyVersion: "2026-11-01",
      ...body,
    },
  });
  if (res.status !== 201) throw new Error(`site failed: ${res.status} ${await res.text()}`);
  return json(res);
}

export const SURVEY = {
  name: "Post-purchase NPS",
  active: true,
  questions: [
    {
      id: "nps",
      type: "nps",
      required: true,
      text: { en: "How likely are you to recommend us?", ro: "Cât de probabil…?" },
    },
    { id: "csat", type: "csat", text: { en: "How satisfied are you?" } },
    { id: "ces", type: "ces", text: { en: "How easy was it?" } },
    { id: "why", type: "text", text: { en: "Why?" } },
    {
      id: "pick",
      type: "choice",
      options: [
        { id: "a", text: { en: "A" } },
        { id: "b", text: { en: "B" } },
      ],
      text: { en: "Pick one" },
    },
    {
      id: "topics",
      type: "multi",
      options: [
        { id: "delivery", text: { en: "Delivery" } },
        { id: "price", text: { en: "Price" } },
        { id: "quality", text: { en: "Quality" } },
      ],
      text: { en: "What should we improve?" },
    },
  ],
  trigger: {
    pages: ["/checkout/thank-you*"],
    delaySeconds: 0,
    scrollPercent: 0,
    exitIntent: false,
    sample: 1,
    cooldownDays: 90,
  },
  theme: { accent: "#0a7cff", position: "bottom-right" },
  reward: { text: { en: "10% off:" }, code: "THANKS10" },
};

export async function createSurvey(
  owner: Owner,
  siteId: string,
  body: Record<string, unknown> = SURVEY,
): Promise<{ id: string }> {
  const res = await call("POST", `/api/sites/${siteId}/surveys`, { cookie: owner.cookie, body });
  if (res.status !== 201) throw new Error(`survey failed: ${res.status} ${await res.text()}`);
  return json(res);
}

export interface World {
  owner: Owner;
  site: { id: string; key: string };
  survey: { id: string };
}

export async function world(): Promise<World> {
  const owner = await signup();
  const site = await createSite(owner);
  const survey = await createSurvey(owner, site.id);
  return { owner, site, survey };
}

export function submission(w: World, overrides: Record<string, unknown> = {}) {
  return {
    id: clientId(),
    site: w.site.key,
    survey: w.survey.id,
    respondent: "respondent-token-0123456789",
    consent: { granted: true, policy: "2026-11-01" },
    locale: "en",
    page: "https://shop.example/checkout/thank-you?order=1#top",
    answers: [{ question: "nps", value: 9 }],
    ...overrides,
  };
}

export const submit = (body: unknown, origin: string | null = SHOP, headers: Record<string, string> = {}) =>
  call("POST", "/v1/responses", { body, origin, headers });

/** A submission made together with others (TOGETHER): concurrent ones are written in shared batches. */
export const submitTogether = (body: unknown) => call("POST", "/v1/responses", { body, origin: SHOP, env: TOGETHER });

/** A submission with an env of its own: concurrent ones are written in transactions of their own, racing. */
export const submitApart = (body: unknown) => call("POST", "/v1/responses", { body, origin: SHOP, env: {} });

/** Both ways concurrent submissions get written, for the tests that must hold either way (`it.each`). */
export const WRITTEN_EITHER_WAY = [
  ["in one batch", submitTogether],
  ["in racing transactions", submitApart],
] as const;

export async function summary(w: World, query = ""): Promise<any> {
  const res = await call("GET", `/api/sites/${w.site.id}/summary${query}`, { cookie: w.owner.cookie });
  if (res.status !== 200) throw new Error(`summary failed: ${res.status} ${await res.text()}`);
  return json(res);
}

/** Row counts of the tables a submission writes. */
export async function rowCounts(db: D1Database) {
  const r = await db.batch([
    db.prepare("SELECT COUNT(*) AS n FROM responses"),
    db.prepare("SELECT COUNT(*) AS n FROM answers"),
    db.prepare("SELECT COUNT(*) AS n FROM response_context"),
    db.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM daily_aggregates"),
    db.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM daily_responses"),
  ]);
  const n = (i: number) => (r[i]!.results[0] as { n: number }).n;
  return { responses: n(0), answers: n(1), context: n(2), aggregated: n(3), dailyResponses: n(4) };
}

/**
 * A stand-in for a Workers rate-limiting binding that admits `max` calls per key: the binding counts in
 * windows a test cannot control, so middleware is tested against this, not the clock. `keys` lists every call.
 */
export function countingLimiter(max: number) {
  const keys: string[] = [];
  const limiter: RateLimit = {
    limit: async ({ key }) => {
      keys.push(key);
      return { success: keys.filter((k) => k === key).length <= max };
    },
  };
  return { limiter, keys };
}

/** Inserts a response with answers on a given day, straight into D1 (the triggers keep the aggregates). */
export async function backdated(
  w: World,
  id: string,
  day: string,
  answers: [string, string, number | null, unknown][],
  context: Record<string, string> = {},
) {
  const at = `${day}T12:00:00.000Z`;
  const nps = answers.filter(([, t]) => t === "nps").map(([, , s]) => s as number);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO responses
         (id, site_id, survey_id, body_hash, respondent_hash, device, context, consent_at, created_at, day, nps_min)
       VALUES (?1, ?2, ?3, 'h', 'r', 'desktop', ?4, ?5, ?5, ?6, ?7)`,
    ).bind(id, w.site.id, w.survey.id, JSON.stringify(context), at, day, nps.length ? Math.min(...nps) : null),
    ...answers.map(([q, type, score, value]) =>
      env.DB.prepare(
        `INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      ).bind(id, q, w.site.id, w.survey.id, day, type, score, JSON.stringify(value)),
    ),
    ...Object.entries(context).map(([k, v]) =>
      env.DB.prepare(
        "INSERT INTO response_context (response_id, site_id, key, value, day) VALUES (?1, ?2, ?3, ?4, ?5)",
      ).bind(id, w.site.id, k, v, day),
    ),
  ]);
}

/**
 * `perDay` bare responses (no answers) a day for `days` days from `first`, a minute apart: a big site's
 * shape, for what a page of it reads. Returns their ids, in time order.
 */
export async function spreadResponses(w: World, first: string, days: number, perDay: number): Promise<string[]> {
  const prefix = `${clientId().slice(0, 8)}-`;
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?4 - 1),
       d(per) AS (SELECT CAST(?5 AS INTEGER)),
       t(i, at) AS (SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', ?3, '+' || (i / per) || ' days',
         '+' || (i % per) || ' minutes') FROM n, d)
     INSERT INTO responses
       (id, site_id, survey_id, body_hash, respondent_hash, device, context, consent_at, created_at, day)
     SELECT printf('%s%04d', ?6, i), ?1, ?2, 'h', 'r', 'desktop', '{}', at, at, substr(at, 1, 10) FROM t`,
  )
    .bind(w.site.id, w.survey.id, first, days * perDay, perDay, prefix)
    .run();
  return Array.from({ length: days * perDay }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
}

/** The routes the app serves, as `METHOD /path`, from Hono's router (middleware and wildcards left out). */
export function servedRoutes(): string[] {
  const served = app.routes
    .filter((r) => r.method !== "ALL" && r.method !== "OPTIONS" && !r.path.includes("*"))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(served)].sort();
}
