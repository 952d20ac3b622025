/**
 * Links an owner enters that customers' browsers open (the site's privacy policy): `https:`, or
 * `http:` on the owner's own machine while trying the collector out. Never `javascript:`, `data:`
 * or any other scheme: the widget draws the link on shop pages. Zod-free (the widget may use it).
 */
const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** Whether `url` is on the machine itself (the owner trying the collector out). */
export const isLocalHost = (url: URL): boolean => LOCAL_HOSTS.includes(url.hostname);

/** Whether `url` may be drawn as a link for customers. */
export function isCustomerLink(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === "https:") return true;
  return u.protocol === "http:" && isLocalHost(u);
}

/** `url` when it may be drawn for customers, else null (a link stored before the rule, say). */
export const customerLink = (url: string | null | undefined): string | null =>
  url && isCustomerLink(url) ? url : null;
