/**
 * Where a webhook may point: `https:` to a public host. The collector posts wherever an owner says,
 * so a webhook into a private network would let anyone with a site reach machines its operator never
 * meant to expose (SSRF). Refused: literal loopback, private, link-local, shared, documentation,
 * multicast and reserved addresses, in IPv4 and IPv6 (IPv4-mapped and -compatible forms too, and the
 * IPv4 inside NAT64 and 6to4 addresses), and local names (`localhost`, one-label names, `.local`,
 * `.internal`, `.home.arpa`). The URL parser has already turned `0x7f.1`, `2130706433` or `127.1` into
 * `127.0.0.1`, so these are caught as well.
 *
 * A Worker cannot resolve a name before fetching it, so a public name pointing at a private address is
 * not caught here; such a request still leaves from Cloudflare's network, never from the operator's,
 * and a redirect is never followed (webhooks-delivery.ts).
 *
 * `WEBHOOK_DEV_ORIGINS` (ignored in production) lists exact origins allowed anyway: a receiver on the
 * developer's own machine, such as the tests' (`http://127.0.0.1:PORT`).
 */
import type { Env } from "../env";

type Cidr4 = [number, number, number, number, number];

/** IPv4 ranges that are not the public Internet (RFC 6890 and its updates), with why. */
const IPV4_REFUSED: [Cidr4, string][] = [
  [[0, 0, 0, 0, 8], "a reserved address"],
  [[10, 0, 0, 0, 8], "a private address"],
  [[100, 64, 0, 0, 10], "a shared (carrier-grade NAT) address"],
  [[127, 0, 0, 0, 8], "a loopback address"],
  [[169, 254, 0, 0, 16], "a link-local address"],
  [[172, 16, 0, 0, 12], "a private address"],
  [[192, 0, 0, 0, 24], "a reserved address"],
  [[192, 0, 2, 0, 24], "a documentation address"],
  [[192, 88, 99, 0, 24], "a reserved address"],
  [[192, 168, 0, 0, 16], "a private address"],
  [[198, 18, 0, 0, 15], "a reserved address"],
  [[198, 51, 100, 0, 24], "a documentation address"],
  [[203, 0, 113, 0, 24], "a documentation address"],
  [[224, 0, 0, 0, 4], "a multicast address"],
  [[240, 0, 0, 0, 4], "a reserved address"],
];

const LOCAL_SUFFIXES = [".localhost", ".local", ".localdomain", ".internal", ".home.arpa", ".lan"];

function ipv4Value(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Why an IPv4 address (a 32-bit value) is not public, or null when it is. */
function ipv4Problem(value: number): string | null {
  for (const [[a, b, c, d, bits], why] of IPV4_REFUSED) {
    const base = ((a * 256 + b) * 256 + c) * 256 + d;
    const size = 2 ** (32 - bits);
    if (value >= base && value < base + size) return why;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (with or without a dotted IPv4 tail), or null. */
function ipv6Groups(text: string): number[] | null {
  let body = text;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const v4 = ipv4Value(dotted[1]!);
    if (v4 === null) return null;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    body = `${body.slice(0, -dotted[1]!.length)}0`; // a placeholder group, replaced below
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) =>
    s === "" ? [] : s.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (tail.length) (rest.length ? rest : head).pop();
  const given = [...head, ...rest, ...tail];
  if (given.some(Number.isNaN)) return null;
  if (halves.length === 1) return given.length === 8 ? given : null;
  if (given.length > 7) return null;
  return [...head, ...new Array(8 - given.length).fill(0), ...rest, ...tail];
}

/** Why an IPv6 address is not public, or null when it is. */
function ipv6Problem(g: number[]): string | null {
  const v4At = (hi: number) => ipv4Problem(g[hi]! * 65536 + g[hi + 1]!);
  if (g.slice(0, 5).every((x) => x === 0)) {
    if (g.slice(5).every((x) => x === 0)) return "the unspecified address";
    if (g[5] === 0 && g[6] === 0 && g[7] === 1) return "a loopback address";
    return "an IPv4-mapped or IPv4-compatible address";
  }
  if (g[0] === 0x64 && g[1] === 0xff9b) {
    if (g[2] !== 0) return "a local NAT64 address";
    return v4At(6) && `a NAT64 form of ${v4At(6)}`;
  }
  if (g[0] === 0x2002) return v4At(1) && `a 6to4 form of ${v4At(1)}`;
  if (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return "a discard address";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "a documentation address";
  if (g[0] === 0x2001 && g[1] === 0) return "a Teredo address";
  if ((g[0]! & 0xfe00) === 0xfc00) return "a private (unique local) address";
  if ((g[0]! & 0xffc0) === 0xfe80) return "a link-local address";
  if ((g[0]! & 0xffc0) === 0xfec0) return "a site-local address";
  if ((g[0]! & 0xff00) === 0xff00) return "a multicast address";
  return null;
}

/** Why `hostname` (as the URL parser gives it) is not a public host, or null when it is. */
function hostProblem(hostname: string): string | null {
  if (hostname.startsWith("[")) {
    const groups = ipv6Groups(hostname.slice(1, -1));
    return groups ? ipv6Problem(groups) : "an address that cannot be read";
  }
  const v4 = ipv4Value(hostname);
  if (v4 !== null) return ipv4Problem(v4);
  const name = hostname.replace(/\.+$/, "").toLowerCase();
  if (name === "localhost" || LOCAL_SUFFIXES.some((s) => name.endsWith(s))) return "a local name";
  if (!name.includes(".")) return "a name without a domain";
  return null;
}

/** Origins allowed though local (development and tests only). */
const devOrigins = (env: Pick<Env, "WEBHOOK_DEV_ORIGINS" | "ENVIRONMENT">) =>
  env.ENVIRONMENT === "production"
    ? []
    : (env.WEBHOOK_DEV_ORIGINS ?? "")
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean);

/** What is wrong with a webhook URL (a sentence for the owner), or null when it may be used. */
export function webhookUrlProblem(url: string, env: Pick<Env, "WEBHOOK_DEV_ORIGINS" | "ENVIRONMENT">): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "must be an absolute https URL";
  }
  if (devOrigins(env).includes(u.origin)) return null;
  if (u.protocol !== "https:") return "must be an https URL";
  const problem = hostProblem(u.hostname);
  return problem ? `must point to a public host, not ${problem}` : null;
}
