/**
 * The hosted survey page in real Chromium against the real worker: a phone in Romanian with the
 * order and the score from an email (nothing sent before consent), a signed link answered once and
 * then refused with the friendly page, forged and expired signatures (made by the README's Node
 * snippet), and axe-core.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createShopSite } from "./checkout-survey";
import { browser, owner, stack, useLiveStack } from "./live-stack";
import { REPO_ROOT, SCREENSHOT_DIR } from "./support";
import { animationsDone } from "./widget-page";

let site: { id: string; key: string };

const QUESTIONS = [
  {
    id: "nps",
    type: "nps",
    required: true,
    text: { en: "How likely are you to recommend Coffee & Co?", ro: "Cât de probabil este să ne recomanzi?" },
  },
  { id: "why", type: "text", text: { en: "What is the main reason?", ro: "Care este motivul principal?" } },
];

const survey = async (extra: Record<string, unknown> = {}) =>
  (
    await owner.json("POST", `/api/sites/${site.id}/surveys`, {
      name: "After delivery",
      questions: QUESTIONS,
      trigger: { pages: [] },
      theme: { accent: "#8a3ffc", position: "bottom-right" },
      ...extra,
    })
  ).id as string;

/** The README's snippet, as a shop's back end runs it. */
type Mint = (o: Record<string, unknown>) => string;
let surveyLink: Mint;

useLiveStack({
  owner: true,
  ready: async () => {
    site = await createShopSite();
    ({ surveyLink } = (await import(join(REPO_ROOT, "docs", "examples", "mint-link.mjs"))) as { surveyLink: Mint });
  },
});

/** A page that records its POSTs to the collector and every CSP violation or page error. */
async function visit(url: string, viewport = { width: 390, height: 800 }, locale = "en-US", bypassCSP = false) {
  const context = await browser.newContext({ viewport, locale, isMobile: true, hasTouch: true, bypassCSP });
  const page = await context.newPage();
  const posts: { url: string; body: any }[] = [];
  const problems: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/v1/responses"))
      posts.push({ url: r.url(), body: r.postDataJSON() });
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  const res = await page.goto(url);
  return { page, context, posts, problems, status: res?.status() };
}

const panel = (page: Page) => page.locator("#fb-survey .fb-panel");

async function responses(surveyId: string): Promise<any[]> {
  return (await owner.json("GET", `/api/sites/${site.id}/responses?survey=${surveyId}&limit=50`)).items;
}

