/** Small WebCrypto helpers: hashes, random ids and tokens (nanoid), constant-time comparison. */
import { customAlphabet, nanoid } from "nanoid";

const encoder = new TextEncoder();

export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += HEX[b];
  return s;
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

// Importing a key costs more than signing with it, and the rate limit signs every request's address
// under the same daily key: the last few imported keys are kept. Keys, not promises of them: a
// request never waits on an import another request started (and might be cancelled with).
const importedKeys = new Map<string, CryptoKey>();
const MAX_IMPORTED_KEYS = 16;

async function hmacKey(secret: string): Promise<CryptoKey> {
  const kept = importedKeys.get(secret);
  if (kept) {
    // Most recently used last: the rate limit's daily key stays while webhook secrets come and go.
    importedKeys.delete(secret);
    importedKeys.set(secret, kept);
    return kept;
  }
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.delete(importedKeys.keys().next().value!);
  importedKeys.set(secret, key);
  return key;
}

export async function hmacSha256(key: string, message: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(key), encoder.encode(message)));
}

/** A secret of `bytes` random bytes as URL-safe text (nanoid's alphabet: 6 bits a character). */
export const randomToken = (bytes = 32): string => nanoid(Math.ceil((bytes * 8) / 6));

const lowerAlphanumeric = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 16);
/** Short random id with a readable prefix, e.g. `site_k3j…` (16 characters of [0-9a-z]: 82 bits). */
export const newId = (prefix: string, length = 16): string => `${prefix}_${lowerAlphanumeric(length)}`;

export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}
