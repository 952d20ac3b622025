/**
 * The widget in real Chromium, on a shop page of another origin served with a strict CSP,
 * against the real worker (wrangler dev): consent first, mouse and keyboard flows, locales,
 * accessibility.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STRINGS } from "../../widget/src/i18n";
import { openShop, responses, site, surveyId, useCheckoutSurvey } from "./checkout-survey";
import { owner, stack } from "./live-stack";
import { SCREENSHOT_DIR } from "./support";
import { animationsDone, panel } from "./widget-page";

useCheckoutSurvey();

describe("widget on a shop with a strict CSP", () => {
  it("mouse › before 'I agree' only an anonymous count is posted; answer stored with page and context", async () => {
    const before = (await responses()).length;
    const { page, context, posts, errors, eventsSent: counted } = await openShop();
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

  it("accessibility › axe-core finds no violation in the widget; 320 px phone layout fits", async () => {
    const { page, context } = await openShop({ bypassCSP: true });
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await animationsDone(page);
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
