/**
 * The widget in real Chromium, on a shop page of another origin served with a strict CSP,
 * against the real worker (wrangler dev): consent first, mouse and keyboard flows, locales,
 * offline delivery exactly once, isolation from the host page, accessibility.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STRINGS } from "../../widget/src/i18n";
import {
  launchBrowser,
  OwnerClient,
  recordWidgetEvents,
  SCREENSHOT_DIR,
  type Stack,
  startStack,
  widgetEvent,
} from "./support";
import { panel, watch } from "./widget-page";

let stack: Stack;
let browser: Browser;
let owner: OwnerClient;
let site: { id: string; key: string };
let surveyId: string;

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

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  owner = new OwnerClient(stack.collectorUrl);
  await owner.signup();
  site = await owner.json("POST", "/api/sites", {
    name: "Coffee & Co",
    origins: [stack.shopUrl],
    retentionDays: 180,
    policyUrl: `${stack.shopUrl}/privacy.html`,
    policyVersion: "2026-11-01",
  });
  surveyId = (await owner.json("POST", `/api/sites/${site.id}/surveys`, SURVEY)).id;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Watched {
  page: Page;
  context: BrowserContext;
  posts: string[];
  errors: string[];
}

async function openShop(
  opts: { locale?: string; viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
): Promise<Watched> {
  const { page, context, errors } = await watch(browser, opts);
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().startsWith(stack.collectorUrl)) posts.push(r.url());
  });
  const q = new URLSearchParams({ site: site.key, ...(opts.locale ? { locale: opts.locale } : {}) });
  await page.goto(`${stack.shopUrl}/checkout/thank-you?${q}#top`);
  return { page, context, posts, errors };
}

async function responses(): Promise<any[]> {
  return (await owner.json("GET", `/api/sites/${site.id}/responses?survey=${surveyId}&limit=200`)).items;
}

describe("widget on a shop with a strict CSP", () => {
  it("mouse › before 'I agree' only an anonymous count is posted; answer stored with page and context", async () => {
    const before = (await responses()).length;
    const { page, context, posts, errors } = await openShop();
    const counted: unknown[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/v1/events")) counted.push(JSON.parse(r.postData() ?? "null"));
    });
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "widget-consent-desktop.png") });
    expect(posts.filter((u) => u.endsWith("/v1/responses"))).toEqual([]);
    // The survey shown, counted without an identifier, a token or the page.
    await expect
      .poll(() => counted)
      .toEqual([{ site: site.key, survey: surveyId, version: 1, event: "shown", channel: "widget" }]);
    // Before "I agree" the browser keeps only the visitor's targeting state (no token, no consent, no answer).
    const kept = await page.evaluate(() => ({
      keys: Object.keys(localStorage).filter((k) => k.startsWith("fb_")),
      state: JSON.parse(localStorage.getItem("fb_visitor") ?? "null"),
    }));
    expect(kept.keys).toEqual(["fb_visitor"]);
    expect(Object.keys(kept.state).sort()).toEqual(["done", "draw", "ev", "last", "n", "seen", "t", "utm"]);
    expect(kept.state.seen).toEqual({ [surveyId]: expect.any(Number) });
    await expect
      .poll(() => page.getByRole("link", { name: "Privacy policy" }).getAttribute("href"))
      .toBe(`${stack.shopUrl}/privacy.html`);
    expect(await panel(page).textContent()).toContain("180 days");

    // The log of requests gets a mark at the moment of consent: nothing may be posted before it.
    posts.push("I agree");
    await page.getByRole("button", { name: "I agree" }).click();
    const nine = page.getByRole("radio", { name: "9", exact: true });
    await expect.poll(() => page.getByRole("radio").count()).toBe(11);
    for (let i = 0; i <= 10; i++)
      expect(await page.getByRole("radio", { name: String(i), exact: true }).count()).toBe(1);
    expect(await panel(page).textContent()).toContain("Not at all likely");
    expect(await panel(page).textContent()).toContain("Extremely likely");
    await nine.click();
    await page.screenshot({ path: join(SCREENSHOT_DIR, "widget-nps-desktop.png") });
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("textbox").fill("Fresh beans, fast delivery");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("Thank you for your feedback!");
    expect(await panel(page).textContent()).toContain("THANKS10");
    await page.screenshot({ path: join(SCREENSHOT_DIR, "widget-thanks-reward.png") });
    // Two parts of one response: the answered first step, then the whole, complete.
    expect(posts.filter((u) => u.endsWith("/v1/responses"))).toHaveLength(2);
    // Before consent only the anonymous count of the survey shown: no answer, id or token.
    expect(posts.slice(0, posts.indexOf("I agree"))).toEqual([`${stack.collectorUrl}/v1/events`]);

    const items = await responses();
    expect(items.length).toBe(before + 1);
    expect(items[0]).toMatchObject({
      page: `${stack.shopUrl}/checkout/thank-you`,
      locale: "en",
      context: { productId: "sku-77", orderId: "A-1042" },
      consent: { policy: "2026-11-01" },
      complete: true,
      channel: "widget",
      version: 1,
    });
    expect(items[0].answers).toHaveLength(2);
    expect(items[0].answers).toEqual(
      expect.arrayContaining([
        { question: "nps", type: "nps", value: 9 },
        { question: "why", type: "text", value: "Fresh beans, fast delivery" },
      ]),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keyboard only › the whole NPS flow with Tab, arrows, Enter; Esc closes and focus returns", async () => {
    const before = (await responses()).length;
    const { page, context, errors } = await openShop();
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    const focusedName = () =>
      page.evaluate(() => {
        const host = document.querySelector("feedback-widget");
        const el = host?.shadowRoot?.activeElement as HTMLElement | null | undefined;
        return el
          ? `${el.tagName}:${el.textContent?.trim() || (el as HTMLInputElement).value || ""}`
          : `outside:${document.activeElement?.tagName}`;
      });
    // Focus moved into the widget when it opened.
    await expect.poll(focusedName).toMatch(/^H2:/);
    for (let i = 0; i < 6 && !(await focusedName()).startsWith("BUTTON:I agree"); i++) await page.keyboard.press("Tab");
    expect(await focusedName()).toBe("BUTTON:I agree");
    await page.keyboard.press("Enter");
    await expect.poll(focusedName).toMatch(/^H2:How likely/);
    await page.keyboard.press("Tab"); // into the radio group
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("radio", { name: "10", exact: true }).isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    expect(await focusedName()).toBe("BUTTON:Next");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Easy to use with a keyboard");
    await page.keyboard.press("Tab");
    expect(await focusedName()).toBe("BUTTON:Back");
    await page.keyboard.press("Tab");
    expect(await focusedName()).toBe("BUTTON:Send");
    await page.keyboard.press("Enter");
    await expect.poll(() => panel(page).textContent()).toContain("Thank you for your feedback!");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("feedback-widget").count()).toBe(0);
    const items = await responses();
    expect(items.length).toBe(before + 1);
    expect(items[0].answers.find((a: any) => a.question === "nps").value).toBe(10);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("every built-in locale › renders its own strings (right-to-left for ar and he)", async () => {
    for (const [locale, s] of Object.entries(STRINGS)) {
      const { page, context, errors } = await openShop({ locale });
      await expect.poll(() => panel(page).isVisible()).toBe(true);
      expect(await page.getByRole("button", { name: s.agree, exact: true }).count(), locale).toBe(1);
      expect(await page.getByRole("button", { name: s.decline, exact: true }).count(), locale).toBe(1);
      expect(await panel(page).textContent()).toContain(s.consentTitle);
      expect(await panel(page).getAttribute("dir")).toBe(s.dir ?? "ltr");
      expect(await panel(page).getAttribute("lang")).toBe(locale);
      if (locale === "ro") await page.screenshot({ path: join(SCREENSHOT_DIR, "widget-consent-ro.png") });
      if (locale === "ar") await page.screenshot({ path: join(SCREENSHOT_DIR, "widget-consent-ar-rtl.png") });
      expect(errors, locale).toEqual([]);
      await context.close();
    }
  });

  it("Romanian › answered in ro, it shows in the summary", async () => {
    const before = await owner.json("GET", `/api/sites/${site.id}/summary?survey=${surveyId}`);
    const { page, context } = await openShop({ locale: "ro" });
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Sunt de acord" }).click();
    await page.getByRole("radio", { name: "3", exact: true }).click();
    await page.getByRole("button", { name: "Înainte" }).click();
    await page.getByRole("textbox").fill("Livrare întârziată, ambalaj șifonat");
    await page.getByRole("button", { name: "Trimite" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("Mulțumim pentru părerea ta!");
    const after = await owner.json("GET", `/api/sites/${site.id}/summary?survey=${surveyId}`);
    expect(after.nps.count).toBe(before.nps.count + 1);
    expect(after.nps.detractors).toBe(before.nps.detractors + 1);
    const ro = (await owner.json("GET", `/api/sites/${site.id}/responses?locale=ro`)).items;
    expect(ro[0].answers.find((a: any) => a.question === "why").value).toBe("Livrare întârziată, ambalaj șifonat");
    await context.close();
  });

  it("offline › the last part is kept, shown as saved, and arrives exactly once when the network returns", async () => {
    const before = (await responses()).length;
    const { page, context } = await openShop();
    const sent: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/v1/responses")) sent.push(r.postData() ?? "");
    });
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "7", exact: true }).click();
    await page.getByRole("button", { name: "Next" }).click();
    // The answered step is sent at once, as a partial response.
    await expect.poll(async () => (await responses()).length).toBe(before + 1);
    const partial = (await responses())[0];
    expect(partial).toMatchObject({ complete: false, answers: [{ question: "nps", value: 7 }] });
    await context.setOffline(true);
    await page.getByRole("textbox").fill("Slow site");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("You seem to be offline");
    expect((await responses())[0]).toMatchObject({ id: partial.id, complete: false });
    await context.setOffline(false);
    await expect.poll(async () => (await responses())[0].complete).toBe(true);
    const [stored] = await responses();
    expect(stored.id).toBe(partial.id);
    expect(stored.answers).toHaveLength(2);
    expect((await responses()).length).toBe(before + 1);
    const outbox = () =>
      page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith("fb_outbox"))
          .map((k) => localStorage.getItem(k)),
      );
    await expect.poll(outbox).toEqual([]);
    // The collector's answer lost on the way back: the answer is still in the outbox, and the next
    // page load sends it again. The server takes it as a duplicate and counts it once.
    const body = JSON.parse(sent[sent.length - 1]!);
    await page.evaluate(([key, item]) => localStorage.setItem(key, JSON.stringify([item])), [
      `fb_outbox:${stack.collectorUrl}`,
      { id: body.id, body, tries: 1, due: 0 },
    ] as const);
    const resent = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/v1/responses"));
    await page.reload();
    const answer = await resent;
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual({ id: body.id, duplicate: true });
    await expect.poll(outbox).toEqual([]);
    expect((await responses()).length).toBe(before + 1);
    await context.close();
  });

  it("isolation › host page styles untouched, silent when the collector fails", async () => {
    const probe = (page: Page) =>
      page.evaluate(() =>
        ["body", "header", "h1", ".button", ".order", "footer"].map((sel) => {
          const cs = getComputedStyle(document.querySelector(sel)!);
          return [
            sel,
            cs.fontFamily,
            cs.fontSize,
            cs.color,
            cs.backgroundColor,
            cs.margin,
            cs.padding,
            cs.lineHeight,
          ].join("|");
        }),
      );
    const plain = await browser.newContext();
    const plainPage = await plain.newPage();
    await recordWidgetEvents(plainPage);
    await plainPage.goto(`${stack.shopUrl}/checkout/thank-you?site=pk_not_a_site`);
    await widgetEvent(plainPage, "ready", { surveys: 0 });
    const baseline = await probe(plainPage);
    expect(await plainPage.locator("feedback-widget").count()).toBe(0);
    await plain.close();

    const { page, context, errors } = await openShop();
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    expect(await probe(page)).toEqual(baseline);
    expect(await page.evaluate(() => document.querySelectorAll("style, [style]").length)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    const down = await browser.newContext();
    const downPage = await down.newPage();
    const downErrors: string[] = [];
    downPage.on("pageerror", (e) => downErrors.push(e.message));
    await downPage.route(`${stack.collectorUrl}/v1/**`, (r) => r.fulfill({ status: 503, body: "down" }));
    await recordWidgetEvents(downPage);
    await downPage.goto(`${stack.shopUrl}/checkout/thank-you?site=${site.key}`);
    await widgetEvent(downPage, "ready", { surveys: 0 });
    expect(await downPage.locator("feedback-widget").count()).toBe(0);
    expect(downErrors).toEqual([]);
    await down.close();
  });

  it("accessibility › axe-core finds no violation in the widget; 320 px phone layout fits", async () => {
    const { page, context } = await openShop({ bypassCSP: true });
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
    await page.addScriptTag({ path: axePath });
    const run = () =>
      page.evaluate(async () => {
        const axe = (window as any).axe;
        const result = await axe.run({ include: [["feedback-widget"]] }, { resultTypes: ["violations"] });
        return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).join(", ")}`);
      });
    expect(await run()).toEqual([]);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "8", exact: true }).click();
    expect(await run()).toEqual([]);
    await page.getByRole("button", { name: "Next" }).click();
    expect(await run()).toEqual([]);
    await context.close();

    const phone = await openShop({ viewport: { width: 320, height: 640 } });
    await expect.poll(() => panel(phone.page).isVisible()).toBe(true);
    const box = (await panel(phone.page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    await phone.page.getByRole("button", { name: "I agree" }).click();
    await phone.page.screenshot({ path: join(SCREENSHOT_DIR, "widget-nps-mobile-320.png") });
    const radio = (await phone.page.getByRole("radio", { name: "10", exact: true }).boundingBox())!;
    expect(radio.x + radio.width).toBeLessThanOrEqual(320);
    await phone.context.close();
  });
});
