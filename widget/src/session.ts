/**
 * Consent and the respondent token, in the UI bundle (the loader stays small). Before "I agree"
 * nothing is stored but the loader's plain "shown" flag; after it, the policy version agreed to
 * and, with the first answer, a random respondent token that lets the customer erase the answers.
 */
import type { Answers, Session } from "./contract";
import type { Delivery } from "./queue";
import { randomId } from "./ids";

/** Version of the consent wording shown by the widget (recorded with each answer, see PRIVACY.md). */
export const CONSENT_TEXT_VERSION = "consent-v1";

const tokenKey = (site: string) => `fb_rt:${site}`;
const consentKey = (site: string) => `fb_consent:${site}`;

export const hasConsent = (s: Session) => s.read<string>(consentKey(s.site)) === s.policyVersion && !!s.read(tokenKey(s.site));

export const giveConsent = (s: Session) => s.write(consentKey(s.site), s.policyVersion);

export function submit(s: Session, surveyId: string, answers: Answers): Promise<Delivery> {
  let respondent = s.read<string>(tokenKey(s.site));
  if (!respondent) s.write(tokenKey(s.site), (respondent = randomId(32)));
  const id = randomId();
  const context = s.context();
  return s.send(id, {
    id,
    site: s.site,
    survey: surveyId,
    respondent,
    consent: { granted: true, policy: s.policyVersion, text: CONSENT_TEXT_VERSION },
    locale: s.locale,
    page: location.href,
    ...(Object.keys(context).length ? { context } : {}),
    answers: Object.entries(answers).map(([question, value]) => ({ question, value })),
  });
}

/** Withdraws consent: the collector deletes every answer of this device's token; then the token goes too. */
export async function forget(s: Session): Promise<boolean> {
  const respondent = s.read<string>(tokenKey(s.site));
  if (!respondent) return true;
  if ((await s.post("/v1/forget", { site: s.site, respondent })) !== "ok") return false;
  s.write(tokenKey(s.site), null);
  s.write(consentKey(s.site), null);
  return true;
}
