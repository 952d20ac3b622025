/**
 * The survey editor's targeting settings in Chromium: plain words, a summary line that follows the
 * draft, a live preview that stays the same, and a save that stores what the owner chose.
 */
import { describe, expect, it } from "vitest";
import { signUpWithSite } from "./dashboard-page";
import { browser, stack, useLiveStack } from "./live-stack";

useLiveStack();

describe("survey editor › targeting", () => {
  it("share, visitors, devices, event, context condition, dates › summary line, preview unchanged, saved", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(stack.collectorUrl);
    const siteId = await signUpWithSite(page, stack);

    const summary = page.getByTestId("targeting-summary");
    expect(await summary.textContent()).toBe("Shown to every visitor, after 3 s, at most once every 90 days.");
    await page.getByLabel("Share of visitors asked (%)").fill("20");
    await page.getByRole("combobox", { name: /^Visitors/ }).selectOption("returning");
    await page.getByRole("checkbox", { name: "Tablets", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "Computers", exact: true }).uncheck();
    await page.getByLabel("Ask the same person again after (days)").fill("14");
    await page.getByLabel("Delay (seconds)").fill("0");
    await expect
      .poll(() => summary.textContent())
      .toBe("Shown to 20% of returning visitors on phones, at most once every 14 days.");

    await page.getByLabel("Only after the page reports this event").fill("added_to_cart");
    await page.getByRole("button", { name: "Add a condition" }).click();
    const condition = page.getByRole("group", { name: "Condition 1" });
    await condition.getByLabel("Context key").fill("cartValue");
    await condition.getByLabel("Comparison").selectOption("gt");
    await condition.getByLabel("Value").fill("50");
    await page.getByLabel("Never on these pages").fill("/account*");
    await page.getByLabel("Stop after this many completed responses").fill("500");
    await expect
      .poll(() => summary.textContent())
      .toBe(
        "Shown to 20% of returning visitors on phones, except /account*, once the page reports " +
          '"added_to_cart", when cartValue is more than 50, at most once every 14 days, ' +
          "until 500 completed responses.",
      );
    // The preview shows the survey itself, whatever the targeting.
    await expect.poll(() => page.getByTestId("preview").getByRole("button", { name: "I agree" }).count()).toBe(1);

    await page.getByRole("button", { name: "Save survey" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Saved");
    const [survey] = await page.evaluate((id) => fetch(`/api/sites/${id}/surveys`).then((r) => r.json()), siteId);
    expect(survey.trigger).toMatchObject({
      sample: 0.2,
      visitors: "returning",
      devices: ["phone"],
      cooldownDays: 14,
      excludePages: ["/account*"],
      event: { name: "added_to_cart", times: 1 },
      context: [{ key: "cartValue", op: "gt", value: 50 }],
    });
    expect(survey.schedule).toEqual({ maxResponses: 500 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
