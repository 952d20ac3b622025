/**
 * Targeting, fatigue and scheduling on the demo shop, in Chromium against the real collector:
 * a sampled-out survey keeps no other back, the site's fatigue cap holds across pages and tabs,
 * an event trigger opens at its Nth time, a closed survey stops showing, and the landing page's
 * campaign reaches the answer only after consent.
 */
import { describe, expect, it } from "vitest";
import { browser, owner, stack, useLiveStack } from "./live-stack";
import { widgetEvent, widgetEvents } from "./support";
import { afterTriggers, host, opening, panel, visible, watch } from "./widget-page";

const NPS = [{ id: "nps", type: "nps", required: true, text: { en: "Would you recommend us?" } }];
const NOW = { delaySeconds: 0, scrollPercent: 0, exitIntent: false, sample: 1, cooldownDays: 0 };

async function site(fatigueDays?: number) {
  return owner.json<{ id: string; key: string }>("POST", "/api/sites", {
    name: "Coffee & Co",
    origins: [stack.shopUrl],
    ...(fatigueDays === undefined ? {} : { fatigueDays }),
  });
}
const survey = async (siteId: string, body: Record<string, unknown>) =>
  (await owner.json<{ id: string }>("POST", `/api/sites/${siteId}/surveys`, { name: "S", questions: NPS, ...body })).id;

useLiveStack({ owner: true });

describe("targeting on the demo shop", () => {
  it("sampling › a sampled-out first survey does not keep the second back; the draw is kept", async () => {
    const s = await site();
    const first = await survey(s.id, { priority: 1, trigger: { pages: ["/product.html"], ...NOW, sample: 0.5 } });
    const second = await survey(s.id, { priority: 2, trigger: { pages: ["/product.html"], ...NOW } });
    const { page, context, errors } = await watch(browser);
    // This visitor drew 0.99 for the first survey on an earlier visit: with a 50% sample, never asked.
    await page.addInitScript((id) => {
      const draw = { [id]: 0.99 };
      const state = { n: 1, t: 0, utm: {}, ev: {}, draw, seen: {}, done: {}, last: {} };
      if (!localStorage.getItem("fb_visitor")) localStorage.setItem("fb_visitor", JSON.stringify(state));
    }, first);
    await page.goto(`${stack.shopUrl}/product.html?site=${s.key}`);
    await widgetEvent(page, "shown", { survey: second });
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("fb_visitor")!));
    expect(kept.draw[first]).toBe(0.99);
    expect(kept.draw[second]).toEqual(expect.any(Number));
    expect(await widgetEvents(page)).toEqual([`shown:{"survey":"${second}"}`]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fatigue cap › once one survey was shown, no other opens on another page or tab until the cap lifts", async () => {
    const s = await site(); // the default cap: 14 days
    const onProduct = await survey(s.id, { trigger: { pages: ["/product.html"], ...NOW } });
    const onOrder = await survey(s.id, { trigger: { pages: ["/checkout/thank-you*"], ...NOW } });
    const first = await watch(browser);
    await first.page.goto(`${stack.shopUrl}/product.html?site=${s.key}`);
    await visible(first.page);
    await first.page.getByRole("button", { name: "Close" }).click();
    await widgetEvent(first.page, "dismissed", { survey: onProduct });

    // Another tab of the same browser, another page with its own survey: held back by the cap.
    const second = await watch(browser, { context: first.context });
    await second.page.goto(`${stack.shopUrl}/checkout/thank-you?site=${s.key}`);
    await widgetEvent(second.page, "ready", { surveys: 2 });
    await afterTriggers(second.page);
    expect(await opening(second.page)).toBe(false);
    // The first tab's next page: held back too.
    await first.page.goto(`${stack.shopUrl}/checkout/thank-you?site=${s.key}`);
    await widgetEvent(first.page, "ready", { surveys: 2 });
    await afterTriggers(first.page);
    expect(await opening(first.page)).toBe(false);

    // With the cap off, the same visitor (the same stored state, in a browser that has not cached the
    // config) on the same page is asked: the cap, and nothing else, held it back.
    await owner.json("PATCH", `/api/sites/${s.id}`, { fatigueDays: 0 });
    const same = await browser.newContext({ storageState: await first.context.storageState() });
    const third = await watch(browser, { context: same });
    await third.page.goto(`${stack.shopUrl}/checkout/thank-you?site=${s.key}`);
    await widgetEvent(third.page, "shown", { survey: onOrder });
    expect([...first.errors, ...second.errors, ...third.errors]).toEqual([]);
    await first.context.close();
    await same.close();
  });

  it("event trigger › opens at the visit's 2nd 'added_to_cart' (a data-feedback-event click, then track)", async () => {
    const s = await site();
    const id = await survey(s.id, {
      trigger: { pages: ["/product.html"], ...NOW, event: { name: "added_to_cart", times: 2 } },
    });
    const { page, context, errors } = await watch(browser);
    await page.goto(`${stack.shopUrl}/product.html?site=${s.key}`);
    await widgetEvent(page, "ready", { surveys: 1 });
    await afterTriggers(page);
    expect(await opening(page)).toBe(false);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await afterTriggers(page);
    expect(await opening(page)).toBe(false);
    await page.evaluate(() => window.Feedback!.track("added_to_cart"));
    await widgetEvent(page, "shown", { survey: id });
    await visible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("schedule › a survey past its end date is no longer served: nothing opens", async () => {
    const s = await site();
    const id = await survey(s.id, { trigger: { pages: ["/product.html"], ...NOW } });
    const open = await watch(browser);
    await open.page.goto(`${stack.shopUrl}/product.html?site=${s.key}`);
    await widgetEvent(open.page, "shown", { survey: id });
    await open.context.close();

    await owner.json("PUT", `/api/sites/${s.id}/surveys/${id}`, {
      name: "S",
      questions: NPS,
      trigger: { pages: ["/product.html"], ...NOW },
      schedule: { endsAt: new Date(Date.now() - 60_000).toISOString() },
    });
    const closed = await watch(browser);
    await closed.page.goto(`${stack.shopUrl}/product.html?site=${s.key}`);
    await widgetEvent(closed.page, "ready", { surveys: 0 });
    await afterTriggers(closed.page);
    expect(await opening(closed.page)).toBe(false);
    expect(await host(closed.page).count()).toBe(0);
    await closed.context.close();
  });

  it("campaign › the landing URL's utm_ parameters join the answer after consent, never the rest of it", async () => {
    const s = await site();
    await survey(s.id, { trigger: { pages: ["/checkout/thank-you*"], ...NOW } });
    const { page, context, errors, requests } = await watch(browser);
    await page.goto(`${stack.shopUrl}/product.html?site=${s.key}&utm_source=newsletter&utm_campaign=dec&coupon=XMAS`);
    await widgetEvent(page, "ready", { surveys: 1 });
    await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${s.key}`);
    await visible(page);
    expect(requests.filter((r) => r.startsWith("POST") && /utm_|newsletter/.test(r))).toEqual([]);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "9", exact: true }).click();
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("Thank you");
    const { items } = await owner.json<{ items: { context: Record<string, string> }[] }>(
      "GET",
      `/api/sites/${s.id}/responses`,
    );
    expect(items).toHaveLength(1);
    expect(items[0]!.context).toMatchObject({ utm_source: "newsletter", utm_campaign: "dec" });
    expect(JSON.stringify(items[0]!.context)).not.toContain("XMAS");
    expect(errors).toEqual([]);
    await context.close();
  });
});
