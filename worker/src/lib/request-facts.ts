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
