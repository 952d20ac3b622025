/**
 * Fixture helpers of the worker tests: each test builds its own owner, site and survey
 * through the real routes, so no test depends on another's data or order.
 */
import { env, exports } from "cloudflare:workers";
import { nanoid } from "nanoid";

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
}

export async function call(method: string, path: string, opts: CallOptions = {}): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (opts.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (opts.cookie) headers.set("cookie", opts.cookie);
  const origin = opts.origin === undefined ? (path.startsWith("/api/") ? BASE : null) : opts.origin;
  if (origin) headers.set("origin", origin);
  // A distinct client address per call keeps the public rate limit out of unrelated tests.
  if (!headers.has("cf-connecting-ip"))
    headers.set("cf-connecting-ip", `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`);
  return exports.default.fetch(
    new Request(BASE + path, {
      method,
      headers,
      body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    }),
  );
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface Owner {
  email: string;
  cookie: string;
}

export async function signup(
  email = `owner${++seq}-${clientId()}@example.com`,
  password = "correct horse battery",
): Promise<Owner> {
  const res = await call("POST", "/api/auth/signup", { body: { email, password } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return { email, cookie };
}

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
