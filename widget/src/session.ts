/**
 * Consent and the respondent token, in the UI bundle (the loader stays small). Before "I agree"
 * nothing is stored but the loader's plain "shown" flag; after it, the policy version agreed to
 * and a random respondent token that lets the customer erase the answers later.
 */

import { nanoid } from "nanoid";
import { CONTEXT_KEY_PATTERN, MAX_CONTEXT_KEYS, MAX_CONTEXT_VALUE } from "../../shared/constants";
import { SendResult } from "./api";
import type { Answers, Session } from "./contract";
import { type Delivery, type Item, outboxKey } from "./queue";

/** Version of the consent wording shown by the widget (recorded with each answer, see PRIVACY.md). */
export const CONSENT_TEXT_VERSION = "consent-v1";

const tokenKey = (site: string) => `fb_rt:${site}`;
const consentKey = (site: string) => `fb_consent:${site}`;

export const hasConsent = (s: Session) =>
  s.read<string>(consentKey(s.site)) === s.policyVersion && !!s.read(tokenKey(s.site));

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

export function submit(s: Session, surveyId: string, answers: Answers): Promise<Delivery> {
  let respondent = s.read<string>(tokenKey(s.site));
  if (!respondent) {
    respondent = nanoid(32);
    s.write(tokenKey(s.site), respondent);
  }
  const id = nanoid();
  const context = cleanContext(s.context());
  return s.send(id, {
    id,
    site: s.site,
    survey: surveyId,
    respondent,
    consent: { granted: true, policy: s.policyVersion, text: CONSENT_TEXT_VERSION },
    locale: s.locale,
    page: location.href,
    ...(context ? { context } : {}),
    answers: Object.entries(answers).map(([question, value]) => ({ question, value })),
  });
}

/**
 * Withdraws consent: answers still waiting in the outbox are dropped first (else they would reach
 * the collector after the erasure), then the collector deletes every answer of this device's
 * token, then the token goes too.
 */
export async function forget(s: Session): Promise<boolean> {
  const respondent = s.read<string>(tokenKey(s.site));
  if (!respondent) return true;
  const key = outboxKey(s.base);
  const waiting = s.read<Item[]>(key) ?? [];
  const kept = waiting.filter((i) => (i.body as { respondent?: string }).respondent !== respondent);
  if (kept.length !== waiting.length) s.write(key, kept.length ? kept : null);
  if ((await s.post("/v1/forget", { site: s.site, respondent })) !== SendResult.Ok) return false;
  s.write(tokenKey(s.site), null);
  s.write(consentKey(s.site), null);
  return true;
}
