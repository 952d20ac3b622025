/** Owner routes of the privacy lifecycle and alerts: webhooks, alert status, consent records. */
import { Hono } from "hono";
import { z } from "zod";
import { daySchema } from "../../../shared/schemas";
import * as alertsDb from "../db/alerts";
import * as consents from "../db/consents";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { parseOr400 } from "../lib/validate";
import { readJsonBody } from "../middleware/body";
import { requireOwner } from "../middleware/owner-auth";
import { createWebhook } from "../services/alerts";
import { CSV_BOM, csvRow } from "../services/csv";
import { resolveRange } from "../services/summary";
import { ownedSite } from "./sites";

export const privacyRoutes = new Hono<AppEnv>();
privacyRoutes.use("*", requireOwner);

privacyRoutes.post("/:siteId/webhooks", async (c) => {
  const site = await ownedSite(c);
  const { url } = parseOr400(z.object({ url: z.string().max(500) }), await readJsonBody(c.req.raw));
  return c.json(await createWebhook(c.env.DB, site.id, url, c.env.ENVIRONMENT), 201);
});

privacyRoutes.get("/:siteId/webhooks", async (c) => {
  const site = await ownedSite(c);
  const rows = await alertsDb.listWebhooks(c.env.DB, site.id);
  // The signing secret is shown once, at creation.
  return c.json(rows.map((w) => ({ id: w.id, url: w.url, createdAt: w.created_at })));
});

privacyRoutes.delete("/:siteId/webhooks/:webhookId", async (c) => {
  const site = await ownedSite(c);
  const result = await alertsDb.deactivateWebhook(c.env.DB, site.id, c.req.param("webhookId"));
  if (result.meta.changes !== 1) throw new ApiError("not_found", "no such webhook");
  return c.body(null, 204);
});

privacyRoutes.get("/:siteId/alerts", async (c) => {
  const site = await ownedSite(c);
  const rows = await alertsDb.recentDeliveries(c.env.DB, site.id);
  return c.json(
    rows.map((d) => ({
      id: d.id,
      webhook: d.webhook_id,
      response: d.response_id,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.last_status,
      lastError: d.last_error,
      createdAt: d.created_at,
      updatedAt: d.updated_at,
    })),
  );
});

/** Consent records of a date range, without any answer: proof of consent and of withdrawals. */
privacyRoutes.get("/:siteId/consents.csv", async (c) => {
  const site = await ownedSite(c);
  const q = parseOr400(z.object({ from: daySchema.optional(), to: daySchema.optional() }), c.req.query());
  const { from, to } = resolveRange(q.from, q.to);
  const db = c.env.DB;
  const encoder = new TextEncoder();
  let after: { at: string; id: string } | null = null;
  let stage: "header" | "grants" | "withdrawals" | "done" = "header";
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === "header") {
        controller.enqueue(
          encoder.encode(
            CSV_BOM +
              csvRow([
                "event",
                "pseudonymous_id",
                "at",
                "policy_version",
                "consent_text_version",
                "response_id",
                "locale",
                "page",
                "deleted_responses",
              ]),
          ),
        );
        stage = "grants";
        return;
      }
      if (stage === "grants") {
        const rows = await consents.consentPage(db, site.id, from, to, after, 1000);
        if (rows.length > 0) {
          controller.enqueue(
            encoder.encode(
              rows
                .map((r) =>
                  csvRow([
                    "granted",
                    r.respondent_hash,
                    r.consent_at,
                    r.consent_policy,
                    r.consent_text,
                    r.id,
                    r.locale,
                    r.page,
                    "",
                  ]),
                )
                .join(""),
            ),
          );
          const last = rows[rows.length - 1]!;
          after = { at: last.consent_at, id: last.id };
        }
        if (rows.length < 1000) stage = "withdrawals";
        return;
      }
      if (stage === "withdrawals") {
        const rows = await consents.withdrawals(db, site.id, from, to);
        if (rows.length)
          controller.enqueue(
            encoder.encode(
              rows
                .map((w) => csvRow(["withdrawn", w.respondent_hash, w.withdrawn_at, "", "", "", "", "", w.deleted]))
                .join(""),
            ),
          );
        stage = "done";
        return;
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="consents-${site.key}-${from}-${to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
