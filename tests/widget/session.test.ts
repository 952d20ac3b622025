import { afterEach, describe, expect, it, vi } from "vitest";
import { CLIENT_ID_PATTERN } from "../../shared/constants";
import { SendResult } from "../../widget/src/api";
import { hasConsent } from "../../widget/src/consent";
import type { Session } from "../../widget/src/contract";
import { deadKey, outboxKey } from "../../widget/src/queue";
import {
  CONSENT_TEXT_VERSION,
  cleanContext,
  forget,
  giveConsent,
  pageOf,
  sendPart,
  startResponse,
} from "../../widget/src/session";
import { coveredBottom } from "../../widget/src/viewport";

function fakeSession(over: Partial<Session> = {}) {
  const store = new Map<string, unknown>();
  const sent: { id: string; body: any }[] = [];
  const posted: { path: string; body: any }[] = [];
  const session: Session = {
    base: "https://c.example",
    site: "pk_site",
    policyVersion: "2026-11-01",
    locale: "ro",
    context: () => ({ productId: "sku-77" }),
    send: async (id, body) => {
      sent.push({ id, body });
      return "sent";
    },
    post: async (path, body) => {
      posted.push({ path, body });
      return SendResult.Ok;
    },
    read: <T>(k: string) => (store.get(k) ?? null) as T | null,
    write: (k, v) => {
      if (v === null) store.delete(k);
      else store.set(k, v);
      return true;
    },
    emit: () => {},
    sender: () => Promise.reject(new Error("not in these tests")),
    ...over,
  };
  return { session, store, sent, posted };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("consent and respondent token", () => {
  it("before 'I agree' › nothing stored; after › a random token of ≥ 22 URL-safe chars and the policy version", () => {
    const { session, store } = fakeSession();
    expect(hasConsent(session)).toBe(false);
    expect(store.size).toBe(0);
    giveConsent(session);
    const token = store.get("fb_rt:pk_site") as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(store.get("fb_consent:pk_site")).toBe("2026-11-01");
    expect(hasConsent(session)).toBe(true);
    giveConsent(session);
    expect(store.get("fb_rt:pk_site")).toBe(token);
    const other = fakeSession();
    giveConsent(other.session);
    expect(other.store.get("fb_rt:pk_site")).not.toBe(token);
  });

  it("a new policy version › asks again", () => {
    const { session, store } = fakeSession();
    giveConsent(session);
    expect(hasConsent({ ...session, policyVersion: "2027-01-01" })).toBe(false);
    expect(store.get("fb_rt:pk_site")).toBeDefined();
  });

  it("a response in parts › a fresh 21-character id shared by its parts; page without query or fragment", async () => {
    vi.stubGlobal("location", { origin: "https://shop.example", pathname: "/checkout/thank-you" });
    const { session, sent, store } = fakeSession();
    giveConsent(session);
    const draft = startResponse(session, { id: "s_1", version: 3 }, "widget");
    const other = startResponse(session, { id: "s_1", version: 3 }, "qr");
    await sendPart(session, draft, { nps: 9 }, false);
    await sendPart(session, draft, { nps: 9, why: "Livrare rapidă", topics: ["delivery"] }, true);
    expect(draft.id).toMatch(CLIENT_ID_PATTERN);
    expect(other.id).not.toBe(draft.id);
    const [first, last] = sent;
    expect(first!.id).toBe(draft.id);
    expect(last!.id).toBe(draft.id);
    expect(first!.body).toMatchObject({ complete: false, answers: [{ question: "nps", value: 9 }] });
    expect(last!.body).toEqual({
      id: draft.id,
      site: "pk_site",
      survey: "s_1",
      version: 3,
      respondent: store.get("fb_rt:pk_site"),
      consent: { granted: true, policy: "2026-11-01", text: CONSENT_TEXT_VERSION },
      locale: "ro",
      page: "https://shop.example/checkout/thank-you",
      channel: "widget",
      context: { productId: "sku-77" },
      complete: true,
      answers: [
        { question: "nps", value: 9 },
        { question: "why", value: "Livrare rapidă" },
        { question: "topics", value: ["delivery"] },
      ],
    });
  });

  it("pageOf › origin and path only: coupons, emails and tokens in the query or fragment never leave the page", () => {
    const url = new URL("https://shop.example/cart/?coupon=X&email=a%40b.c#token=1");
    expect(pageOf(url)).toBe("https://shop.example/cart/");
  });

  it("cleanContext › keeps the contract's limits so that an odd attribute never gets the answer refused", () => {
    expect(cleanContext({})).toBeUndefined();
    expect(cleanContext({ "bad key": "x", ok_1: 42, long: "y".repeat(150), none: null })).toEqual({
      ok_1: "42",
      long: "y".repeat(100),
    });
    expect(
      Object.keys(cleanContext(Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, "v"])))!),
    ).toHaveLength(10);
  });
});

describe("forget", () => {
  it("drops this respondent's queued answers first, then asks the collector, then removes the token", async () => {
    const { session, store, posted } = fakeSession();
    giveConsent(session);
    const me = store.get("fb_rt:pk_site");
    const key = outboxKey(session.base);
    store.set(key, [
      { id: "a", body: { respondent: me }, tries: 1, due: 0 },
      { id: "b", body: { respondent: "someone-else-on-another-site" }, tries: 0, due: 0 },
    ]);
    store.set(deadKey(session.base), [{ id: "c", body: { respondent: me }, tries: 0, due: 0 }]);
    expect(await forget(session)).toBe(true);
    expect(posted).toEqual([{ path: "/v1/forget", body: { site: "pk_site", respondent: me } }]);
    expect((store.get(key) as { id: string }[]).map((i) => i.id)).toEqual(["b"]);
    expect(store.has(deadKey(session.base))).toBe(false);
    expect(store.has("fb_rt:pk_site")).toBe(false);
    expect(hasConsent(session)).toBe(false);
  });

  it("when the collector is unreachable › reports failure and keeps the token to try again", async () => {
    const { session, store } = fakeSession({ post: async () => SendResult.Retry });
    giveConsent(session);
    expect(await forget(session)).toBe(false);
    expect(store.has("fb_rt:pk_site")).toBe(true);
  });
});

describe("on-screen keyboard", () => {
  it("coveredBottom › the height the visual viewport lost at the bottom, never negative", () => {
    expect(coveredBottom(640, { height: 640, offsetTop: 0 })).toBe(0);
    expect(coveredBottom(640, { height: 340, offsetTop: 0 })).toBe(300);
    expect(coveredBottom(640, { height: 340, offsetTop: 100 })).toBe(200);
    expect(coveredBottom(640, { height: 700, offsetTop: 0 })).toBe(0);
  });
});
