/** The site's webhooks: added (the signing secret shown once), listed without secrets, removed. */
import * as alerts from "../db/alerts";
import { ApiError } from "../errors";
import { newId, randomToken } from "../lib/crypto";
import { nowIso } from "../lib/time";

export function webhookUrlProblem(url: string, environment: string | undefined): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "url: must be an absolute URL";
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname);
  if (u.protocol === "https:" && !local) return null;
  if (local && environment !== "production" && (u.protocol === "http:" || u.protocol === "https:")) return null;
  return "url: must be an https URL";
}

export async function createWebhook(db: D1Database, siteId: string, url: string, environment: string | undefined) {
  const problem = webhookUrlProblem(url, environment);
  if (problem) throw new ApiError("invalid_body", problem, [{ path: "url", message: problem.slice(5) }]);
  const row: alerts.WebhookRow = {
    id: newId("wh"),
    site_id: siteId,
    url,
    secret: `whsec_${randomToken(24)}`,
    created_at: nowIso(),
    active: 1,
  };
  await alerts.insertWebhook(db, row);
  return { id: row.id, url: row.url, secret: row.secret, createdAt: row.created_at };
}

/** The site's webhooks, without their signing secrets (shown once, at creation). */
export async function listWebhooks(db: D1Database, siteId: string) {
  const rows = await alerts.listWebhooks(db, siteId);
  return rows.map((w) => ({ id: w.id, url: w.url, createdAt: w.created_at }));
}

export async function removeWebhook(db: D1Database, siteId: string, webhookId: string): Promise<void> {
  const result = await alerts.deactivateWebhook(db, siteId, webhookId);
  if (result.meta.changes !== 1) throw new ApiError("not_found", "no such webhook");
}
