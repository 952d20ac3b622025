/** Inputs of the owner routes that make links and QR codes of the hosted survey page, and rotate the link secret. */
import { z } from "zod";
import { DEFAULT_LINK_DAYS, LINK_CHANNELS, MAX_CONTEXT_VALUE, MAX_LINK_DAYS, MAX_SECRET_GRACE_DAYS } from "./constants";
import { contextSchema, localeSchema } from "./schemas";

const linkQueryChannel = z.enum(LINK_CHANNELS);

/** POST /api/sites/:siteId/surveys/:surveyId/links: a link for one customer (e.g. one order), signed. */
export const linkInputSchema = z.object({
  context: contextSchema.default({}),
  expiresInDays: z.number().int().min(1).max(MAX_LINK_DAYS).default(DEFAULT_LINK_DAYS),
  /** Where the link will be sent (recorded with its answers): `link` unless said otherwise. */
  channel: linkQueryChannel.optional(),
  /** The language the page opens in (else the customer's browser decides). */
  lang: localeSchema.optional(),
});

/** POST /api/sites/:siteId/link-secret: a new secret for signing links; the old one may stay valid a while. */
export const secretRotationSchema = z.object({
  /** Days the previous secret still verifies links (0: at once invalid, after a leak). */
  keepOldForDays: z.number().int().min(0).max(MAX_SECRET_GRACE_DAYS).default(0),
});

/**
 * GET /api/sites/:siteId/surveys/:surveyId/qr.svg: a QR code of the survey's hosted page. `ctx.<key>`
 * parameters (a shop counter's store, an order) go into the link, signed when the survey takes signed links.
 */
export const qrQuerySchema = z
  .object({
    channel: linkQueryChannel.default("qr"),
    lang: localeSchema.optional(),
    expiresInDays: z.coerce.number().int().min(1).max(MAX_LINK_DAYS).default(DEFAULT_LINK_DAYS),
  })
  .catchall(z.string().max(MAX_CONTEXT_VALUE));

/**
 * GET /s/:siteKey/:surveyId, the hosted survey page: besides these, `ctx.<key>=value` (the answer's
 * context) and `a.<question>=value` (prefills the first question, stored only after consent).
 */
export const hostedPageQuerySchema = z
  .object({
    lang: localeSchema.optional().describe("the page's language (else the browser's Accept-Language)"),
    channel: linkQueryChannel.default("link").describe("recorded with the answer"),
    sig: z.string().max(200).optional().describe("a signed link's signature: <expiry>.<base64url HMAC-SHA256>"),
  })
  .catchall(z.string().max(MAX_CONTEXT_VALUE));
