/** Random ids from crypto.getRandomValues. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** A random id over [A-Za-z0-9_-] (21 characters: the contract's client id; 32 for respondent tokens). */
export function randomId(length = 21): string {
  let id = "";
  for (const b of crypto.getRandomValues(new Uint8Array(length))) id += ALPHABET[b & 63];
  return id;
}
