/**
 * The widget on the strict-CSP shop when things go wrong, in real Chromium against the real worker:
 * offline delivery exactly once, isolation from the host page, silence when the collector fails, and
 * its work spread over frames.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FAMILY, FIRST_SCREEN_FONTS } from "../../widget/src/warm-fonts";
import { openShop, responses, site, useCheckoutSurvey } from "./checkout-survey";
import { browser, stack } from "./live-stack";
import { recordWidgetEvents, widgetEvent } from "./support";
import { panel, watch } from "./widget-page";

useCheckoutSurvey();

describe("widget on a shop with a strict CSP", () => {
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

  it("spread over frames › fonts looked up unseen while its files load, then its host, then the survey", async () => {
    const { page, context } = await watch(browser);
    // Every shadow host put on the page and taken off, and what each root gains, with the number of
    // frames begun: a font lookup's text as "+SPAN weight/size", the survey's panel as "+fb-panel".
    await page.addInitScript(() => {
      const w = window as unknown as { frames_: number; changes: [number, string][]; texts: string[] };
      w.frames_ = 0;
      w.changes = [];
      w.texts = [];
      const tick = () => {
        w.frames_++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        const hidden = this.getAttribute("aria-hidden") === "true" ? " hidden" : "";
        w.changes.push([w.frames_, `host${hidden}`]);
        new MutationObserver((records) => {
          for (const r of records)
            for (const n of r.addedNodes) {
              const e = n as HTMLElement;
              if (e.tagName !== "SPAN") w.changes.push([w.frames_, `+${e.className}`]);
              else {
                const cs = getComputedStyle(e);
                w.changes.push([w.frames_, `+SPAN ${cs.fontWeight}/${cs.fontSize}`]);
                w.texts.push(e.textContent ?? "");
              }
            }
        }).observe(root, { childList: true });
        return root;
      };
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.removedNodes) if ((n as Element).shadowRoot) w.changes.push([w.frames_, "-host"]);
      }).observe(document, { childList: true, subtree: true });
    });
    // The UI's file is held back until the loader has laid out all six fonts: were the look-up to wait
    // for the files, the survey would never show.
    await page.route(/\/widget-ui[^/]*\.js/, async (route) => {
      await page.waitForFunction(() => (window as unknown as { texts: string[] }).texts.length === 6);
      await route.continue();
    });
    await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${site.key}`);
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    const { changes, texts } = await page.evaluate(() => {
      const w = window as unknown as { changes: [number, string][]; texts: string[] };
      return { changes: w.changes, texts: w.texts };
    });
    const at = (what: string) => changes.find(([, c]) => c === what)?.[0] ?? Number.NaN;
    // The loader's unseen box: the heading's font, then the text's two, then the buttons' three, a frame apart.
    expect(changes.map(([, c]) => c)).toEqual([
      "host hidden",
      "+SPAN 700/16px",
      "+SPAN 400/15px",
      "+SPAN 400/13px",
      "+SPAN 400/14px",
      "+SPAN 600/14px",
      "+SPAN 400/20px",
      "-host",
      "host",
      "+fb-panel",
    ]);
    expect(at("+SPAN 400/15px")).toBeGreaterThan(at("+SPAN 700/16px"));
    expect(at("+SPAN 400/14px")).toBeGreaterThan(at("+SPAN 400/15px"));
    expect(at("-host")).toBeGreaterThan(at("+SPAN 400/14px"));
    // Latin letters and the first question's own letters, each once, in every font.
    expect(new Set(texts)).toEqual(new Set(["AaHow likeyarutcmndCf&?"]));
    // The survey in a later frame than its host and stylesheets.
    expect(at("+fb-panel")).toBeGreaterThan(at("host"));
    await context.close();
  });

  it("spread over frames › the loader looks up exactly the fonts the first screen is drawn with", async () => {
    const { page, context } = await watch(browser);
    await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${site.key}`);
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    const drawn = await page.evaluate(() => {
      const root = document.querySelector("feedback-widget")!.shadowRoot!;
      const fonts = new Set<string>();
      for (const e of root.querySelectorAll(".fb-panel, .fb-panel *")) {
        if (![...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
        const cs = getComputedStyle(e);
        fonts.add(`${cs.fontWeight}/${cs.fontSize}/${cs.fontFamily.replace(/\s/g, "")}`);
      }
      return [...fonts].sort();
    });
    expect(await panel(page).textContent()).toContain("Can we ask you something?");
    expect(drawn).toEqual(FIRST_SCREEN_FONTS.map(([size, weight]) => `${weight}/${size}px/${FAMILY}`).sort());
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
});
