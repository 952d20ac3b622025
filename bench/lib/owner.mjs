/** Owner API calls of the benchmark: sign up, create a site and a survey (API.md). */
let n = 0;

export async function ownerWorld(base, { shopOrigin = "https://shop.bench.example", survey = BENCH_SURVEY } = {}) {
  let cookie = "";
  const call = async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        "content-type": "application/json",
        origin: base,
        ...(cookie ? { cookie } : {}),
        "cf-connecting-ip": `10.250.0.${++n % 250}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await call("POST", "/api/auth/signup", {
    email: `bench-${Date.now()}-${++n}@example.com`,
    password: "benchmark password 123",
  });
  const site = await call("POST", "/api/sites", {
    name: "Bench shop",
    origins: [shopOrigin],
    retentionDays: 3650,
    policyVersion: "2026-11-01",
  });
  const created = await call("POST", `/api/sites/${site.id}/surveys`, survey);
  return { cookie, site, survey: created, shopOrigin, call };
}

export const BENCH_SURVEY = {
  name: "Post-purchase NPS",
  active: true,
  questions: [
    { id: "nps", type: "nps", required: true, text: { en: "How likely are you to recommend us to a friend?" } },
    { id: "csat", type: "csat", text: { en: "How satisfied are you with your order?" } },
    { id: "why", type: "text", text: { en: "What is the main reason for your score?" } },
  ],
  trigger: { pages: ["*"], delaySeconds: 0, scrollPercent: 0, exitIntent: false, sample: 1, cooldownDays: 0 },
  theme: { accent: "#0a7cff", position: "bottom-right" },
};

/** The survey of the summary's sites: two scores, a choice (its shares) and a text (searched by the list). */
export const SUMMARY_SURVEY = {
  ...BENCH_SURVEY,
  name: "Post-purchase, with a choice",
  questions: [
    BENCH_SURVEY.questions[0],
    BENCH_SURVEY.questions[1],
    {
      id: "pick",
      type: "choice",
      text: { en: "How did you hear about us?" },
      options: ["friend", "search", "ad"].map((id) => ({ id, text: { en: id } })),
    },
    BENCH_SURVEY.questions[2],
  ],
};

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
export function clientId(seed) {
  let s = "";
  for (let i = 0; i < 21; i++) s += ALPHABET[Math.floor(Math.random() * 64)];
  return seed === undefined ? s : (String(seed) + s).slice(0, 21);
}

/** One POST /v1/responses as the widget sends it: a fresh id and a distinct client address. */
export function responseRequest(world, i, run = 0) {
  const body = JSON.stringify({
    id: clientId(),
    site: world.site.key,
    survey: world.survey.id,
    respondent: `respondent-${run}-${i}-0123456789`,
    consent: { granted: true, policy: "2026-11-01" },
    locale: "en",
    page: "https://shop.bench.example/checkout/thank-you?order=1",
    answers: [
      { question: "nps", value: i % 11 },
      { question: "csat", value: 1 + (i % 5) },
      { question: "why", value: "Fast delivery, tidy parcel" },
    ],
  });
  return {
    path: "/v1/responses",
    method: "POST",
    headers: {
      "content-type": "text/plain;charset=UTF-8",
      origin: world.shopOrigin,
      "cf-connecting-ip": clientAddress(run, i),
    },
    body,
  };
}

/** One POST /v1/events as the widget sends it (a survey shown), from the shop's origin. */
export const eventRequest = (world, i, run = 0) => ({
  path: "/v1/events",
  method: "POST",
  headers: {
    "content-type": "text/plain;charset=UTF-8",
    origin: world.shopOrigin,
    "cf-connecting-ip": clientAddress(run, i),
  },
  body: JSON.stringify({ site: world.site.key, survey: world.survey.id, event: "shown" }),
});

/**
 * The ceiling: a route of the same worker that does nothing (and reads no body: an unread body makes
 * workerd reset the connection).
 */
export const noopRequest = (i, run = 0) => ({
  path: "/v1/noop",
  method: "POST",
  headers: { "cf-connecting-ip": clientAddress(run, i), "content-length": "0" },
});

/** A distinct documentation-range-like address per request, so the rate limiter never refuses the load. */
const clientAddress = (run, i) => `10.${run % 250}.${(i >> 8) & 255}.${i & 255}`;
