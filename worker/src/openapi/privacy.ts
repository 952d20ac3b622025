/** Documentation of the privacy lifecycle: webhooks and alerts, consent records, a customer's data requests. */
import { z } from "zod";
import {
  alertDeliverySchema,
  customerDataSchema,
  erasureResultSchema,
  webhookCreatedSchema,
  webhookSchema,
} from "../../../shared/api-schemas";
import { consentsQuerySchema, dataRequestQuerySchema, webhookInputSchema } from "../../../shared/schemas";
import { csv, json, noContent, route } from "./registry";

export const privacyDocs = [
  route({
    id: "createWebhook",
    method: "post",
    path: "/api/sites/:siteId/webhooks",
    tag: "Webhooks",
    access: "owner",
    summary: "Add a webhook for unhappy customers' answers (its signing secret is shown once)",
    body: webhookInputSchema,
    example: { url: "https://hooks.example/feedback" },
    responses: { 201: json("Created, with its HMAC-SHA256 secret", webhookCreatedSchema) },
  }),
  route({
    id: "listWebhooks",
    method: "get",
    path: "/api/sites/:siteId/webhooks",
    tag: "Webhooks",
    access: "owner",
    summary: "The site's webhooks (never their secrets)",
    responses: { 200: json("The webhooks", z.array(webhookSchema)) },
  }),
  route({
    id: "removeWebhook",
    method: "delete",
    path: "/api/sites/:siteId/webhooks/:webhookId",
    tag: "Webhooks",
    access: "owner",
    summary: "Remove a webhook",
    responses: { 204: noContent("Removed") },
  }),
  route({
    id: "listAlerts",
    method: "get",
    path: "/api/sites/:siteId/alerts",
    tag: "Webhooks",
    access: "owner",
    summary: "The latest alert deliveries and their status",
    responses: { 200: json("Newest first", z.array(alertDeliverySchema)) },
  }),
  route({
    id: "consentRecords",
    method: "get",
    path: "/api/sites/:siteId/consents.csv",
    tag: "Privacy",
    access: "viewer",
    summary: "Consent records as CSV: consents given, withdrawals and erasures, without any answer",
    query: consentsQuerySchema,
    exampleQuery: "from=2026-10-01&to=2026-10-31",
    responses: { 200: csv("The CSV file") },
  }),
  route({
    id: "customerData",
    method: "get",
    path: "/api/sites/:siteId/customer-data",
    tag: "Privacy",
    access: "viewer",
    summary: "A customer's access request: every response with a context value, as JSON",
    query: dataRequestQuerySchema,
    exampleQuery: "context=orderId:A-1042",
    responses: { 200: json("The customer's responses (at most 1,000; `count` tells all)", customerDataSchema) },
  }),
  route({
    id: "eraseCustomer",
    method: "delete",
    path: "/api/sites/:siteId/responses",
    tag: "Privacy",
    access: "owner",
    summary: "A customer's erasure request: every response with a context value, and its weight in the aggregates",
    description:
      "Recorded with the consent records (event `erased`). Bounded per request: `more: true` asks to repeat it.",
    query: dataRequestQuerySchema,
    exampleQuery: "context=orderId:A-1042",
    responses: { 200: json("Erased", erasureResultSchema) },
  }),
];
