/**
 * Password hashing with PBKDF2-SHA256 through WebCrypto. 100,000 iterations is the most the Workers
 * runtime allows (OWASP asks 600,000 for SHA-256); each hash records its parameters, and a login
 * rehashes a password stored with fewer iterations than PBKDF2_ITERATIONS, so raising it upgrades
 * every account at its next sign-in.
 * Format: `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>` (scripts/lib/seed.mjs writes the same).
 */
import { PBKDF2_ITERATIONS } from "../../../shared/constants";
import { fromBase64Url, timingSafeEqual, toBase64Url } from "../lib/crypto";

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iter || !salt || !hash) return false;
  const derived = await derive(password, fromBase64Url(salt), Number(iter));
  return timingSafeEqual(toBase64Url(derived), hash);
}

/** Whether a stored hash was made with weaker parameters than the current ones. */
export function needsRehash(stored: string): boolean {
  const [scheme, iter] = stored.split("$");
  return scheme !== "pbkdf2-sha256" || !(Number(iter) >= PBKDF2_ITERATIONS);
}

/** A fixed hash to verify against when the account does not exist, so timing does not reveal it. */
export const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
