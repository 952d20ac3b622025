/**
 * The widget checks a privacy-policy link itself before drawing it on the shop's page: a config that
 * carries a `javascript:` or `data:` link (one the collector stored before it refused them, or served
 * by anything in between) shows the consent step without a link; an https one is drawn.
 */
import { describe, expect, it } from "vitest";
import { browser, owner, stack, useLiveStack } from "./live-stack";
import { panel, watch } from "./widget-page";

let siteKey: string;

useLiveStack({
  owner: true,
  ready: async () => {
    const site = await owner.json<{ id: string; key: string }>("POST", "/api/sites", {
      name: "Link shop",
      origins: [stack.shopUrl],
      policyUrl: "https://shop.example/privacy",
    });
    siteKey = site.key;
    await owner.json("POST", `/api/sites/${site.id}/surveys`, {
      name: "NPS",
      questions: [{ id: "nps", type: "nps", required: true, text: { en: "Recommend us?" } }],
      trigger: { pages: ["/checkout/thank-you*"], delaySeconds: 0, cooldownDays: 0 },
    });
  },
});

/** The consent step on the shop's page, with the config's policy link replaced by `url`. */
async function consentWith(url: string) {
  const { page, errors } = await watch(browser);
  await page.route(`${stack.collectorUrl}/v1/sites/*/config*`, async (route) => {
    const res = await route.fetch();
    const config = await res.json();
    await route.fulfill({ response: res, json: { ...config, policy: { ...config.policy, url } } });
  });
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${siteKey}`);
  await expect.poll(() => panel(page).isVisible()).toBe(true);
  await page.getByRole("button", { name: "I agree" }).waitFor();
  return { page, errors, dialogs: () => dialogs };
}

describe("privacy-policy link in the widget", () => {
  it("an https link › drawn, opening in a new tab", async () => {
    const { page } = await consentWith("https://shop.example/privacy");
    const link = page.getByRole("link", { name: "Privacy policy" });
    expect(await link.getAttribute("href")).toBe("https://shop.example/privacy");
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
  });

  for (const url of ["javascript:alert(document.domain)", "JavaScript:alert(1)", "data:text/html,<b>x</b>"]) {
    it(`${url.split(":")[0]}: › no link is drawn, and nothing runs`, async () => {
      const { page, dialogs } = await consentWith(url);
      expect(await page.getByRole("link", { name: "Privacy policy" }).count()).toBe(0);
      const hrefs = await panel(page).evaluate((el) => [...el.querySelectorAll("a")].map((a) => a.href));
      expect(hrefs.filter((h) => !/^https?:/.test(h))).toEqual([]);
      expect(dialogs()).toBe(0);
    });
  }
});
