/**
 * Consent, the respondent token and the parts of a response, in widget-send.js (fetched at
 * consent, or to flush the outbox or forget): what only a visitor who answers needs.
 */

import { nanoid } from "nanoid";
import { type Channel, CONTEXT_KEY_PATTERN, MAX_CONTEXT_KEYS, MAX_CONTEXT_VALUE } from "../../shared/constants";
import type { ResponseInput } from "../../shared/types";
import { SendResult } from "./api";
import { consentKey, tokenKey } from "./consent";
import type { Answers, ResponseDraft, Session } from "./contract";
import { type Delivery, deadKey, type Item, outboxKey } from "./queue";

/** Version of the consent wording shown by the widget (recorded with each answer, see PRIVACY.md). */
export const CONSENT_TEXT_VERSION = "consent-v1";

/** "I agree": the token is made now (32 random characters, 192 bits), so `forget()` works from here on. */
export function giveConsent(s: Session): void {
  if (!s.read(tokenKey(s.site))) s.write(tokenKey(s.site), nanoid(32));
  s.write(consentKey(s.site), s.policyVersion);
}

/**
 * The contract's limits on `context` (10 keys, [A-Za-z0-9_]{1,40}, strings up to 100): a shop's
 * oversized or odd attribute must not get the whole answer refused with a 400.
 */
export function cleanContext(context: Record<string, unknown>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(context)) {
    if (Object.keys(out).length < MAX_CONTEXT_KEYS && CONTEXT_KEY_PATTERN.test(k) && v != null)
      out[k] = String(v).slice(0, MAX_CONTEXT_VALUE);
  }
  return Object.keys(out).length ? out : undefined;
}

/** Where the answers are given: origin and path only (query strings and fragments hold coupons, emails, tokens). */
export const pageOf = (l: Pick<Location, "origin" | "pathname">): string => l.origin + l.pathname;

/**
 * Begins a response at "I agree": its id, the respondent token, the consent given, and the page's
 * context as it is now (every part of one response must say the same).
 */
export function startResponse(s: Session, survey: { id: string; version: number }, channel: Channel): ResponseDraft {
  let respondent = s.read<string>(tokenKey(s.site));
  if (!respondent) {
    respondent = nanoid(32);
    s.write(tokenKey(s.site), respondent);
  }
  const context = cleanContext(s.context());
  return {
    id: nanoid(),
    site: s.site,
    survey: survey.id,
    version: survey.version,
    respondent,
    consent: { granted: true, policy: s.policyVersion, text: CONSENT_TEXT_VERSION },
    locale: s.locale,
    page: pageOf(location),
    channel,
    ...(context ? { context } : {}),
    ...(s.sig ? { sig: s.sig } : {}),
  };
}

/** Sends the answers so far (the outbox keeps only the latest part of each response). */
export const sendPart = (s: Session, draft: ResponseDraft, answers: Answers, complete: boolean): Promise<Delivery> =>
  s.send(draft.id, {
    ...draft,
    complete,
    answers: Object.entries(answers).map(([question, value]) => ({ question, value })),
  } satisfies ResponseInput);

/**
 * Withdraws consent: answers still waiting in the outbox (or kept aside as refused) are dropped
 * first (else they would reach the collector after the erasure), then the collector deletes every
 * answer of this device's token, then the token goes too.
 */
export async function forget(s: Session): Promise<boolean> {
  const respondent = s.read<string>(tokenKey(s.site));
  if (!respondent) return true;
  for (const key of [outboxKey(s.base), deadKey(s.base)]) {
    const waiting = s.read<Item[]>(key) ?? [];
    const kept = waiting.filter((i) => (i.body as { respondent?: string }).respondent !== respondent);
    if (kept.length !== waiting.length) s.write(key, kept.length ? kept : null);
  }
  if ((await s.post("/v1/forget", { site: s.site, respondent })) !== SendResult.Ok) return false;
  s.write(tokenKey(s.site), null);
  s.write(consentKey(s.site), null);
  return true;
}
