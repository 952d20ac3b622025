/**
 * The pure pieces of the channels: the hosted page's address, the email snippet's HTML, and the
 * README's Node snippet, which must sign exactly as the collector verifies.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
// @ts-expect-error: a plain ES module for shops' back ends, without types
import { surveyLink } from "../../docs/examples/mint-link.mjs";
import { npsEmailSnippet } from "../../shared/email-snippet";
import { hostedUrl } from "../../shared/hosted-url";
import { checkSignature, signLink } from "../../worker/src/lib/link-signature";
import { acceptedLanguages } from "../../worker/src/lib/request-facts";

const ROOT = join(__dirname, "..", "..");

describe("hosted page address", () => {
  it("hostedUrl › context, answers, channel (not link), language, signature; encoded, braces kept", () => {
    expect(hostedUrl("https://c.example/", "pk_1", "srv_1")).toBe("https://c.example/s/pk_1/srv_1");
    expect(
      hostedUrl("https://c.example", "pk_1", "srv_1", {
        context: { orderId: "A 1/2&x", store: "{{store}}" },
        answers: { nps: "9" },
        channel: "email",
        lang: "ro",
        sig: "123.abc",
      }),
    ).toBe(
      "https://c.example/s/pk_1/srv_1?ctx.orderId=A%201%2F2%26x&ctx.store={{store}}&a.nps=9" +
        "&channel=email&lang=ro&sig=123.abc",
    );
    expect(hostedUrl("https://c.example", "pk_1", "srv_1", { channel: "link" })).toBe("https://c.example/s/pk_1/srv_1");
  });

  it("Accept-Language › by weight, then by order; q=0 and * left out", () => {
    expect(acceptedLanguages("ro-RO,ro;q=0.9,en-US;q=0.8,en;q=0.7")).toEqual(["ro-RO", "ro", "en-US", "en"]);
    expect(acceptedLanguages("de;q=0.5, fr, *;q=0.1, pl;q=0")).toEqual(["fr", "de"]);
    expect(acceptedLanguages(null)).toEqual([]);
  });
});

describe("email snippet", () => {
  const base = {
    base: "https://c.example",
    siteKey: "pk_1",
    surveyId: "srv_1",
    question: { id: "nps", text: "Would you recommend <Coffee & Co>?" },
    low: "Not at all likely",
    high: "Extremely likely",
    accent: "#0a7cff",
    lang: "en",
  };

  it("eleven score links 0–10 to the hosted page, the placeholder kept for the email tool, email-safe markup", () => {
    const html = npsEmailSnippet({ ...base, context: { key: "orderId", placeholder: "{{order_id}}" } });
    const links = [...html.matchAll(/<a href="([^"]+)"[^>]*>(\d+)<\/a>/g)];
    expect(links.map((m) => m[2])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(links[9]![1]).toBe(
      "https://c.example/s/pk_1/srv_1?ctx.orderId={{order_id}}&amp;a.nps=9&amp;channel=email&amp;lang=en",
    );
    expect(html).toContain("Would you recommend &lt;Coffee &amp; Co&gt;?");
    expect(html).not.toMatch(/<script|<style|<link|<img|\sclass=|<div/i);
    expect(html.match(/<table /g)).toHaveLength(3);
    // Every element that draws carries its look in its own attributes.
    for (const a of html.match(/<a [^>]+>/g)!) expect(a).toMatch(/style="display:block;[^"]+color:#\w{6};/);
  });

  it("a survey of signed links › each score adds its answer to the shop's minted link", () => {
    const html = npsEmailSnippet({ ...base, signedLink: "{{ feedback_link }}" });
    expect(html).toContain('href="{{ feedback_link }}&amp;a.nps=0"');
    expect(html).toContain('href="{{ feedback_link }}&amp;a.nps=10"');
  });
});

describe("README's Node snippet for minting links", () => {
  afterEach(() => vi.useRealTimers());

  it("is in the README as it is in docs/examples, and signs exactly as the collector verifies", async () => {
    const example = readFileSync(join(ROOT, "docs", "examples", "mint-link.mjs"), "utf8").trim();
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain(example);
    vi.useFakeTimers({ now: Date.parse("2026-12-01T10:00:00Z"), toFake: ["Date"] });
    const context = { orderId: "A-1042", productId: "sku-77" };
    const link = new URL(
      surveyLink({
        collector: "https://c.example",
        siteKey: "pk_1",
        surveyId: "srv_1",
        secret: "lsec_x",
        context,
        days: 30,
      }),
    );
    const expiry = Date.parse("2026-12-31T10:00:00Z") / 1000;
    expect(link.searchParams.get("sig")).toBe(await signLink("lsec_x", "pk_1", "srv_1", context, expiry));
    expect(link.searchParams.get("ctx.orderId")).toBe("A-1042");
    const check = (sig: string | null, now: number) =>
      checkSignature(["lsec_x"], { siteKey: "pk_1", surveyId: "srv_1", context }, sig ?? undefined, now);
    expect(await check(link.searchParams.get("sig"), expiry)).toBe("valid");
    expect(await check(link.searchParams.get("sig"), expiry + 1)).toBe("expired");
    expect(await check(link.searchParams.get("sig")!.replace(/.$/, "x"), expiry)).toBe("invalid");
  });
});
