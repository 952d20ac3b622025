/**
 * Links to the hosted survey page (`/s/:siteKey/:surveyId`): their addresses, their signatures with the
 * site's secret (minted by the owner API, or by the shop's own back end with the secret), the secret's
 * rotation, and the rules a survey's `links` setting puts on its answers: a valid signature, and one
 * response per value of a context key (held by the database: see db/response-writes.ts).
 */
import { hostedUrl } from "../../../shared/hosted-url";
import { contextSchema } from "../../../shared/schemas";
import type { LinkInput, QrQuery, ResponseInput, Survey } from "../../../shared/types";
import * as links from "../db/links";
import { responseExists } from "../db/responses";
import { ApiError, invalid, zodIssues } from "../errors";
import { randomToken } from "../lib/crypto";
import { withD1Retry } from "../lib/d1-retry";
import { checkSignature, type SignatureCheck, signLink } from "../lib/link-signature";
import { nowIso } from "../lib/time";
import { qrSvg } from "./qr";
import { forgetLinkSecret, linkSecretOf } from "./site-cache";

const DAY_MS = 86_400_000;

/** The site's signing secret (made at its first use). */
const currentSecret = async (db: D1Database, siteId: string) =>
  (await withD1Retry(() => links.findLinkSecret(db, siteId))) ??
  (await withD1Retry(() => links.ensureLinkSecret(db, siteId, newSecret(), nowIso())));

const newSecret = () => `lsec_${randomToken(32)}`;

/** The secrets that verify links now: the current one, and the previous one during its rollover. */
function verifyingSecrets(row: links.LinkSecretRow | null, now: number): string[] {
  if (!row) return [];
  const rollover = row.previous_secret && row.previous_until && Date.parse(row.previous_until) > now;
  return rollover ? [row.secret, row.previous_secret!] : [row.secret];
}

/** POST /api/sites/:siteId/link-secret: a new secret, shown once; links signed with the old one stop working. */
export async function rotateSecret(db: D1Database, siteId: string, keepOldForDays: number, now = Date.now()) {
  const until = keepOldForDays > 0 ? nowIso(now + keepOldForDays * DAY_MS) : null;
  const row = await withD1Retry(() => links.rotateLinkSecret(db, siteId, newSecret(), nowIso(now), until));
  forgetLinkSecret(siteId);
  return { secret: row!.secret, createdAt: row!.created_at, previousValidUntil: row!.previous_until };
}

/** GET /api/sites/:siteId/link-secret: when the secret was made, never the secret itself. */
export async function secretStatus(db: D1Database, siteId: string, now = Date.now()) {
  const row = await withD1Retry(() => links.findLinkSecret(db, siteId));
  const rollover = row?.previous_until && Date.parse(row.previous_until) > now ? row.previous_until : null;
  return { createdAt: row?.created_at ?? null, previousValidUntil: rollover };
}

/** A `onePer` survey's links and answers must name the customer's value of its key. */
function assertOnePerKey(survey: Survey, context: Record<string, string> | undefined, path: string): string | null {
  const key = survey.links?.onePer;
  if (!key) return null;
  const value = context?.[key];
  if (value === undefined || value === "") {
    const message = `this survey takes one response per ${key}: the context must carry ${key}`;
    throw new ApiError("invalid_body", `${path}.${key}: ${message}`, [{ path: `${path}.${key}`, message }]);
  }
  return value;
}

/**
 * POST /api/sites/:siteId/surveys/:surveyId/links (and the QR code of a signed survey): a signed link for one
 * customer. Signed for every survey, so that links made before the owner turns signing on keep working.
 */
export async function mintLink(
  db: D1Database,
  base: string,
  site: { id: string; key: string },
  survey: Survey,
  input: LinkInput,
  now = Date.now(),
): Promise<{ url: string; expiresAt: string }> {
  assertOnePerKey(survey, input.context, "context");
  const expiry = Math.floor((now + input.expiresInDays * DAY_MS) / 1000);
  const secret = (await currentSecret(db, site.id)).secret;
  const sig = await signLink(secret, site.key, survey.id, input.context, expiry);
  const url = hostedUrl(base, site.key, survey.id, { ...input, sig });
  return { url, expiresAt: nowIso(expiry * 1000) };
}

/**
 * GET …/qr.svg: a QR code of the survey's page, with `ctx.<key>` parameters as its context (a store's
 * counter). Signed when the survey takes signed links only (a parcel insert printed for one order).
 */
export async function qrOfSurvey(
  db: D1Database,
  base: string,
  site: { id: string; key: string; name: string },
  survey: Survey,
  query: QrQuery,
): Promise<{ svg: string; url: string }> {
  const { channel, lang, expiresInDays, ...rest } = query;
  const context = Object.fromEntries(
    Object.entries(rest)
      .filter(([k]) => k.startsWith("ctx."))
      .map(([k, v]) => [k.slice(4), String(v)]),
  );
  const parsed = contextSchema.safeParse(context);
  if (!parsed.success) throw invalid(zodIssues(parsed.error.issues).map((i) => ({ ...i, path: `ctx.${i.path}` })));
  assertOnePerKey(survey, parsed.data, "ctx");
  const url = survey.links?.signed
    ? (await mintLink(db, base, site, survey, { context: parsed.data, expiresInDays, channel, lang })).url
    : hostedUrl(base, site.key, survey.id, { context: parsed.data, channel, lang });
  return { svg: qrSvg(url, `${site.name}: ${survey.name}`), url };
}

/** Whether a hosted page's link may open its survey (signed surveys only: others take any link). */
export async function linkCheck(
  db: D1Database,
  site: { id: string; key: string },
  survey: Survey,
  context: Record<string, string>,
  sig: string | undefined,
  now = Date.now(),
): Promise<SignatureCheck> {
  if (!survey.links?.signed) return "valid";
  const link = { siteKey: site.key, surveyId: survey.id, context };
  const check = async (fresh: boolean) => {
    const row = await withD1Retry(() => linkSecretOf(db, site.id, fresh));
    return checkSignature(verifyingSecrets(row, now), link, sig, Math.floor(now / 1000));
  };
  // The secret kept in the isolate first (no D1 read); what it does not verify, against the stored one.
  const cached = await check(false);
  return cached === "invalid" && sig ? check(true) : cached;
}

/**
 * The rules of a survey's `links` on one submission: a signed survey takes only answers carrying a
 * valid signature of their context (a part of a response begun before the link expired still
 * completes it); a `onePer` survey's answers carry its key, whose value is the response's claim.
 * Returns that claim (null when the survey takes any number of responses).
 */
export async function linkRules(
  db: D1Database,
  site: { id: string; key: string },
  survey: Survey,
  input: Pick<ResponseInput, "id" | "context" | "sig">,
  now: number,
): Promise<string | null> {
  const claim = assertOnePerKey(survey, input.context, "context");
  const check = await linkCheck(db, site, survey, input.context ?? {}, input.sig, now);
  if (check === "valid") return claim;
  if (check === "expired" && (await withD1Retry(() => responseExists(db, site.id, input.id)))) return claim;
  throw new ApiError(
    "bad_signature",
    check === "expired"
      ? "this link has expired: ask the shop for a new one"
      : "this survey takes answers only through the links the shop sends: the signature is missing or wrong",
  );
}

/** Whether a survey's context value (e.g. an order) already has its one response. */
export const isClaimed = async (db: D1Database, siteId: string, surveyId: string, claim: string) =>
  (await withD1Retry(() => links.claimHolder(db, siteId, surveyId, claim))) !== null;
