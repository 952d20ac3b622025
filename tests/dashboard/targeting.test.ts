/** The survey editor's targeting in plain words (dashboard/src/editor/targeting): pure functions, no DOM. */
import { describe, expect, it } from "vitest";
import { conditionValue } from "../../dashboard/src/editor/targeting/conditions";
import { targetingSummary } from "../../dashboard/src/editor/targeting/summary";
import { triggerSchema } from "../../shared/schemas";

const trigger = (t: Record<string, unknown>) => triggerSchema.parse({ cooldownDays: 14, ...t });

describe("targetingSummary", () => {
  it("the issue's example › 20% of returning visitors on phones, at most once every 14 days", () => {
    expect(targetingSummary(trigger({ sample: 0.2, visitors: "returning", devices: ["phone"] }))).toBe(
      "Shown to 20% of returning visitors on phones, at most once every 14 days.",
    );
  });

  it("every rule that is set says itself; defaults say nothing", () => {
    expect(targetingSummary(trigger({}))).toBe("Shown to every visitor, at most once every 14 days.");
    const all = trigger({
      pages: ["/products/*", "/cart"],
      excludePages: ["/account*"],
      devices: ["phone", "tablet"],
      visitors: "new",
      language: "translated",
      event: { name: "added_to_cart", times: 2 },
      context: [
        { key: "cartValue", op: "gt", value: 50 },
        { key: "productId", op: "in", value: ["sku-1", "sku-2"] },
      ],
      delaySeconds: 5,
      askAgain: "unanswered",
      cooldownDays: 0,
    });
    expect(
      targetingSummary(all, { startsAt: "2026-12-01T00:00:00Z", endsAt: "2026-12-31T23:59:59Z", maxResponses: 500 }),
    ).toBe(
      "Shown to every new visitor on phones and tablets who read one of its languages, on /products/* or /cart, " +
        'except /account*, the 2nd time the page reports "added_to_cart", when cartValue is more than 50 and ' +
        "productId is one of sku-1, sku-2, after 5 s, on every visit, and never again once answered, " +
        "from 1 Dec 2026, until 31 Dec 2026, until 500 completed responses.",
    );
  });
});

describe("conditionValue", () => {
  it("numbers where the operator compares them, lists for 'is one of', text otherwise", () => {
    expect(conditionValue("gt", "50")).toBe(50);
    expect(conditionValue("eq", "gold")).toBe("gold");
    expect(conditionValue("eq", "42")).toBe(42);
    expect(conditionValue("eq", "sku-1")).toBe("sku-1");
    expect(conditionValue("in", "sku-1, sku-2, ,3")).toEqual(["sku-1", "sku-2", 3]);
  });
});
