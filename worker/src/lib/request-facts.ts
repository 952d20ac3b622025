/** Facts derived from a request without keeping personal data: device class, page without query. */
import type { DeviceClass } from "../../../shared/constants";

/** Reduces the user agent to a device class; the user agent itself is never stored. */
export function deviceClass(headers: Headers): DeviceClass {
  if (headers.get("sec-ch-ua-mobile") === "?1") return "mobile";
  const ua = headers.get("user-agent") ?? "";
  if (!ua) return "unknown";
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(ua)) return "tablet";
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(ua)) return "mobile";
  return "desktop";
}

/** `https://shop.example/cart?coupon=X#top` → `https://shop.example/cart`; null when not an http(s) URL. */
export function pageWithoutQuery(page: string | undefined): string | null | undefined {
  if (page === undefined || page === "") return undefined;
  try {
    const u = new URL(page);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return `${u.origin}${u.pathname}`;
  } catch {
    return null;
  }
}

/** The languages of an Accept-Language header, most wanted first (`ro-RO,ro;q=0.9,en;q=0.8` → ro-RO, ro, en). */
export function acceptedLanguages(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.tag && l.tag !== "*" && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}
