/**
 * Where consent lives in the visitor's browser. Before "I agree" nothing is stored but the
 * loader's own flags; after it, the policy version agreed to and a random respondent token that
 * lets the customer erase the answers later (widget-send.js writes both).
 */
import type { SiteFacts } from "./contract";

export const tokenKey = (site: string) => `fb_rt:${site}`;
export const consentKey = (site: string) => `fb_consent:${site}`;

/** Consent to this policy version was given on this device (the survey then skips its consent step). */
export const hasConsent = (s: Pick<SiteFacts, "read" | "site" | "policyVersion">) =>
  s.read<string>(consentKey(s.site)) === s.policyVersion && !!s.read(tokenKey(s.site));
