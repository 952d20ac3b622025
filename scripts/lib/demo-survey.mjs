/**
 * The demo survey of `npm run dev`, in its two versions: version 1 as it ran for the first half of
 * the quarter (four questions in a row), version 2 as it runs now (logic: promoters skip "what
 * should we improve?"; CSAT drawn as stars; "how did you hear about us?" and a thumbs question).
 * Both versions share question ids, so the dashboard joins their results.
 */

const NPS = {
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
};

const CSAT = {
  id: "csat",
  type: "csat",
  text: {
    en: "How satisfied are you with your order?",
    ro: "Cât de mulțumit ești de comandă?",
    pl: "Jak bardzo jesteś zadowolony z zamówienia?",
    cs: "Jak jste spokojeni s objednávkou?",
    hy: "Որքանո՞վ եք գոհ ձեր պատվերից:",
  },
};

const TOPICS = {
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
};

const WHY = {
  id: "why",
  type: "text",
  text: {
    en: "What is the main reason for your score?",
    ro: "Care este motivul principal al notei?",
    pl: "Jaki jest główny powód Twojej oceny?",
    cs: "Jaký je hlavní důvod vašeho hodnocení?",
    hy: "Ո՞րն է ձեր գնահատականի հիմնական պատճառը:",
  },
};

const SOURCE = {
  id: "source",
  type: "choice",
  text: {
    en: "How did you hear about us?",
    ro: "Cum ai aflat de noi?",
    pl: "Skąd o nas wiesz?",
    cs: "Jak jste se o nás dozvěděli?",
    hy: "Ինչպե՞ս եք իմացել մեր մասին:",
  },
  options: [
    {
      id: "search",
      text: { en: "Search engine", ro: "Motor de căutare", pl: "Wyszukiwarka", cs: "Vyhledávač", hy: "Որոնում" },
    },
    { id: "friend", text: { en: "A friend", ro: "Un prieten", pl: "Znajomy", cs: "Přítel", hy: "Ընկեր" } },
    {
      id: "social",
      text: {
        en: "Social media",
        ro: "Rețele sociale",
        pl: "Media społecznościowe",
        cs: "Sociální sítě",
        hy: "Սոցցանցեր",
      },
    },
    { id: "ad", text: { en: "An advert", ro: "O reclamă", pl: "Reklama", cs: "Reklama", hy: "Գովազդ" } },
  ],
};

const QUICK = {
  id: "quick",
  type: "thumbs",
  text: {
    en: "Was this survey quick to answer?",
    ro: "A fost rapid acest chestionar?",
    pl: "Czy ankieta była szybka?",
    cs: "Byl dotazník rychlý?",
    hy: "Արագ էր այս հարցումը:",
  },
};

const SETTINGS = {
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

/** Version 1: every question in a row. */
export const DEMO_SURVEY_V1 = {
  name: "Post-purchase NPS",
  active: true,
  questions: [NPS, CSAT, TOPICS, WHY],
  ...SETTINGS,
};

/** Version 2 (current): promoters (9–10) skip "what should we improve?"; stars; source and thumbs. */
export const DEMO_SURVEY = {
  name: "Post-purchase NPS",
  active: true,
  questions: [
    { ...NPS, logic: [{ if: { op: "gte", value: 9 }, goto: "csat" }] },
    TOPICS,
    { ...CSAT, style: "stars" },
    WHY,
    SOURCE,
    QUICK,
  ],
  ...SETTINGS,
};

/**
 * The questions a demo customer of `version` goes through: the logic above written out, because the
 * seed runs in plain Node, which cannot load shared/logic.ts (tests/shared/demo-seed.test.ts keeps
 * the two equal).
 */
export const demoPath = (version, nps) =>
  version === 1
    ? ["nps", "csat", "topics", "why"]
    : nps >= 9
      ? ["nps", "csat", "why", "source", "quick"]
      : ["nps", "topics", "csat", "why", "source", "quick"];