describe("hosted survey page", () => {
  it("phone, Romanian, order and score from an email › consent first, then score and order stored", async () => {
    const id = await survey();
    const url = `${stack.collectorUrl}/s/${site.key}/${id}?ctx.orderId=A-1042&a.nps=9&channel=email`;
    const { page, context, posts, problems } = await visit(url, { width: 360, height: 740 }, "ro-RO");
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    expect(await page.locator("html").getAttribute("lang")).toBe("ro");
    await expect.poll(() => page.getByRole("heading", { name: "Putem să te întrebăm ceva?" }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "hosted-consent-ro-phone.png") });
    expect(posts).toEqual([]);
    expect(await responses(id)).toEqual([]);
    await page.getByRole("button", { name: "Sunt de acord" }).click();
    // The score from the email is chosen, and stored with the order at once.
    await expect.poll(() => page.getByRole("radio", { name: "9", exact: true }).isChecked()).toBe(true);
    await expect.poll(async () => (await responses(id)).length).toBe(1);
    const [stored] = await responses(id);
    expect(stored).toMatchObject({
      channel: "email",
      locale: "ro",
      complete: false,
      context: { orderId: "A-1042" },
      answers: [{ question: "nps", value: 9 }],
      page: `${stack.collectorUrl}/s/${site.key}/${id}`,
    });
    await page.screenshot({ path: join(SCREENSHOT_DIR, "hosted-question-ro-phone.png") });
    await page.getByRole("button", { name: "Înainte" }).click();
    await page.getByRole("textbox").fill("Livrare rapidă");
    await page.getByRole("button", { name: "Trimite" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Mulțumim pentru părerea ta!" }).isVisible()).toBe(true);
    await expect.poll(async () => (await responses(id))[0].complete).toBe(true);
    expect((await responses(id))[0].answers).toHaveLength(2);
    expect(posts.every((p) => p.url === `${stack.collectorUrl}/v1/responses`)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a minted signed link › answered once, then the same link shows 'already answered'", async () => {
    const id = await survey({ links: { signed: true, onePer: "orderId" } });
    const { url } = await owner.json("POST", `/api/sites/${site.id}/surveys/${id}/links`, {
      context: { orderId: "B-2001" },
      channel: "email",
    });
    const first = await visit(`${url}&a.nps=10`);
    expect(first.status).toBe(200);
    await expect.poll(() => panel(first.page).isVisible()).toBe(true);
    await first.page.getByRole("button", { name: "I agree" }).click();
    await expect.poll(async () => (await responses(id)).length).toBe(1);
    expect(first.posts[0]!.body.sig).toBe(new URL(url).searchParams.get("sig"));
    expect(first.problems).toEqual([]);
    await first.context.close();

    const again = await visit(url);
    expect(again.status).toBe(409);
    await expect
      .poll(() => again.page.getByRole("heading", { name: "You have already answered, thank you" }).isVisible())
      .toBe(true);
    await again.page.screenshot({ path: join(SCREENSHOT_DIR, "hosted-already-answered.png") });
    expect(await responses(id)).toHaveLength(1);
    await again.context.close();
  });

  it("a forged and an expired signature › refused with a page that says why; nothing sent", async () => {
    const id = await survey({ links: { signed: true } });
    const { secret } = await owner.json("POST", `/api/sites/${site.id}/link-secret`, { keepOldForDays: 0 });
    const base = { collector: stack.collectorUrl, siteKey: site.key, surveyId: id, secret };
    const good = surveyLink({ ...base, context: { orderId: "C-1" }, lang: "de" });
    const ok = await visit(good);
    expect(ok.status).toBe(200);
    await expect.poll(() => panel(ok.page).isVisible()).toBe(true);
    await ok.context.close();

    const forged = good.replace("ctx.orderId=C-1", "ctx.orderId=C-2");
    const expired = surveyLink({ ...base, context: { orderId: "C-1" }, days: -1 });
    for (const [link, heading] of [
      [forged, "Dieser Link ist ungültig"],
      [expired, "This link has expired"],
    ] as const) {
      const { page, context, posts, status } = await visit(link);
      expect(status).toBe(403);
      await expect.poll(() => page.getByRole("heading", { name: heading }).isVisible()).toBe(true);
      expect(await page.locator("#fb-survey").count()).toBe(0);
      expect(posts).toEqual([]);
      await context.close();
    }
  });

  it("'No thanks' › nothing sent, the page says so; Escape does not remove the survey", async () => {
    const id = await survey();
    const { page, context, posts } = await visit(`${stack.collectorUrl}/s/${site.key}/${id}?a.nps=3`);
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await page.getByRole("button", { name: "I agree" }).focus();
    await page.keyboard.press("Escape");
    expect(await panel(page).isVisible()).toBe(true);
    await page.getByRole("button", { name: "No thanks" }).click();
    await expect.poll(() => page.getByText("No problem: nothing was sent.").isVisible()).toBe(true);
    expect(await panel(page).count()).toBe(0);
    expect(posts).toEqual([]);
    expect(await responses(id)).toEqual([]);
    await context.close();
  });

  it("accessibility › axe-core finds no violation on the page, before and after consent", async () => {
    const id = await survey();
    // The test's own axe script needs the CSP bypassed (the page allows no inline script).
    const url = `${stack.collectorUrl}/s/${site.key}/${id}?lang=en`;
    const { page, context } = await visit(url, { width: 1024, height: 800 }, "en-US", true);
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await animationsDone(page);
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
    const run = () =>
      page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).join(", ")}`);
      });
    expect(await run()).toEqual([]);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "7", exact: true }).click();
    expect(await run()).toEqual([]);
    await context.close();
  });
});
