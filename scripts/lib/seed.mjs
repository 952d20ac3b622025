/**
 * Demo data for `npm run dev` (never part of a migration): one owner, one site, one
 * survey in five languages, and a few hundred realistic responses over the last 90 days.
 * Written as SQL and loaded with `wrangler d1 execute`; the schema's triggers build the
 * aggregates exactly as live ingestion would. Seeds once per persistence folder.
 */
import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
// Node runs these TypeScript modules as they are (type stripping): one source for the rules.
import { PBKDF2_ITERATIONS, SEGMENT_RANGE } from "../../shared/constants.ts";

export const DEMO_LOGIN = { email: "demo@example.com", password: "feedback-demo-2026" };

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

export const DEMO_SURVEY = {
  name: "Post-purchase NPS",
  active: true,
  questions: [
    {
      id: "nps",
      type: "nps",
      required: true,
      text: {
        en: "How likely are you to recommend us to a friend?",
        ro: "Cât de probabil este să ne recomanzi unui prieten?",
        pl: "Jak bardzo prawdopodobne jest, że polecisz nas znajomemu?",
        cs: "Jak pravděpodobné je, že nás doporučíte příteli?",
        hy: "Որքա՞ն հավանական է, որ մեզ խորհուրդ տաք ընկերոջը:",
      },
    },
    {
      id: "csat",
      type: "csat",
      text: {
        en: "How satisfied are you with your order?",
        ro: "Cât de mulțumit ești de comandă?",
        pl: "Jak bardzo jesteś zadowolony z zamówienia?",
        cs: "Jak jste spokojeni s objednávkou?",
        hy: "Որքանո՞վ եք գոհ ձեր պատվերից:",
      },
    },
    {
      id: "topics",
      type: "multi",
      text: {
        en: "What should we improve?",
        ro: "Ce ar trebui să îmbunătățim?",
        pl: "Co powinniśmy poprawić?",
        cs: "Co bychom měli zlepšit?",
        hy: "Ի՞նչ պետք է բարելավենք:",
      },
      options: [
        { id: "delivery", text: { en: "Delivery", ro: "Livrarea", pl: "Dostawa", cs: "Doručení", hy: "Առաքում" } },
        { id: "price", text: { en: "Price", ro: "Prețul", pl: "Cena", cs: "Cena", hy: "Գին" } },
        { id: "quality", text: { en: "Quality", ro: "Calitatea", pl: "Jakość", cs: "Kvalita", hy: "Որակ" } },
      ],
    },
    {
      id: "why",
      type: "text",
      text: {
        en: "What is the main reason for your score?",
        ro: "Care este motivul principal al notei?",
        pl: "Jaki jest główny powód Twojej oceny?",
        cs: "Jaký je hlavní důvod vašeho hodnocení?",
        hy: "Ո՞րն է ձեր գնահատականի հիմնական պատճառը:",
      },
    },
  ],
  trigger: {
    pages: ["/checkout/thank-you*"],
    delaySeconds: 1,
    scrollPercent: 0,
    exitIntent: false,
    sample: 1,
    cooldownDays: 0,
  },
  theme: { accent: "#0a7cff", position: "bottom-right" },
  reward: {
    text: {
      en: "Thank you! 10% off your next order:",
      ro: "Mulțumim! 10% reducere la următoarea comandă:",
      pl: "Dziękujemy! 10% zniżki na kolejne zamówienie:",
      cs: "Děkujeme! 10% sleva na další objednávku:",
      hy: "Շնորհակալություն: 10% զեղչ հաջորդ պատվերի համար՝",
    },
    code: "THANKS10",
  },
};

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

