import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { pickLocale } from "../../shared/locale";
import { localizedText } from "../../shared/localized";
import { contrast, readable, themeColors } from "../../shared/theme";
import { classify, SendResult } from "../../widget/src/api";
import { STRINGS } from "../../widget/src/i18n";
import { en } from "../../widget/src/i18n/en";
import { backoff } from "../../widget/src/queue";
import { inCooldown, pageMatches } from "../../widget/src/triggers";

describe("locales", () => {
  it("every built-in locale › should have every key of English, non-empty, with the same placeholders", () => {
    expect(Object.keys(STRINGS).sort()).toEqual(["ar", "cs", "de", "en", "es", "fr", "he", "hy", "pl", "ro"]);
    for (const [locale, strings] of Object.entries(STRINGS)) {
      for (const [key, value] of Object.entries(en)) {
        const other = (strings as unknown as Record<string, unknown>)[key];
        expect(other, `${locale}.${key}`).toBeDefined();
        if (typeof value === "string") {
          expect((other as string).length, `${locale}.${key}`).toBeGreaterThan(0);
          expect((other as string).match(/\{\w+\}/g) ?? [], `${locale}.${key}`).toEqual(value.match(/\{\w+\}/g) ?? []);
        } else {
          expect((other as string[]).length, `${locale}.${key}`).toBe((value as string[]).length);
        }
      }
    }
    expect(STRINGS.ar!.dir).toBe("rtl");
    expect(STRINGS.he!.dir).toBe("rtl");
    expect(STRINGS.ro!.agree).toBe("Sunt de acord");
  });

  it("pickLocale › data-locale, then <html lang>, then the browser; English fallback", () => {
    expect(pickLocale(["ro", "en", "pl"])).toBe("ro");
    expect(pickLocale([null, "cs-CZ", "en"])).toBe("cs");
    expect(pickLocale([undefined, "", "hy-AM"])).toBe("hy");
    expect(pickLocale(["xx", "zz"])).toBe("en");
    expect(localizedText({ en: "Hi", ro: "Salut" }, "ro")).toBe("Salut");
    expect(localizedText({ en: "Hi", pt: "Olá" }, "pt-BR")).toBe("Olá");
    expect(localizedText({ en: "Hi" }, "pl")).toBe("Hi");
    expect(localizedText({ de: "Hallo" }, "pl")).toBe("Hallo");
    expect(localizedText({ de: "", en: "" }, "pl", "fallback")).toBe("fallback");
    expect(localizedText(undefined, "pl")).toBe("");
  });
});

describe("triggers", () => {
  it("page globs › should match whole paths with * as any run", () => {
    expect(pageMatches(["/checkout/thank-you*"], "/checkout/thank-you")).toBe(true);
    expect(pageMatches(["/checkout/thank-you*"], "/checkout/thank-you/42")).toBe(true);
    expect(pageMatches(["/checkout/thank-you*"], "/cart")).toBe(false);
    expect(pageMatches(["*"], "/anything")).toBe(true);
    expect(pageMatches(["/p/*/reviews"], "/p/sku-1/reviews")).toBe(true);
    expect(pageMatches(["/a.b"], "/axb")).toBe(false);
    expect(pageMatches(["/a.b"], "/a.b")).toBe(true);
    expect(pageMatches(["/p/(x)+[y]?$^|{2}\\"], "/p/(x)+[y]?$^|{2}\\")).toBe(true);
    expect(pageMatches(["/café/*"], "/café/ăș")).toBe(true);
    expect(pageMatches(["/checkout"], "/checkout/thank-you")).toBe(false);
  });

  it("cooldown › should hold back a survey seen recently", () => {
    const now = Date.UTC(2026, 10, 22);
    expect(inCooldown(null, 90, now)).toBe(false);
    expect(inCooldown(now - 89 * 864e5, 90, now)).toBe(true);
    expect(inCooldown(now - 91 * 864e5, 90, now)).toBe(false);
    expect(inCooldown(now - 1000, 0, now)).toBe(false);
  });
});

describe("delivery", () => {
  it("backoff › 3 s · 2ⁿ with ±50% jitter, capped at 10 minutes", () => {
    expect(backoff(0, () => 0)).toBe(1500);
    expect(backoff(0, () => 0.5)).toBe(3000);
    expect(backoff(2, () => 0.5)).toBe(12000);
    expect(backoff(30, () => 0.5)).toBe(600000);
  });

  it("classify › retry network-like failures, 429 and 5xx; drop other 4xx", () => {
    const { Ok, Retry, Drop } = SendResult;
    expect([201, 200, 400, 403, 404, 413, 422, 429, 500, 503].map(classify)).toEqual([
      Ok,
      Ok,
      Drop,
      Drop,
      Drop,
      Drop,
      Drop,
      Retry,
      Retry,
      Retry,
    ]);
  });

  it("accent colours › text on the accent and links keep WCAG AA contrast", () => {
    for (const accent of ["#0a7cff", "#ffeb3b", "#00c853", "#7b1fa2", "#111111", "#ff9800"]) {
      const { on, link, linkDark } = themeColors(accent);
      expect(contrast(accent, on), accent).toBeGreaterThanOrEqual(4.5);
      expect(contrast(link, "#ffffff"), accent).toBeGreaterThanOrEqual(4.5);
      expect(contrast(linkDark, "#1f2024"), accent).toBeGreaterThanOrEqual(4.5);
      expect(readable(accent, "#ffffff")).toBe(link);
    }
  });
});

