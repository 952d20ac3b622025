/**
 * The loader's decision of which surveys may open for a visitor on a page (widget/src/triggers.ts)
 * and the visitor state it keeps (widget/src/visitor.ts): pure functions, no browser.
 */
import { describe, expect, it } from "vitest";
import { triggerSchema } from "../../shared/schemas";
import type { ConfigSurvey } from "../../shared/types";
import { deviceOf, inCooldown, mayOpen, type Visitor } from "../../widget/src/triggers";
import { campaignOf, nextVisit, type VisitorState } from "../../widget/src/visitor";

const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 864e5;

const survey = (id: string, trigger: Record<string, unknown> = {}): ConfigSurvey =>
  ({ id, trigger: triggerSchema.parse({ pages: ["*"], cooldownDays: 30, ...trigger }) }) as ConfigSurvey;

const state = (over: Partial<VisitorState> = {}): VisitorState => ({
  n: 2,
  t: NOW,
  utm: {},
  ev: {},
  draw: {},
  seen: {},
  done: {},
  last: {},
  ...over,
});

const visitor = (over: Partial<Visitor> = {}, me: Partial<VisitorState> = {}): Visitor => ({
  path: "/products/grinder",
  now: NOW,
  device: "desktop",
  context: {},
  me: state(me),
  ...over,
});

