/**
 * The widget on the strict-CSP shop when things go wrong, in real Chromium against the real worker:
 * offline delivery exactly once, isolation from the host page, silence when the collector fails, and
 * its work spread over frames.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
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

  it("spread over frames › the first screen's words in all its fonts, unseen, before it is drawn", async () => {
    const { page, context } = await watch(browser);
    // What the widget's shadow root (and its unseen box) gain and lose, with the number of frames begun.
    await page.addInitScript(() => {
      const w = window as unknown as { frames_: number; changes: [number, string][] };
      w.frames_ = 0;
      w.changes = [];
      const tick = () => {
        w.frames_++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      // Tag, class and state (a disabled button is marked "!").
      const tagOf = (c: Element) =>
        `${c.tagName}${c.className ? `.${c.className}` : ""}${(c as HTMLButtonElement).disabled ? "!" : ""}`;
      // Class, then each child's tag, then the text.
      const name = (n: Node) =>
        `${(n as Element).className}:${[...((n as Element).children ?? [])].map(tagOf).join(" ")}:${n.textContent}`;
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        const watchBox = new MutationObserver((records) => {
          for (const r of records) for (const n of r.addedNodes) w.changes.push([w.frames_, `+${tagOf(n as Element)}`]);
        });
        new MutationObserver((records) => {
          for (const r of records) {
            for (const n of r.addedNodes) {
              w.changes.push([w.frames_, `+${name(n)}`]);
              if ((n as Element).className === "fb-warm") watchBox.observe(n, { childList: true });
            }
            for (const n of r.removedNodes) w.changes.push([w.frames_, `-${name(n)}`]);
          }
        }).observe(root, { childList: true });
        return root;
      };
    });
    await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${site.key}`);
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    const changes = await page.evaluate(() => (window as unknown as { changes: [number, string][] }).changes);
    const [added, ...rest] = changes;
    // The words of the text's fonts first, the buttons' (which cannot take focus) a frame later.
    expect(added?.[1]).toMatch(/^\+fb-warm:H2 P P\.fb-note:Can we ask you something\?/);
    const buttons = rest.slice(0, 3);
    expect(buttons.map(([, change]) => change)).toEqual(["+BUTTON!", "+BUTTON.fb-primary!", "+BUTTON.fb-close!"]);
    expect(buttons.every(([frame]) => frame > added![0])).toBe(true);
    const [removed, drawn] = rest.slice(3);
    expect(removed?.[1]).toMatch(
      /^-fb-warm:H2 P P\.fb-note BUTTON! BUTTON\.fb-primary! BUTTON\.fb-close!:Can we ask you something\?.*I agree×$/,
    );
    expect(drawn?.[1]).toMatch(/^\+fb-panel/);
    // Drawn in a later frame than the one that laid the buttons out, and the box gone with it.
    expect(drawn![0]).toBeGreaterThan(buttons[0]![0]);
    expect(await page.locator("feedback-widget .fb-warm").count()).toBe(0);
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
