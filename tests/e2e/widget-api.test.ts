/**
 * The widget's global API and its events in real Chromium against the real worker, on the strict-CSP
 * shop: single-page route changes without a second config request, cooldown, the centred modal's
 * focus trap, a first-party collector served under a path prefix of the shop's origin, the pinned
 * SRI snippet, a beacon on pagehide, and odd answers of the collector.
 */
import { describe, expect, it } from "vitest";
import { stack, useLiveStack } from "./live-stack";
import { widgetEvent, widgetEvents } from "./support";
import { host, panel, visible } from "./widget-page";
import { addSurvey, responses, siteWith, TRIGGER, watch } from "./widget-sites";

useLiveStack({ owner: true });

describe("widget global API and single-page shops", () => {
  it("route change › the new path's survey shows, no second config request; the centred modal traps Tab", async () => {
    const site = await siteWith({
      questions: [{ id: "nps", type: "nps", required: true, text: { en: "Would you recommend us?" } }],
      trigger: { pages: ["/spa/done*"], ...TRIGGER, cooldownDays: 30 },
      theme: { accent: "#ffeb3b", position: "center" },
    });
    // Weighed after the first: it shows only while the first is in its cooldown.
    const second = await addSurvey(site.id, {
      questions: [{ id: "csat", type: "csat", text: { en: "How satisfied are you?" } }],
      trigger: { pages: ["/spa/done*"], ...TRIGGER },
    });
    const { page, context, errors, requests } = await watch();
    await page.goto(`${stack.shopUrl}/product.html?site=${site.key}`);
    // The config is read and the triggers weighed: nothing for this path.
    await widgetEvent(page, "ready", { surveys: 2 });
    expect(await host(page).count()).toBe(0);

    await page.evaluate(() => history.pushState({}, "", "/spa/done"));
    await visible(page);
    expect(requests.filter((r) => r.includes("/config"))).toHaveLength(1);
    expect(await panel(page).getAttribute("aria-modal")).toBe("true");
    // Modal: Tab and Shift+Tab cycle inside the widget, never reaching the page behind.
    const inside = () => page.evaluate(() => document.activeElement?.tagName === "FEEDBACK-WIDGET");
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await inside(), `Tab ${i}`).toBe(true);
    }
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Shift+Tab");
      expect(await inside(), `Shift+Tab ${i}`).toBe(true);
    }
    await page.getByRole("button", { name: "No thanks" }).click();
    await expect.poll(() => host(page).count()).toBe(0);
    expect(await widgetEvents(page)).toEqual([
      `shown:{"survey":"${site.surveyId}"}`,
      `dismissed:{"survey":"${site.surveyId}"}`,
    ]);

    // Cooldown (30 days): neither another route change nor a new page load shows it again; the
    // survey weighed after it shows instead, which tells that the first was passed over.
    await page.evaluate(() => history.pushState({}, "", "/spa/done/again"));
    await widgetEvent(page, "shown", { survey: second });
    await page.getByRole("button", { name: "No thanks" }).click();
    await page.goto(`${stack.shopUrl}/product.html?site=${site.key}`);
    await widgetEvent(page, "ready");
    await page.evaluate(() => history.replaceState({}, "", "/spa/done"));
    await widgetEvent(page, "shown", { survey: second });
    expect(await widgetEvents(page)).toEqual([`shown:{"survey":"${second}"}`]);
    expect(requests.filter((r) => r.startsWith("POST") && r.includes("/v1/responses"))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Feedback.show / hide / forget › show ignores page rules and cooldown; events; forget erases", async () => {
    const site = await siteWith({
      questions: [{ id: "nps", type: "nps", required: true, text: { en: "Would you recommend us?" } }],
      trigger: { pages: ["/nowhere"], ...TRIGGER, cooldownDays: 30 },
    });
    const { page, context, errors } = await watch();
    await page.goto(`${stack.shopUrl}/product.html?site=${site.key}`);
    await widgetEvent(page, "ready");
    // Focus goes into the widget when it opens and back to where it was when it closes.
    await page.focus("a.button");
    await page.evaluate((id) => window.Feedback!.show(id), site.surveyId);
    await visible(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("FEEDBACK-WIDGET");
    await page.evaluate(() => window.Feedback!.hide());
    await expect.poll(() => host(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Buy now");

    await page.evaluate((id) => window.Feedback!.show(id), site.surveyId);
    await visible(page);
    await page.evaluate(() => window.Feedback!.setContext({ plan: "gold" }));
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "5", exact: true }).click();
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("Thank you");
    const id = `{"survey":"${site.surveyId}"}`;
    expect(await widgetEvents(page)).toEqual([
      `shown:${id}`,
      `dismissed:${id}`,
      `shown:${id}`,
      `submitted:{"survey":"${site.surveyId}","queued":false}`,
    ]);
    const [stored] = await responses(site.id);
    expect(stored.context).toEqual({ productId: "sku-77", plan: "gold" });

    expect(await page.evaluate(() => window.Feedback!.forget())).toBe(true);
    expect(await responses(site.id)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("first-party collector under a path prefix › every request goes through the shop's /feedback/ path", async () => {
    const site = await siteWith({
      questions: [{ id: "nps", type: "nps", required: true, text: { en: "Would you recommend us?" } }],
      trigger: { pages: ["/product.html"], ...TRIGGER },
    });
    // The shop's CSP must then allow its own origin for connect-src: this context stands for that shop.
    const { page, context, errors, requests } = await watch({ bypassCSP: true });
    const prefix = `${stack.shopUrl}/feedback`;
    await page.route(`${stack.shopUrl}/product.html*`, async (route) => {
      const original = await route.fetch();
      const html = (await original.text()).replace(`${stack.collectorUrl}/widget.js`, "/feedback/widget.js");
      await route.fulfill({ response: original, body: html });
    });
    // Stands for a Workers route such as shop.example/feedback/* in front of the collector.
    await page.route(`${prefix}/**`, async (route) => {
      const url = route.request().url().replace(prefix, stack.collectorUrl);
      await route.fulfill({ response: await route.fetch({ url }) });
    });
    await page.goto(`${stack.shopUrl}/product.html?site=${site.key}`);
    await visible(page);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "10", exact: true }).click();
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("Thank you");
    expect(requests.filter((r) => r.includes(stack.collectorUrl))).toEqual([]);
    expect(requests).toEqual(
      expect.arrayContaining([
        `GET ${prefix}/widget.js`,
        `GET ${prefix}/widget-ui.js`,
        expect.stringMatching(new RegExp(`^GET ${prefix}/v1/sites/${site.key}/config\\?lang=`)),
        `POST ${prefix}/v1/responses`,
      ]),
    );
    expect(await responses(site.id)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("pinned SRI snippet › hashed loader, files with integrity; a changed UI file is silently refused", async () => {
    const site = await siteWith({
      questions: [{ id: "nps", type: "nps", required: true, text: { en: "Would you recommend us?" } }],
      trigger: { pages: ["/product.html"], ...TRIGGER },
    });
    const manifest = await (await fetch(`${stack.collectorUrl}/widget-manifest.json`)).json();
    const loader = manifest.files["widget.js"];
    const ui = manifest.files["widget-ui.js"];
    for (const tamper of [false, true]) {
      // A page fulfilled by the test has no known address, so Chromium treats it as public and asks
      // before CORS-mode loads (crossorigin="anonymous") reach the loopback collector: granted here.
      const { page, context, errors, requests } = await watch({ permissions: ["local-network-access"] });
      await page.route(`${stack.shopUrl}/product.html*`, async (route) => {
        const original = await route.fetch();
        const pinned = `${stack.collectorUrl}/${loader.hashed}" integrity="${loader.integrity}" crossorigin="anonymous`;
        await route.fulfill({
          response: original,
          body: (await original.text()).replace(`${stack.collectorUrl}/widget.js`, pinned),
        });
      });
      if (tamper) {
        await page.route(`${stack.collectorUrl}/${ui.hashed}`, async (route) => {
          const original = await route.fetch();
          await route.fulfill({ response: original, body: `${await original.text()};window.tampered=1` });
        });
      }
      await page.goto(`${stack.shopUrl}/product.html?site=${site.key}`);
      if (!tamper) {
        await visible(page);
        expect(requests).toEqual(
          expect.arrayContaining([
            `GET ${stack.collectorUrl}/${ui.hashed}`,
            `GET ${stack.collectorUrl}/${manifest.files["widget-l10n-en.js"].hashed}`,
          ]),
        );
        expect(requests.filter((r) => r.endsWith("/widget-ui.js"))).toEqual([]);
        expect(errors).toEqual([]);
      } else {
        // The browser refuses the changed file (integrity); the widget says so and draws nothing.
        await widgetEvent(page, "error", { survey: site.surveyId, reason: "ui" });
        expect(await host(page).count()).toBe(0);
        expect(await page.evaluate(() => (window as unknown as { tampered?: number }).tampered)).toBeUndefined();
        expect(errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
      }
      await context.close();
    }
  });

  it("pagehide › an answer not yet taken leaves with the page by sendBeacon (text/plain, no preflight)", async () => {
    const site = await siteWith({
      questions: [{ id: "nps", type: "nps", required: true, text: { en: "Would you recommend us?" } }],
      trigger: { pages: ["/product.html"], ...TRIGGER },
    });
    const { page, context, errors } = await watch();
    const seen: string[] = [];
    // The collector is overloaded for fetch(); the beacon sent on pagehide goes through.
    await context.route(`${stack.collectorUrl}/v1/responses`, async (route) => {
      const r = route.request();
      seen.push(`${r.method()} ${r.resourceType()} ${r.headers()["content-type"]}`);
      if (r.resourceType() === "ping") await route.continue();
      else
        await route.fulfill({
          status: 503,
          headers: { "Retry-After": "60", "Access-Control-Allow-Origin": stack.shopUrl },
          body: "",
        });
    });
    await page.goto(`${stack.shopUrl}/product.html?site=${site.key}`);
    await visible(page);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "6", exact: true }).click();
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("saved on this device");
    expect(await responses(site.id)).toEqual([]);
    expect(seen).toEqual(["POST fetch text/plain"]);
    // Leaving for a page without the widget: no later page load can flush the outbox, and the
    // fetch() path answers 503, so only the beacon (which Chromium sends past the test's route
    // once the page is gone) can deliver it; an application/json beacon would need a preflight
    // that never completes during unload.
    await page.goto("about:blank");
    await expect.poll(async () => (await responses(site.id)).length).toBe(1);
    expect(seen.filter((x) => !x.startsWith("POST fetch"))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("odd collector answers › malformed config or missing UI file: page stays silent, no cooldown starts", async () => {
    const site = await siteWith({
      questions: [{ id: "nps", type: "nps", required: true, text: { en: "Would you recommend us?" } }],
      trigger: { pages: ["/checkout/thank-you*"], ...TRIGGER, cooldownDays: 30 },
    });
    for (const [what, config] of [
      ["empty object", "{}"],
      ["not JSON", "<html>oops"],
      ["surveys not a list", '{"surveys":5,"policy":null}'],
    ] as const) {
      const { page, context, errors } = await watch();
      await page.route(`${stack.collectorUrl}/v1/sites/**`, (r) =>
        r.fulfill({ status: 200, contentType: "application/json", body: config }),
      );
      await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${site.key}`);
      await page.waitForFunction(() => !!window.Feedback);
      const thrown = await page.evaluate(() => {
        try {
          window.Feedback!.show();
          window.Feedback!.setContext({ a: "b" });
          window.Feedback!.hide();
          return "";
        } catch (e) {
          return String(e);
        }
      });
      // The config was read (and found wanting): the widget is done, with no survey.
      await widgetEvent(page, "ready", { surveys: 0 });
      expect(thrown, what).toBe("");
      expect(await host(page).count(), what).toBe(0);
      expect(errors, what).toEqual([]);
      await context.close();
    }

    const { page, context, errors } = await watch();
    await page.route(`${stack.collectorUrl}/widget-ui.js`, (r) => r.fulfill({ status: 404, body: "" }));
    await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${site.key}`);
    await widgetEvent(page, "error", { survey: site.surveyId, reason: "ui" });
    expect(await host(page).count()).toBe(0);
    // Nothing recorded as shown: the visitor state has no cooldown or fatigue mark.
    const state = await page.evaluate(() => JSON.parse(localStorage.getItem("fb_visitor") ?? "null"));
    expect({ seen: state.seen, last: state.last }).toEqual({ seen: {}, last: {} });
    // The failed script load is the only console noise allowed; nothing thrown.
    expect(errors.filter((e) => e.startsWith("pageerror"))).toEqual([]);
    await context.close();
  });
});
