/** Zod schemas of the owner API's bodies: sign-up and login, the account, members, sites, tokens, webhooks. */
import { z } from "zod";
import { DEFAULT_FATIGUE_DAYS, DEFAULT_RETENTION_DAYS, ROLES, TOKEN_SCOPES } from "./constants";
import { isCustomerLink } from "./urls";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "./webhooks";

const emailSchema = z.string().trim().toLowerCase().pipe(z.email("a valid email address")).pipe(z.string().max(254));

const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(10, "at least 10 characters").max(200),
});

/** POST /api/auth/signup: `invite` is the token of an invitation link (required where sign-up is by invitation). */
export const signupSchema = credentialsSchema.extend({ invite: z.string().min(10).max(200).optional() });

/** POST /api/auth/login: any password is checked (not the sign-up rules: old accounts may predate them). */
export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1, "required").max(200) });

/** DELETE /api/account: the password again, so a forgotten signed-in browser cannot delete the account. */
export const accountDeleteSchema = z.object({ password: z.string().min(1, "required").max(200) });

/** POST /api/sites/:siteId/members: invite someone by email with a role. */
export const memberInputSchema = z.object({ email: emailSchema, role: z.enum(ROLES) });

/** PATCH /api/sites/:siteId/members/:memberId: change a member's (or a pending invitation's) role. */
export const memberPatchSchema = z.object({ role: z.enum(ROLES) });

const originSchema = z
  .string()
  .url()
  .transform((u) => new URL(u).origin)
  .refine((o) => o !== "null", "an http(s) origin such as https://shop.example");

const retentionDaysSchema = z.number().int().min(1).max(3650);
/** Days without any survey for a visitor after one was shown to them (0: off). */
const fatigueDaysSchema = z.number().int().min(0).max(365);

export const siteInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  origins: z.array(originSchema).min(1).max(20),
  retentionDays: retentionDaysSchema.default(DEFAULT_RETENTION_DAYS),
  policyUrl: z.string().max(500).refine(isCustomerLink, "an https: URL (http: only for localhost)").optional(),
  policyVersion: z.string().trim().min(1).max(64).optional(),
  fatigueDays: fatigueDaysSchema.default(DEFAULT_FATIGUE_DAYS),
});
/** Without defaults: a field left out of a PATCH keeps its stored value. */
export const sitePatchSchema = siteInputSchema
  .extend({ retentionDays: retentionDaysSchema, fatigueDays: fatigueDaysSchema })
  .partial();

/** POST /api/sites/:siteId/tokens: `read` unless a wider scope is chosen (never wider than the caller's). */
export const tokenInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(TOKEN_SCOPES).default("read"),
});

/** A webhook: `https:` to a public host (services/webhooks-address.ts), its format and the events it receives. */
export const webhookInputSchema = z.object({
  url: z.string().max(500),
  format: z.enum(WEBHOOK_FORMATS).default("json"),
  /** Without it: `response.unhappy` only, the alerts of unhappy customers (shared/webhooks.ts). */
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1)
    .max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)])
    .optional(),
});