export async function writeSeedSql(
  persistDir,
  { shopOrigin, extraOrigins = [], responses = 420, now = Date.now() } = {},
) {
  const marker = join(persistDir, "demo-seed.json");
  if (existsSync(marker)) return { file: null, demo: JSON.parse(await readFile(marker, "utf8")) };
  const random = rng(20261122);
  const rid = (n = 21) => Array.from({ length: n }, () => ID_ALPHABET[Math.floor(random() * 64)]).join("");
  const lid = (prefix) =>
    `${prefix}_${Array.from({ length: 16 }, () => "0123456789abcdefghijklmnopqrstuvwxyz"[Math.floor(random() * 36)]).join("")}`;
  const ownerId = lid("own");
  const siteId = lid("site");
  const siteKey = `pk_demo${rid(12).replace(/[_-]/g, "x")}`;
  const surveyId = lid("srv");
  const created = new Date(now - 91 * 86_400_000).toISOString();
  const origins = [...new Set([shopOrigin, shopOrigin.replace("127.0.0.1", "localhost"), ...extraOrigins])];
  const sql = [];
  sql.push(
    `INSERT INTO owners (id, email, password_hash, created_at) VALUES (${q(ownerId)}, ${q(DEMO_LOGIN.email)}, ${q(hashPassword(DEMO_LOGIN.password))}, ${q(created)});`,
  );
  sql.push(
    `INSERT INTO sites (id, owner_id, key, name, origins, retention_days, policy_url, policy_version, created_at, updated_at) VALUES (${q(siteId)}, ${q(ownerId)}, ${q(siteKey)}, 'Demo shop', ${q(JSON.stringify(origins))}, 365, ${q(`${shopOrigin}/privacy.html`)}, '2026-11-01', ${q(created)}, ${q(created)});`,
  );
  for (const o of origins) sql.push(`INSERT INTO site_origins (origin, site_id) VALUES (${q(o)}, ${q(siteId)});`);
  const { name, active, ...definition } = DEMO_SURVEY;
  sql.push(
    `INSERT INTO surveys (id, site_id, name, definition, version, active, created_at, updated_at) VALUES (${q(surveyId)}, ${q(siteId)}, ${q(name)}, ${q(JSON.stringify(definition))}, 1, 1, ${q(created)}, ${q(created)});`,
  );

  const locales = ["en", "en", "en", "ro", "ro", "pl", "cs", "hy"];
  const products = ["sku-77", "sku-12", "sku-31", "sku-45"];
  const pages = ["/checkout/thank-you", "/checkout/thank-you", "/account/orders"];
  // Most answers come from the popup; the rest from the order page, links, the counter's QR code and emails.
  const channels = [...Array(6).fill("widget"), "inline", "email", "email", "link", "qr"];
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
    const mood = MOOD_OF[segment];
    const id = rid();
    const status = segment === "detractor" && ageDays > 20 ? (random() > 0.4 ? "resolved" : "contacted") : "new";
    const context = { productId: product, orderId: `A-${1000 + i}` };
    const shopPage = `${shopOrigin}${pages[Math.floor(random() * pages.length)]}`;
    // By position, not by a draw: the answers' random values stay those of earlier seeds.
    const channel = channels[(i * 7) % channels.length];
    const page = channel === "widget" ? shopPage : channel === "inline" ? `${shopOrigin}/account/orders` : null;
    sql.push(
      `INSERT INTO responses (id, site_id, survey_id, body_hash, respondent_hash, locale, page, device, context, consent_policy, consent_at, created_at, day, nps_min, status, note, status_at, channel) VALUES (${[
        id,
        siteId,
        surveyId,
        createHash("sha256").update(id).digest("hex"),
        createHash("sha256").update(`r${i}`).digest("hex"),
        locale,
        page,
        random() > 0.55 ? "mobile" : "desktop",
        JSON.stringify(context),
        "2026-11-01",
        createdAt,
        createdAt,
        day,
        nps,
        status,
        status === "new" ? null : "Called the customer, sent a replacement",
        status === "new" ? null : createdAt,
        channel,
      ]
        .map(q)
        .join(", ")});`,
    );
    const answers = [["nps", "nps", nps, JSON.stringify(nps)]];
    if (random() > 0.25) answers.push(["csat", "csat", csat, JSON.stringify(csat)]);
    if (segment !== "promoter" && random() > 0.3)
      answers.push(["topics", "multi", null, JSON.stringify(segment === "detractor" ? ["delivery"] : ["price"])]);
    if (random() > 0.45) answers.push(["why", "text", null, JSON.stringify(TEXTS[mood][locale])]);
    for (const [question, type, score, value] of answers) {
      sql.push(
        `INSERT INTO answers (response_id, question_id, site_id, survey_id, day, type, score, value, channel) VALUES (${[id, question, siteId, surveyId, day, type, score, value, channel].map(q).join(", ")});`,
      );
    }
    for (const [key, value] of Object.entries(context)) {
      sql.push(
        `INSERT INTO response_context (response_id, site_id, key, value, day) VALUES (${[id, siteId, key, value, day].map(q).join(", ")});`,
      );
    }
  }
  const file = join(persistDir, "demo-seed.sql");
  await writeFile(file, `${sql.join("\n")}\n`);
  const demo = { ...DEMO_LOGIN, siteId, siteKey, surveyId };
  await writeFile(marker, JSON.stringify(demo, null, 2));
  return { file, demo };
}
