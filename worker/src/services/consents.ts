/**
 * Consent records of a site as CSV: every consent given (pseudonymous id, when, which policy and
 * consent wording, on which page), every withdrawal, and every erasure requested by a context value
 * (the value as pseudonymous id, e.g. `orderId:A-1042`), without any answer. What a data-protection
 * officer hands to an authority; a site without any record yet gets a file with just its header.
 */
import * as consents from "../db/consents";
import { withD1Retry } from "../lib/d1-retry";
import { csvStream, verbatim } from "./csv";

export const CONSENT_PAGE = 1000;

export const CONSENT_HEADER = [
  "event",
  "pseudonymous_id",
  "at",
  "policy_version",
  "consent_text_version",
  "response_id",
  "locale",
  "page",
  "deleted_responses",
] as const;

/** Where the download is: in the consents given, then in the withdrawals, after a keyset. */
type Cursor = { stage: "granted" | "withdrawn" | "erased"; after: { at: string; id: string } | null };

export function consentRecordsCsv(db: D1Database, siteId: string, range: { from: string; to: string }) {
  return csvStream<Cursor>(CONSENT_HEADER, async (cursor = { stage: "granted", after: null }) => {
    if (cursor.stage === "granted") {
      const rows = await withD1Retry(() => consents.consentPage(db, siteId, range, cursor.after, CONSENT_PAGE));
      const last = rows[rows.length - 1];
      return {
        rows: rows.map((r) => [
          verbatim("granted"),
          verbatim(r.respondent_hash),
          verbatim(r.consent_at),
          r.consent_policy,
          r.consent_text,
          verbatim(r.id),
          r.locale,
          r.page,
          null,
        ]),
        next:
          rows.length === CONSENT_PAGE && last
            ? { stage: "granted", after: { at: last.created_at, id: last.id } }
            : { stage: "withdrawn", after: null },
      };
    }
    if (cursor.stage === "erased") {
      const rows = await withD1Retry(() => consents.erasurePage(db, siteId, range, cursor.after, CONSENT_PAGE));
      const last = rows[rows.length - 1];
      return {
        rows: rows.map((e) => [
          verbatim("erased"),
          `${e.context_key}:${e.context_value}`,
          verbatim(e.erased_at),
          null,
          null,
          null,
          null,
          null,
          verbatim(e.deleted),
        ]),
        next:
          rows.length === CONSENT_PAGE && last ? { stage: "erased", after: { at: last.erased_at, id: last.id } } : null,
      };
    }
    const rows = await withD1Retry(() => consents.withdrawalPage(db, siteId, range, cursor.after, CONSENT_PAGE));
    const last = rows[rows.length - 1];
    return {
      rows: rows.map((w) => [
        verbatim("withdrawn"),
        verbatim(w.respondent_hash),
        verbatim(w.withdrawn_at),
        null,
        null,
        null,
        null,
        null,
        verbatim(w.deleted),
      ]),
      next:
        rows.length === CONSENT_PAGE && last
          ? { stage: "withdrawn", after: { at: last.withdrawn_at, id: last.respondent_hash } }
          : { stage: "erased", after: null },
    };
  });
}
