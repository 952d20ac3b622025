/**
 * The collector: public routes for the widget (/v1), owner routes (/api), the widget's
 * files and the dashboard. One error envelope for everything (shared/errors.ts).
 */
import { Hono } from "hono";
import type { AppEnv, Env } from "./env";
import { ApiError, errorResponse } from "./errors";
import type { AlertMessage, IngestMessage } from "./messages";
import { securityHeaders } from "./middleware/security-headers";
import { serveDashboard, serveOpenApi, serveWidgetFile } from "./routes/assets";
import { accountRoutes, authRoutes } from "./routes/auth";
import { hostedRoutes } from "./routes/hosted";
import { linkRoutes } from "./routes/links";
import { privacyRoutes } from "./routes/privacy";
import { publicRoutes } from "./routes/public";
import { resultRoutes } from "./routes/results";
import { siteRoutes } from "./routes/sites";
import { invitationRoutes, teamRoutes } from "./routes/team";
import { consumeIngestBatch } from "./services/ingest-queue";
import { runScheduled } from "./services/scheduled";
import { consumeAlertBatch, consumeDeadAlerts } from "./services/webhooks-delivery";

export const app = new Hono<AppEnv>();

app.use("*", async (c, next) => {
  c.set("requestId", crypto.randomUUID());
  c.set("startedAt", Date.now());
  await next();
});
app.use("*", securityHeaders);

app.get("/healthz", (c) => c.json({ ok: true }));

app.route("/v1", publicRoutes);
app.get("/api/openapi.json", serveOpenApi);
app.route("/api/auth", authRoutes);
app.route("/api/account", accountRoutes);
app.route("/api/invitations", invitationRoutes);
app.route("/api/sites", siteRoutes);
app.route("/api/sites", resultRoutes);
app.route("/api/sites", privacyRoutes);
app.route("/api/sites", teamRoutes);
app.route("/api/sites", linkRoutes);
app.route("/s", hostedRoutes);

app.get("/widget*", serveWidgetFile);
app.all("/api/*", () => {
  throw new ApiError("not_found", "no such route");
});
app.all("/v1/*", () => {
  throw new ApiError("not_found", "no such route");
});
app.get("*", serveDashboard);

app.notFound(() => errorResponse(new ApiError("not_found", "no such route")));

app.onError((err, c) => {
  if (err instanceof ApiError) return errorResponse(err);
  // Logged with the request id only: never the body, which may hold a customer's answer.
  console.error(
    JSON.stringify({
      event: "unhandled_error",
      requestId: c.get("requestId"),
      path: c.req.path,
      error: String(err?.message ?? err),
    }),
  );
  return errorResponse(new ApiError("internal", `internal error (request ${c.get("requestId")})`));
});

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(runScheduled(env, controller.scheduledTime));
  },
  async queue(batch: MessageBatch<IngestMessage | AlertMessage>, env: Env) {
    if (batch.queue === "feedback-alerts-dlq") await consumeDeadAlerts(batch as MessageBatch<AlertMessage>, env);
    else if (batch.queue.startsWith("feedback-alerts"))
      await consumeAlertBatch(batch as MessageBatch<AlertMessage>, env);
    else if (batch.queue.startsWith("feedback-ingest"))
      await consumeIngestBatch(batch as MessageBatch<IngestMessage>, env);
    else batch.ackAll();
  },
} satisfies ExportedHandler<Env, IngestMessage | AlertMessage>;