describe("bundle size budgets (gzip -9)", () => {
  const dist = join(__dirname, "..", "..", "dist");
  // zlib and GNU gzip deflate the same file to sizes some 20 B apart: a budget holds for both.
  const gz = (file: string) => {
    const bytes = readFileSync(join(dist, file));
    return Math.max(gzipSync(bytes, { level: 9 }).length, execFileSync("gzip", ["-9n"], { input: bytes }).length);
  };
  beforeAll(() => {
    execFileSync(process.execPath, [join(__dirname, "..", "..", "scripts", "build-widget.mjs")], { stdio: "pipe" });
  });

  // The loader carries the look-up of the survey's fonts during the UI's download (warm-fonts.ts, some
  // 570 B) that kept the survey's first frames short; the UI lost its own (220 B) with it.
  it("loader › at most 3,100 bytes", () => {
    const loader = gz("widget.js");
    console.log(`widget.js: ${loader} B gzip`);
    expect(loader).toBeLessThanOrEqual(3100);
  });

  it("loader + UI + styles (Preact included) › at most 12,400 bytes", () => {
    const total = gz("widget.js") + gz("widget-ui.js");
    const strings = Object.keys(STRINGS).map((l) => gz(`widget-l10n-${l}.js`));
    console.log(
      `loader + UI + styles: ${total} B gzip; ` +
        `plus one locale's strings: ${Math.min(...strings)}-${Math.max(...strings)} B`,
    );
    expect(total).toBeLessThanOrEqual(12400);
  });

  it("parts fetched later › widget-send.js (at consent) ≤ 1,700 B; widget-plus.js (some surveys) ≤ 2,000 B", () => {
    const send = gz("widget-send.js");
    const plus = gz("widget-plus.js");
    const answering = gz("widget.js") + gz("widget-ui.js") + send;
    console.log(
      `widget-send.js: ${send} B; widget-plus.js: ${plus} B; a visitor who answers: ${answering} B + strings`,
    );
    expect(send).toBeLessThanOrEqual(1700);
    expect(plus).toBeLessThanOrEqual(2000);
  });

  it("the hosted survey page's own script › widget-hosted.js ≤ 1,000 B; the loader never names it", () => {
    const hosted = gz("widget-hosted.js");
    console.log(`widget-hosted.js: ${hosted} B (+ the UI, widget-plus.js and strings it preloads)`);
    expect(hosted).toBeLessThanOrEqual(1000);
    expect(readFileSync(join(dist, "widget.js"), "utf8")).not.toContain("widget-hosted");
  });

  it("content-hashed copies › each matches its SRI hash, and the pinned loader loads only hashed files", () => {
    const manifest = JSON.parse(readFileSync(join(dist, "widget-manifest.json"), "utf8"));
    for (const entry of Object.values<{ hashed: string; integrity: string }>(manifest.files)) {
      const text = readFileSync(join(dist, entry.hashed));
      expect(entry.integrity, entry.hashed).toBe(`sha384-${createHash("sha384").update(text).digest("base64")}`);
      expect(entry.hashed).toMatch(/\.[0-9a-f]{8}\.js$/);
    }
    const hashOf = (file: string) => manifest.files[file].hashed.match(/\.([0-9a-f]{8})\.js$/)[1];
    const pinned = readFileSync(join(dist, manifest.files["widget.js"].hashed), "utf8");
    expect(pinned).toContain(`"widget-ui":"${hashOf("widget-ui.js")}"`);
    expect(pinned).toContain(`"widget-l10n-ro":"${hashOf("widget-l10n-ro.js")}"`);
    expect(pinned).toContain(`"widget-send":"${hashOf("widget-send.js")}"`);
    expect(pinned).toContain(`"widget-ui":"${manifest.files["widget-ui.js"].integrity}"`);
    expect(pinned).toContain("anonymous");
    const plain = readFileSync(join(dist, "widget.js"), "utf8");
    expect(plain).toContain("widget-ui");
    expect(plain).not.toContain(hashOf("widget-ui.js"));
    expect(plain).not.toContain("integrity");
  });
});
