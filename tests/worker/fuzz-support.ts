/**
 * Shared by the property tests of POST /v1/responses and POST /v1/events: how many cases each tries
 * (2,300 in all for `npm test`, FUZZ_RUNS in all for `npm run test:deep`, 10,000, whose result
 * scripts/test-deep.mjs records in BENCHMARKS.md, read from each property's `fuzz-result` line), and
 * the contract's error envelope every answer must keep.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, SHOP } from "./fixtures";

/** The codes the public routes may answer to a body (429 and 5xx never: those would be findings). */
const ERROR_CODES = new Set([
  "invalid_body",
  "consent_required",
  "unknown_site",
  "unknown_survey",
  "origin_not_allowed",
  "payload_too_large",
  "id_reused",
  "survey_closed",
  "already_answered",
]);

/** A raw body posted from the shop's origin. */
export const postRaw = (path: string, body: string, contentType = "application/json") =>
  call("POST", path, { rawBody: body, headers: { "content-type": contentType }, origin: SHOP });

/** No 5xx; a 4xx in the contract's envelope with a known code and well-formed issues. */
export function assertEnvelope(status: number, payload: any) {
  expect(status).toBeLessThan(500);
  if (status >= 400) {
    expect(ERROR_CODES.has(payload.error.code), JSON.stringify(payload)).toBe(true);
    expect(typeof payload.error.message).toBe("string");
    if (payload.error.issues !== undefined) {
      for (const i of payload.error.issues) {
        expect(typeof i.path).toBe("string");
        expect(typeof i.message).toBe("string");
      }
    }
  }
}

const TOTAL = Number(env.FUZZ_RUNS) > 0 ? Number(env.FUZZ_RUNS) : 2300;

/** Each property's share of the cases, and a generous time per case (it grows with the tables). */
const PROPERTIES = {
  jsonValues: { share: 0.25, ms: 40 },
  strings: { share: 0.15, ms: 40 },
  mutatedBodies: { share: 0.35, ms: 100 },
  partsLogicVersions: { share: 0.2, ms: 300 },
  events: { share: 0.05, ms: 60 },
} as const;

export type Property = keyof typeof PROPERTIES;

export const runsOf = (property: Property) => Math.max(1, Math.round(TOTAL * PROPERTIES[property].share));

/** A test's time limit: its cases at their generous time each, never under the project's minute. */
export const timeLimit = (property: Property) => Math.max(60_000, runsOf(property) * PROPERTIES[property].ms);

/** One line the deep run reads (scripts/test-deep.mjs): the property, its cases and requests. */
export const report = (property: Property, requests: number) =>
  console.log(`fuzz-result ${JSON.stringify({ property, runs: runsOf(property), requests })}`);
