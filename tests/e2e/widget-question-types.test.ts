/**
 * Every question type of the widget in real Chromium against the real worker, on the strict-CSP
 * shop, and withdrawal from the thank-you step.
 */
import { describe, expect, it } from "vitest";
import { stack, useLiveStack } from "./live-stack";
import { panel, visible } from "./widget-page";
import { responses, siteWith, TRIGGER, watch } from "./widget-sites";

useLiveStack({ owner: true });

describe("widget question types and withdrawal", () => {
  it("csat, ces, choice, multi, text › stored with their types; then withdrawn from the thank-you step", async () => {
    const site = await siteWith({
      questions: [
        { id: "sat", type: "csat", required: true, text: { en: "How satisfied are you with your order?" } },
        { id: "effort", type: "ces", text: { en: "How easy was checkout?" } },
        {
          id: "found",
          type: "choice",
          options: [
            { id: "search", text: { en: "Search" } },
            { id: "friend", text: { en: "A friend" } },
          ],
          text: { en: "How did you find us?" },
        },
        {
          id: "topics",
          type: "multi",
          options: [
            { id: "delivery", text: { en: "Delivery" } },
            { id: "price", text: { en: "Price" } },
            { id: "range", text: { en: "Range" } },
          ],
          text: { en: "What should we improve?" },
        },
        { id: "why", type: "text", text: { en: "Anything else?" } },
      ],
      trigger: { pages: ["/checkout/thank-you*"], ...TRIGGER },
    });
    const { page, context, errors } = await watch();
    await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${site.key}`);
    await visible(page);
    await page.getByRole("button", { name: "I agree" }).click();

    // CSAT: numbers with their words for screen readers; a required question says so.
    await expect.poll(() => page.getByRole("radio").count()).toBe(5);
    expect(await page.getByRole("radio", { name: "4 Satisfied", exact: true }).count()).toBe(1);
    expect(await page.getByRole("radiogroup", { name: "How satisfied are you with your order?" }).count()).toBe(1);
    await page.getByRole("button", { name: "Next" }).click();
    expect(await page.getByRole("alert").textContent()).toBe("Please answer this question.");
    expect(await panel(page).textContent()).toContain("Question 1 of 5");
    await page.getByRole("radio", { name: "4 Satisfied" }).click();
    await page.getByRole("button", { name: "Next" }).click();

    await expect.poll(() => page.getByRole("radio").count()).toBe(7);
    expect(await page.getByRole("radio", { name: "6 Easy", exact: true }).count()).toBe(1);
    await page.getByRole("radio", { name: "6 Easy" }).click();
    await page.getByRole("button", { name: "Next" }).click();

    await page.getByRole("radio", { name: "A friend" }).click();
    await page.getByRole("button", { name: "Next" }).click();

    expect(await page.getByRole("group", { name: "What should we improve?" }).count()).toBe(1);
    await page.getByRole("checkbox", { name: "Delivery" }).click();
    await page.getByRole("checkbox", { name: "Range" }).click();
    await page.getByRole("button", { name: "Next" }).click();

    const box = page.getByRole("textbox", { name: "Anything else?" });
    await box.fill("Grinder please");
    expect(await panel(page).textContent()).toContain("1986 characters left");
    expect(await box.getAttribute("maxlength")).toBe("2000");
    // Back keeps what was answered.
    await page.getByRole("button", { name: "Back" }).click();
    expect(await page.getByRole("checkbox", { name: "Range" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Next" }).click();
    expect(await page.getByRole("textbox").inputValue()).toBe("Grinder please");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("Thank you for your feedback!");

    const [stored] = await responses(site.id);
    expect(stored.answers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ question: "sat", value: 4 }),
        expect.objectContaining({ question: "effort", value: 6 }),
        expect.objectContaining({ question: "found", value: "friend" }),
        expect.objectContaining({ question: "topics", value: ["delivery", "range"] }),
        expect.objectContaining({ question: "why", value: "Grinder please" }),
      ]),
    );

    // Withdrawal: the collector deletes this respondent's answers, the device forgets the token.
    await page.getByRole("button", { name: "Withdraw consent and delete my answers" }).click();
    await expect.poll(() => panel(page).textContent()).toContain("Your answers have been deleted.");
    expect(await responses(site.id)).toEqual([]);
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith("fb_rt") || k.startsWith("fb_consent")),
      ),
    ).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
