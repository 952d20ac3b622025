/**
 * Signatures of the hosted survey page's links: `sig = <expiry>.<mac>`, where expiry is in Unix
 * seconds and mac is base64url(HMAC-SHA256(secret, payload)) over
 *
 *   "v1" \n siteKey \n surveyId \n expiry \n JSON of the context's [key, value] pairs sorted by key
 *
 * The format is public (README: shops mint links in their own back end with the site's secret), so
 * it must never change meaning: a new format gets a new version word. The prefilled answer, the
 * channel and the language are left out on purpose: an email may add `a.nps=9` to a minted link.
 */
import { fromBase64Url, hmacSha256, toBase64Url } from "./crypto";

const SIG = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** The signed text of a link. Keys sorted by UTF-16 code units, as JavaScript's default sort does. */
function signedPayload(siteKey: string, surveyId: string, context: Record<string, string>, expiry: number) {
  const pairs = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return ["v1", siteKey, surveyId, String(expiry), JSON.stringify(pairs)].join("\n");
}

export async function signLink(
  secret: string,
  siteKey: string,
  surveyId: string,
  context: Record<string, string>,
  expiry: number,
): Promise<string> {
  return `${expiry}.${toBase64Url(await hmacSha256(secret, signedPayload(siteKey, surveyId, context, expiry)))}`;
}

/** A signature made with one of the secrets and still valid, made with one but past its expiry, or not ours. */
export type SignatureCheck = "valid" | "expired" | "invalid";

/**
 * Checks `sig` against each secret (the current one, and the previous during a rollover). The MAC is
 * checked before the expiry, so a forged signature reads as invalid whatever expiry it claims.
 */
export async function checkSignature(
  secrets: readonly string[],
  link: { siteKey: string; surveyId: string; context: Record<string, string> },
  sig: string | undefined,
  nowSeconds: number,
): Promise<SignatureCheck> {
  const m = sig ? SIG.exec(sig) : null;
  if (!m) return "invalid";
  const expiry = Number(m[1]);
  const given = fromBase64Url(m[2]!);
  const payload = signedPayload(link.siteKey, link.surveyId, link.context, expiry);
  for (const secret of secrets) {
    if (sameBytes(await hmacSha256(secret, payload), given)) return expiry >= nowSeconds ? "valid" : "expired";
  }
  return "invalid";
}

/** Constant time in the bytes compared: the MAC must not leak through timing. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