describe("mayOpen › each rule of the trigger", () => {
  it("pages and excludePages › exclude wins over include", () => {
    const s = survey("s", { pages: ["/products/*"], excludePages: ["/products/gift*"] });
    expect(mayOpen(s, visitor())).toBe(true);
    expect(mayOpen(s, visitor({ path: "/products/gift-card" }))).toBe(false);
    expect(mayOpen(s, visitor({ path: "/cart" }))).toBe(false);
  });

  it("cooldown › held back for cooldownDays after it was shown; askAgain unanswered › never after completion", () => {
    const s = survey("s", { cooldownDays: 30 });
    expect(mayOpen(s, visitor({}, { seen: { s: NOW - 29 * DAY } }))).toBe(false);
    expect(mayOpen(s, visitor({}, { seen: { s: NOW - 31 * DAY } }))).toBe(true);
    expect(mayOpen(s, visitor({}, { seen: { s: NOW - 31 * DAY }, done: { s: 1 } }))).toBe(true);
    const once = survey("s", { cooldownDays: 30, askAgain: "unanswered" });
    expect(mayOpen(once, visitor({}, { seen: { s: NOW - 31 * DAY }, done: { s: 1 } }))).toBe(false);
    expect(mayOpen(once, visitor({}, { seen: { s: NOW - 31 * DAY } }))).toBe(true);
  });

  it("devices › only the listed ones; absent › all", () => {
    const phones = survey("s", { devices: ["phone", "tablet"] });
    expect(mayOpen(phones, visitor({ device: "phone" }))).toBe(true);
    expect(mayOpen(phones, visitor({ device: "tablet" }))).toBe(true);
    expect(mayOpen(phones, visitor({ device: "desktop" }))).toBe(false);
    expect(mayOpen(survey("s"), visitor({ device: "phone" }))).toBe(true);
    expect(deviceOf(false, 400)).toBe("desktop");
    expect(deviceOf(true, 390)).toBe("phone");
    expect(deviceOf(true, 820)).toBe("tablet");
  });

  it("visitors › new only during the first visit, returning only after it", () => {
    for (const [visitors, first, later] of [
      ["all", true, true],
      ["new", true, false],
      ["returning", false, true],
    ] as const) {
      const s = survey("s", { visitors });
      expect(mayOpen(s, visitor({}, { n: 1 })), `${visitors} first`).toBe(first);
      expect(mayOpen(s, visitor({}, { n: 3 })), `${visitors} later`).toBe(later);
    }
  });

  it("event › opens at the Nth time in the visit, not before", () => {
    const s = survey("s", { event: { name: "added_to_cart", times: 2 } });
    expect(mayOpen(s, visitor())).toBe(false);
    expect(mayOpen(s, visitor({}, { ev: { added_to_cart: 1 } }))).toBe(false);
    expect(mayOpen(s, visitor({}, { ev: { added_to_cart: 2 } }))).toBe(true);
    expect(mayOpen(s, visitor({}, { ev: { other: 5 } }))).toBe(false);
  });

  it("context › every condition must hold; numbers compared as numbers; a missing key holds nothing", () => {
    const s = survey("s", {
      context: [
        { key: "cartValue", op: "gt", value: 50 },
        { key: "productId", op: "in", value: ["sku-1", "sku-2"] },
      ],
    });
    expect(mayOpen(s, visitor({ context: { cartValue: "62.50", productId: "sku-2" } }))).toBe(true);
    // As text "9" > "50"; as numbers it is not.
    expect(mayOpen(s, visitor({ context: { cartValue: "9", productId: "sku-2" } }))).toBe(false);
    expect(mayOpen(s, visitor({ context: { cartValue: "62.50", productId: "sku-3" } }))).toBe(false);
    expect(mayOpen(s, visitor({ context: { productId: "sku-1" } }))).toBe(false);
    const ops = (op: string, value: unknown, raw: string) =>
      mayOpen(survey("s", { context: [{ key: "k", op, value }] }), visitor({ context: { k: raw } }));
    expect([ops("eq", "gold", "gold"), ops("eq", "gold", "silver"), ops("neq", "gold", "silver")]).toEqual([
      true,
      false,
      true,
    ]);
    expect([ops("lt", 10, "9.5"), ops("lte", 10, "10"), ops("gte", 10, "10"), ops("gt", 10, "10")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect([ops("gt", 10, "lots"), ops("eq", 3, "3"), ops("in", [1, 2, 3], "2")]).toEqual([false, true, true]);
  });
});

describe("sampling › per visitor, stable", () => {
  it("10,000 visitors › share asked within 2 points of the setting; each keeps their answer on every page", () => {
    for (const sample of [0.1, 0.25, 0.5]) {
      const s = survey("s", { sample });
      let asked = 0;
      for (let i = 0; i < 10_000; i++) {
        const me = state();
        const first = mayOpen(s, visitor({}, me));
        // The same visitor on four more pages (and later visits): the draw is made once and kept.
        for (const path of ["/a", "/b", "/c", "/d"]) {
          expect(mayOpen(s, { ...visitor({ path }), me })).toBe(first);
        }
        if (first) asked++;
      }
      expect(Math.abs((100 * asked) / 10_000 - 100 * sample), `sample ${sample}`).toBeLessThanOrEqual(2);
    }
  });

  it("a draw is made only for a survey that could otherwise open (nothing kept for other pages' surveys)", () => {
    const me = state();
    mayOpen(survey("elsewhere", { pages: ["/checkout*"], sample: 0.5 }), visitor({}, me));
    expect(me.draw).toEqual({});
    mayOpen(survey("here", { sample: 0.5 }), { ...visitor(), me });
    expect(Object.keys(me.draw)).toEqual(["here"]);
  });
});

describe("evaluation over all surveys", () => {
  it("in priority order, one that cannot open (sampled out, wrong device, event not seen) keeps no other back", () => {
    const surveys = [
      survey("sampled-out", { sample: 0.5 }),
      survey("phones", { devices: ["phone"] }),
      survey("on-event", { event: { name: "checkout" } }),
      survey("open-1"),
      survey("open-2"),
    ];
    const v = visitor({}, { draw: { "sampled-out": 0.9 } });
    expect(surveys.filter((s) => mayOpen(s, v)).map((s) => s.id)).toEqual(["open-1", "open-2"]);
  });

  it("fatigue › no survey for fatigueDays after any was shown; 0 turns it off", () => {
    const last = NOW - 13 * DAY;
    expect(inCooldown(last, 14, NOW)).toBe(true);
    expect(inCooldown(last, 14, NOW + 2 * DAY)).toBe(false);
    expect(inCooldown(last, 0, NOW)).toBe(false);
    expect(inCooldown(undefined, 14, NOW)).toBe(false);
  });
});

describe("visits", () => {
  it("a new visit after 30 minutes without a page load; its landing page's campaign and events are its own", () => {
    const first = nextVisit(null, NOW, "?utm_source=news&utm_medium=email&utm_campaign=dec&coupon=X&email=a@b.c");
    expect(first).toMatchObject({ n: 1, utm: { utm_source: "news", utm_medium: "email", utm_campaign: "dec" } });
    first.ev.added_to_cart = 2;
    first.draw.s = 0.3;
    const samePage = nextVisit(first, NOW + 29 * 60e3, "?utm_source=other");
    expect(samePage).toMatchObject({ n: 1, utm: { utm_source: "news" }, ev: { added_to_cart: 2 } });
    const next = nextVisit(samePage, NOW + 29 * 60e3 + 31 * 60e3, "");
    expect(next).toMatchObject({ n: 2, utm: {}, ev: {}, draw: { s: 0.3 } });
  });

  it("campaignOf › the three utm_ parameters and nothing else of the URL", () => {
    expect(campaignOf("?utm_campaign=black%20friday&gclid=abc&utm_term=x")).toEqual({ utm_campaign: "black friday" });
    expect(campaignOf("")).toEqual({});
  });
});
