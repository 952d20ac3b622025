/** Bindings of the collector worker (wrangler.toml), each with what it is for. */

import type { AlertMessage, IngestMessage } from "./messages";
import type { Caller } from "./services/auth";

export interface Env {
  /** D1: owners, sites, surveys, responses, answers and the daily aggregates. */
  DB: D1Database;
  /** Static files: the built widget (dist/widget*.js) and dashboard (dist/index.html, dist/assets). */
  ASSETS: Fetcher;
  /** Workers rate-limiting binding guarding the public routes against floods. */
  PUBLIC_RATE_LIMITER?: RateLimit;
  /** Workers rate-limiting binding on /api/auth/* per client: password spraying and mass sign-ups. */
  AUTH_RATE_LIMITER?: RateLimit;
  /** Workers rate-limiting binding on POST /v1/forget per client, tighter than the public one: a withdrawal
   * is rare, and each one erases and writes. */
  FORGET_RATE_LIMITER?: RateLimit;
  /** Buffered ingestion (INGEST_MODE = "queue"): producer in POST /v1/responses, consumer in this worker. */
  INGEST_QUEUE?: Queue<IngestMessage>;
  /** Webhook deliveries of every event, alerts included (consumer in this worker, dead-letter queue
   * feedback-alerts-dlq). */
  ALERT_QUEUE?: Queue<AlertMessage>;
  /** Comma-separated origins a webhook may use though local (`http://127.0.0.1:9000`): development and
   * tests only, ignored when ENVIRONMENT is "production" (services/webhooks-address.ts). */
  WEBHOOK_DEV_ORIGINS?: string;
  /** "direct" (default) writes each submission in one D1 batch; "queue" buffers through INGEST_QUEUE. */
  INGEST_MODE?: string;
  /** Secret mixed into the daily salt of rate-limit keys; a random per-isolate value when unset
   * (`npm run deploy` sets one once; production logs a warning without it). */
  RATE_LIMIT_SECRET?: string;
  /** "open": anyone may sign up; "invite" (the default, and what `npm run deploy` sets): the first account
   * may, every later one needs an invitation. `npm run dev` and the tests use "open". */
  SIGNUP?: string;
  /** "test" in the test runner; "production" disables local-only conveniences (HSTS is sent unless local). */
  ENVIRONMENT?: string;
}

/** What a request carries through the middleware: the caller of owner routes, and a request id for logs. */
export type AppEnv = {
  Bindings: Env;
  /** `startedAt`: when the request arrived (ms), so a read is charged its sign-in check too. */
  Variables: { caller?: Caller; requestId: string; startedAt?: number };
};
