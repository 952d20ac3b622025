/**
 * Demo data for `npm run dev` (never part of a migration): one owner, one site, one survey in
 * five languages and two versions (the second with logic, a choice and a thumbs question), a few
 * hundred realistic responses over the last 90 days (some left partway), and the funnel's events.
 * Written as SQL and loaded with `wrangler d1 execute`; the schema's triggers build the
 * aggregates exactly as live ingestion would. Seeds once per persistence folder.
 */
import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
// Node runs these TypeScript modules as they are (type stripping): one source for the rules.
import { PBKDF2_ITERATIONS, SEGMENT_RANGE, UNHAPPY_MAX } from "../../shared/constants.ts";
import { DEMO_SURVEY, DEMO_SURVEY_V1, demoPath } from "./demo-survey.mjs";

export { DEMO_SURVEY };

export const DEMO_LOGIN = { email: "demo@example.com", password: "feedback-demo-2026" };

/** Raised when the demo data changes shape: a folder seeded by an older one is told apart (dev.mjs says so). */
export const DEMO_SEED_VERSION = 3;

const b64url = (buf) => buf.toString("base64url");
const q = (v) =>
  v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;

/** Same format and cost as worker/src/services/passwords.ts. */
export function hashPassword(password) {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, 32, "sha256");
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${b64url(salt)}$${b64url(hash)}`;
}

/** How satisfied each NPS segment tends to be with the order (CSAT range), and what it writes. */
const CSAT_OF = { promoter: [4, 5], passive: [3, 4], detractor: [1, 3] };
const MOOD_OF = { promoter: "good", passive: "mid", detractor: "bad" };

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
/** The alphabet of the worker's prefixed ids (own_…, site_…, srv_…), as in worker/src/lib/crypto.ts. */
const LOWER_ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz";

const TEXTS = {
  good: {
    en: "Fast delivery and great quality",
    ro: "Livrare rapidă, calitate excelentă",
    pl: "Szybka dostawa, świetna jakość",
    cs: "Rychlé doručení a skvělá kvalita",
    hy: "Արագ առաքում և հիանալի որակ",
  },
  mid: {
    en: "Good, but a bit expensive",
    ro: "Bun, dar cam scump",
    pl: "Dobrze, ale trochę drogo",
    cs: "Dobré, ale trochu drahé",
    hy: "Լավ է, բայց մի քիչ թանկ",
  },
  bad: {
    en: "The parcel arrived late and damaged",
    ro: "Coletul a ajuns târziu și deteriorat",
    pl: "Paczka przyszła późno i uszkodzona",
    cs: "Balík dorazil pozdě a poškozený",
    hy: "Ծանրոցը ուշ հասավ և վնասված",
  },
};

/** The day version 2 of the demo survey (logic, stars, source, thumbs, the funnel's events) went live. */
const V2_AGE_DAYS = 45;

/** "How did you hear about us?": promoters come more often through friends. */
function pickSource(random, segment) {
  const r = random() - (segment === "promoter" ? 0.15 : 0);
  return r < 0.25 ? "friend" : r < 0.65 ? "search" : r < 0.85 ? "social" : "ad";
}

/**
 * A demo customer's answers along the path of the version they answered, and where they stopped:
 * `[question, type, score, valueJson]` rows, whether the response is complete, and the questions it
 * reached (its whole path, or up to the question on screen when a partial one was left).
 */
function demoAnswers(random, { version, segment, nps, csat, mood, locale }) {
  const path = demoPath(version, nps);
  // Since version 2 the widget sends a part after each answered step: a few customers leave early.
  const stopAfter = version === 2 && random() < 0.08 ? 1 + Math.floor(random() * 2) : path.length;
  const rows = [];
  for (const question of path.slice(0, stopAfter)) {
    if (question === "nps") rows.push(["nps", "nps", nps, JSON.stringify(nps)]);
    if (question === "csat" && random() > 0.25) rows.push(["csat", "csat", csat, JSON.stringify(csat)]);
    if (question === "topics" && segment !== "promoter" && random() > 0.3) {
      const topics = segment === "detractor" ? ["delivery", ...(random() > 0.7 ? ["quality"] : [])] : ["price"];
      rows.push(["topics", "multi", null, JSON.stringify(topics)]);
    }
    if (question === "why" && random() > 0.45) rows.push(["why", "text", null, JSON.stringify(TEXTS[mood][locale])]);
    if (question === "source" && random() > 0.15) {
      rows.push(["source", "choice", null, JSON.stringify(pickSource(random, segment))]);
    }
    if (question === "quick" && random() > 0.3) {
      const up = random() > (segment === "detractor" ? 0.35 : 0.08) ? 1 : 0;
      rows.push(["quick", "thumbs", up, JSON.stringify(up)]);
    }
  }
  const complete = stopAfter === path.length;
  const last = Math.max(...rows.map(([question]) => path.indexOf(question)));
  const reached = complete ? path : path.slice(0, Math.min(path.length, last + 2));
  return { rows, complete, reached };
}

/** Whether an answer is an unhappy customer's, by the shared table (NPS 0–6, CSAT 1–2, thumbs down…). */
const unhappyAnswer = ([, type, score]) => score !== null && type in UNHAPPY_MAX && score <= UNHAPPY_MAX[type];

export async function writeSeedSql(
  persistDir,
  { shopOrigin, extraOrigins = [], responses = 420, now = Date.now() } = {},
) {
  const marker = join(persistDir, "demo-seed.json");
  if (existsSync(marker)) return { file: null, demo: JSON.parse(await readFile(marker, "utf8")) };
  const random = rng(20261122);
  const rid = (n = 21) => Array.from({ length: n }, () => ID_ALPHABET[Math.floor(random() * 64)]).join("");
  const lid = (prefix) =>
    `${prefix}_${Array.from({ length: 16 }, () => LOWER_ALPHANUMERIC[Math.floor(random() * 36)]).join("")}`;
  const ownerId = lid("own");
  const siteId = lid("site");
  const siteKey = `pk_demo${rid(12).replace(/[_-]/g, "x")}`;
  const surveyId = lid("srv");
  const created = new Date(now - 91 * 86_400_000).toISOString();
  const v2At = new Date(now - V2_AGE_DAYS * 86_400_000 - 3_600_000).toISOString();
  const origins = [...new Set([shopOrigin, shopOrigin.replace("127.0.0.1", "localhost"), ...extraOrigins])];
  const sql = [];
  sql.push(
    "INSERT INTO owners (id, email, password_hash, created_at) " +
      `VALUES (${q(ownerId)}, ${q(DEMO_LOGIN.email)}, ${q(hashPassword(DEMO_LOGIN.password))}, ${q(created)});`,
  );
  sql.push(
    "INSERT INTO sites (id, owner_id, key, name, origins, retention_days, policy_url, policy_version, created_at, " +
      `updated_at) VALUES (${q(siteId)}, ${q(ownerId)}, ${q(siteKey)}, 'Demo shop', ${q(JSON.stringify(origins))}, ` +
      `365, ${q(`${shopOrigin}/privacy.html`)}, '2026-11-01', ${q(created)}, ${q(created)});`,
  );
  for (const o of origins) sql.push(`INSERT INTO site_origins (origin, site_id) VALUES (${q(o)}, ${q(siteId)});`);
  const definition = ({ name: _n, active: _a, ...rest }) => JSON.stringify(rest);
  sql.push(
    "INSERT INTO surveys (id, site_id, name, definition, version, active, created_at, updated_at) " +
      `VALUES (${q(surveyId)}, ${q(siteId)}, ${q(DEMO_SURVEY.name)}, ${q(definition(DEMO_SURVEY))}, 2, 1, ` +
      `${q(created)}, ${q(v2At)});`,
  );
  for (const [version, survey, at] of [
    [1, DEMO_SURVEY_V1, created],
    [2, DEMO_SURVEY, v2At],
  ]) {
    sql.push(
      "INSERT INTO survey_versions (survey_id, version, site_id, definition, created_at) " +
        `VALUES (${[surveyId, version, siteId, definition(survey), at].map(q).join(", ")});`,
    );
  }

  const locales = ["en", "en", "en", "ro", "ro", "pl", "cs", "hy"];
  const products = ["sku-77", "sku-12", "sku-31", "sku-45"];
  const pages = ["/checkout/thank-you", "/checkout/thank-you", "/account/orders"];
  const BEYOND_POPUP = ["email", "email", "link", "qr", "inline"];
  /** Responses started per "day channel": the funnel's anonymous events are drawn around them. */
  const started = new Map();
  for (let i = 0; i < responses; i++) {
    const ageDays = Math.floor(random() * 90);
    const at = new Date(now - ageDays * 86_400_000 - Math.floor(random() * 86_400_000));
    const createdAt = at.toISOString();
    const day = createdAt.slice(0, 10);
    const locale = locales[Math.floor(random() * locales.length)];
    const product = products[Math.floor(random() * products.length)];
    // Scores drift upwards over the quarter, and sku-12 is the weak product.
    const r = random() + (90 - ageDays) / 600 - (product === "sku-12" ? 0.2 : 0);
    const segment = r > 0.45 ? "promoter" : r > 0.25 ? "passive" : "detractor";
    const within = ([lo, hi]) => lo + Math.floor(random() * (hi - lo + 1));
    const nps = within(SEGMENT_RANGE[segment]);
    const csat = within(CSAT_OF[segment]);
    const version = ageDays < V2_AGE_DAYS ? 2 : 1;
    // A third of the answers to the current version come from beyond the popup: emails, links, the
    // counter's QR code, the order-status page (by position, so the other draws stay as they were).
    const channel = version === 2 && random() < 0.35 ? BEYOND_POPUP[i % BEYOND_POPUP.length] : "widget";
    const answered = demoAnswers(random, { version, segment, nps, csat, mood: MOOD_OF[segment], locale });
    const unhappy = answered.rows.some(unhappyAnswer);
    const id = rid();
    const status = unhappy && ageDays > 20 ? (random() > 0.4 ? "resolved" : "contacted") : "new";
    const context = { productId: product, orderId: `A-${1000 + i}` };
    const shopPage = `${shopOrigin}${pages[Math.floor(random() * pages.length)]}`;
    // Answers on the hosted page have the collector's page; the seed leaves it out.
    const page = channel === "widget" ? shopPage : channel === "inline" ? `${shopOrigin}/account/orders` : null;
    started.set(`${day} ${channel}`, (started.get(`${day} ${channel}`) ?? 0) + 1);
    const row = {
      id,
      site_id: siteId,
      survey_id: surveyId,
      body_hash: createHash("sha256").update(id).digest("hex"),
      respondent_hash: createHash("sha256").update(`r${i}`).digest("hex"),
      locale,
      page,
      device: random() > 0.55 ? "mobile" : "desktop",
      context: JSON.stringify(context),
      consent_policy: "2026-11-01",
      consent_at: createdAt,
      created_at: createdAt,
      day,
      nps_min: nps,
      status,
      note: status === "new" ? null : "Called the customer, sent a replacement",
      status_at: status === "new" ? null : createdAt,
      version,
      complete: answered.complete ? 1 : 0,
      channel,
      updated_at: createdAt,
      reached: JSON.stringify(answered.reached),
      unhappy: unhappy ? 1 : 0,
    };
    sql.push(
      `INSERT INTO responses (${Object.keys(row).join(", ")}) VALUES (${Object.values(row).map(q).join(", ")});`,
    );
    for (const [question, type, score, value] of answered.rows) {
      sql.push(
        "INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value, channel) " +
          `VALUES (${[id, question, siteId, surveyId, day, type, score, value, channel].map(q).join(", ")});`,
      );
    }
    for (const [key, value] of Object.entries(context)) {
      sql.push(
        "INSERT INTO response_context (response_id, site_id, key, value, day) " +
          `VALUES (${[id, siteId, key, value, day].map(q).join(", ")});`,
      );
    }
  }
  // The survey was shown to many more visitors than answered; of the rest, most said "no thanks".
  for (const [key, count] of started) {
    const [day, channel] = key.split(" ");
    const unanswered = Math.round(count * (1.2 + random() * 0.8));
    const declined = Math.round(unanswered * 0.6);
    const events = { shown: count + unanswered, declined, dismissed: unanswered - declined };
    for (const [event, n] of Object.entries(events)) {
      sql.push(
        "INSERT INTO daily_events (site_id, survey_id, day, channel, event, count) " +
          `VALUES (${[siteId, surveyId, day, channel, event, n].map(q).join(", ")});`,
      );
    }
  }
  const file = join(persistDir, "demo-seed.sql");
  await writeFile(file, `${sql.join("\n")}\n`);
  const demo = { ...DEMO_LOGIN, siteId, siteKey, surveyId, seedVersion: DEMO_SEED_VERSION };
  await writeFile(marker, JSON.stringify(demo, null, 2));
  return { file, demo };
}
