/** SQL of webhooks and their deliveries (of every event: alerts of unhappy answers and the rest). */
import type { WebhookEvent, WebhookFormat } from "../../../shared/webhooks";

export interface WebhookRow {
  id: string;
  site_id: string;
  url: string;
  secret: string;
  created_at: string;
  active: number;
  format: WebhookFormat;
  /** JSON array of event names. */
  events: string;
}

export interface DeliveryRow {
  id: string;
  site_id: string;
  webhook_id: string;
  /** The response it is about; for response.erased the erasure's own id ('erasure:…'). */
  response_id: string;
  event: WebhookEvent;
  status: "pending" | "delivered" | "retrying" | "dead" | "erased";
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  /** When it may be sent: at once for a complete response, after 30 minutes of silence for a partial one. */
  due_at: string | null;
  /** JSON the event carries that cannot be read at send time (erased ids, a follow-up's status and note). */
  payload: string | null;
  /** Until when a consumer sending it holds it. */
  lease_until: string | null;
}

export const insertWebhook = (db: D1Database, w: WebhookRow) =>
  db
    .prepare(
      `INSERT INTO webhooks (id, site_id, url, secret, created_at, active, format, events)
       VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7)`,
    )
    .bind(w.id, w.site_id, w.url, w.secret, w.created_at, w.format, w.events)
    .run();

export const findWebhook = (db: D1Database, siteId: string, id: string) =>
  db
    .prepare("SELECT * FROM webhooks WHERE site_id = ?1 AND id = ?2 AND active = 1")
    .bind(siteId, id)
    .first<WebhookRow>();

export const listWebhooks = async (db: D1Database, siteId: string) =>
  (
    await db
      .prepare("SELECT * FROM webhooks WHERE site_id = ?1 AND active = 1 ORDER BY created_at")
      .bind(siteId)
      .all<WebhookRow>()
  ).results;

export const deactivateWebhook = (db: D1Database, siteId: string, id: string) =>
  db.prepare("UPDATE webhooks SET active = 0 WHERE site_id = ?1 AND id = ?2 AND active = 1").bind(siteId, id).run();

/** Pending deliveries whose first send may have been lost (the enqueue happens after the write). */
export const stalePendingDeliveries = async (db: D1Database, olderThan: string, limit = 500) =>
  (
    await db
      .prepare(
        `SELECT id, due_at FROM alert_deliveries
         WHERE status = 'pending' AND attempts = 0 AND COALESCE(due_at, created_at) < ?1 ORDER BY created_at LIMIT ?2`,
      )
      .bind(olderThan, limit)
      .all<{ id: string; due_at: string | null }>()
  ).results;

/**
 * Deletes up to `limit` deliveries settled (delivered or given up) before `olderThan`: the dashboard
 * shows the latest, and a site with every event would otherwise keep a row per answer for ever.
 * Rows marked `erased` (by the erasure trigger, before it deleted them instead) go at once: each
 * still names an erased response.
 */
export const purgeSettledDeliveries = async (db: D1Database, olderThan: string, limit = 5000) =>
  (
    await db
      .prepare(
        `DELETE FROM alert_deliveries WHERE rowid IN (
           SELECT rowid FROM alert_deliveries
           WHERE (status IN ('delivered', 'dead') AND created_at < ?1 AND updated_at < ?1) OR status = 'erased'
           LIMIT ?2)
         RETURNING 1 AS gone`,
      )
      .bind(olderThan, limit)
      .all()
  ).results.length;

export interface DeliveryResponse {
  id: string;
  survey_id: string;
  locale: string | null;
  page: string | null;
  channel: string;
  context: string | null;
  created_at: string;
  updated_at: string | null;
  complete: number;
  status: string;
  note: string | null;
}

export interface DeliveryContext {
  delivery: DeliveryRow;
  webhook: WebhookRow | null;
  /** The response it is about as it is now; null when erased (or for response.erased). */
  response: DeliveryResponse | null;
  answers: { question_id: string; type: string; score: number | null; value: string }[];
  siteName: string | null;
  surveyName: string | null;
}

export async function loadDelivery(db: D1Database, id: string): Promise<DeliveryContext | null> {
  const delivery = await db.prepare("SELECT * FROM alert_deliveries WHERE id = ?1").bind(id).first<DeliveryRow>();
  if (!delivery) return null;
  const [webhook, response, answers, names] = await db.batch([
    db.prepare("SELECT * FROM webhooks WHERE id = ?1").bind(delivery.webhook_id),
    db
      .prepare(
        `SELECT id, survey_id, locale, page, channel, context, created_at, updated_at, complete, status, note
         FROM responses WHERE id = ?1 AND site_id = ?2`,
      )
      .bind(delivery.response_id, delivery.site_id),
    db.prepare("SELECT question_id, type, score, value FROM answers WHERE response_id = ?1").bind(delivery.response_id),
    db
      .prepare(
        `SELECT s.name AS site_name, v.name AS survey_name FROM sites s
         LEFT JOIN responses r ON r.id = ?2 LEFT JOIN surveys v ON v.id = r.survey_id WHERE s.id = ?1`,
      )
      .bind(delivery.site_id, delivery.response_id),
  ]);
  const n = names!.results[0] as { site_name: string; survey_name: string | null } | undefined;
  return {
    delivery,
    webhook: (webhook!.results[0] as WebhookRow | undefined) ?? null,
    response: (response!.results[0] as DeliveryResponse | undefined) ?? null,
    answers: answers!.results as DeliveryContext["answers"],
    siteName: n?.site_name ?? null,
    surveyName: n?.survey_name ?? null,
  };
}

/**
 * Takes a delivery to send it, until `until`: answers whether this consumer holds it now (false while
 * another one does, or once it is settled). A second message of the same delivery cannot send it twice.
 */
export const leaseDelivery = async (db: D1Database, id: string, now: string, until: string) =>
  (
    await db
      .prepare(
        `UPDATE alert_deliveries SET lease_until = ?3
         WHERE id = ?1 AND status IN ('pending', 'retrying') AND (lease_until IS NULL OR lease_until < ?2)
         RETURNING id`,
      )
      .bind(id, now, until)
      .all()
  ).results.length === 1;

/** The outcome of one attempt; the lease is given back, and a delivered event keeps nothing it carried. */
export const markDelivery = (
  db: D1Database,
  id: string,
  status: DeliveryRow["status"],
  lastStatus: number | null,
  lastError: string | null,
  at: string,
) =>
  db
    .prepare(
      `UPDATE alert_deliveries SET status = ?2, attempts = attempts + 1, last_status = ?3, last_error = ?4,
         updated_at = ?5, lease_until = NULL, payload = CASE WHEN ?2 = 'delivered' THEN NULL ELSE payload END
       WHERE id = ?1 AND status NOT IN ('delivered', 'erased')`,
    )
    .bind(id, status, lastStatus, lastError, at)
    .run();

export const markDead = (db: D1Database, id: string, at: string) =>
  db
    .prepare(
      `UPDATE alert_deliveries SET status = 'dead', updated_at = ?2, lease_until = NULL
       WHERE id = ?1 AND status IN ('pending', 'retrying')`,
    )
    .bind(id, at)
    .run();

export const recentDeliveries = async (db: D1Database, siteId: string, limit = 50) =>
  (
    await db
      .prepare("SELECT * FROM alert_deliveries WHERE site_id = ?1 ORDER BY created_at DESC LIMIT ?2")
      .bind(siteId, limit)
      .all<DeliveryRow>()
  ).results;
