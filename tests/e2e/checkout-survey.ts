/**
 * The checkout survey shared by the widget-flow browser tests: one site with a privacy policy and an
 * NPS survey (with a follow-up question and a reward) on the shop's thank-you page, made once by the
 * file's owner (live-stack.ts); that page opened in the file's browser, and the survey's stored answers.
 */
import { browser, owner, stack, useLiveStack } from "./live-stack";
import { type Watched, watch } from "./widget-page";

export let site: { id: string; key: string };
export let surveyId: string;

const SURVEY = {
  name: "Post-purchase NPS",
  questions: [
    {
      id: "nps",
      type: "nps",
      required: true,
      text: {
        en: "How likely are you to recommend Coffee & Co to a friend?",
        ro: "Cât de probabil este să ne recomanzi unui prieten?",
      },
    },
    {
      id: "why",
      type: "text",
      text: { en: "What is the main reason for your score?", ro: "Care este motivul principal?" },
    },
  ],
  trigger: {
    pages: ["/checkout/thank-you*"],
    delaySeconds: 0,
    scrollPercent: 0,
    exitIntent: false,
    sample: 1,
    cooldownDays: 0,
  },
  theme: { accent: "#0a7cff", position: "bottom-right" },
  reward: { text: { en: "Thank you! 10% off your next order:", ro: "Mulțumim! 10% reducere:" }, code: "THANKS10" },
};

/** The demo shop as the owner's site: its origin, and the privacy policy on its own pages. */
export const createShopSite = () =>
  owner.json<{ id: string; key: string }>("POST", "/api/sites", {
    name: "Coffee & Co",
    origins: [stack.shopUrl],
    retentionDays: 180,
    policyUrl: `${stack.shopUrl}/privacy.html`,
    policyVersion: "2026-11-01",
  });

/** Starts the file's stack, browser and owner; the owner makes the site and its survey. */
export function useCheckoutSurvey(): void {
  useLiveStack({
    owner: true,
    ready: async () => {
      site = await createShopSite();
      surveyId = (await owner.json("POST", `/api/sites/${site.id}/surveys`, SURVEY)).id;
    },
  });
}

/**
 * The shop's thank-you page with the site's key (and `locale`), watched: `posts` lists its POSTs to
 * the collector, `eventsSent` the bodies of its funnel events.
 */
export async function openShop(
  opts: { locale?: string; viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
): Promise<Watched & { posts: string[]; eventsSent: unknown[] }> {
  const watched = await watch(browser, opts);
  const { page } = watched;
  // Listened to before the page opens: the survey may show, and be counted, before `goto` returns.
  const posts: string[] = [];
  const eventsSent: unknown[] = [];
  page.on("request", (r) => {
    if (r.method() !== "POST" || !r.url().startsWith(stack.collectorUrl)) return;
    posts.push(r.url());
    if (r.url().endsWith("/v1/events")) eventsSent.push(JSON.parse(r.postData() ?? "null"));
  });
  const q = new URLSearchParams({ site: site.key, ...(opts.locale ? { locale: opts.locale } : {}) });
  await page.goto(`${stack.shopUrl}/checkout/thank-you?${q}#top`);
  return { ...watched, posts, eventsSent };
}

/** The survey's stored answers, newest first. */
export async function responses(): Promise<any[]> {
  return (await owner.json("GET", `/api/sites/${site.id}/responses?survey=${surveyId}&limit=200`)).items;
}
