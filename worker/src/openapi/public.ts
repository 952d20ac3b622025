/** Documentation of the public routes: the widget's files and API (/v1), health. */
import { z } from "zod";
import { deletedCountSchema, siteConfigSchema, submissionResultSchema } from "../../../shared/api-schemas";
import { configQuerySchema, eventInputSchema, forgetInputSchema, responseInputSchema } from "../../../shared/schemas";
import { json, noContent, route } from "./registry";

export const publicDocs = [
  route({
    id: "health",
    method: "get",
    path: "/healthz",
    tag: "Public",
    access: "public",
    summary: "Health check",
    responses: { 200: json("The worker answers", z.object({ ok: z.literal(true) })) },
  }),
  route({
    id: "noop",
    method: "post",
    path: "/v1/noop",
    tag: "Public",
    access: "public",
    summary: "A route that does nothing (the benchmark's ceiling of this worker)",
    responses: { 201: json("Nothing done", z.object({ ok: z.literal(true) })) },
  }),
  route({
    id: "widgetScript",
    method: "get",
    path: "/widget.js",
    tag: "Public",
    access: "public",
    wildcard: true,
    summary: "The widget's loader, which owners paste in a script tag with data-site=SITE_KEY",
    description:
      "CORS for every origin (Subresource Integrity needs it). Content-hashed copies (`/widget.<hash>.js`) " +
      "are cached immutable; `/widget-manifest.json` lists them with their sha384 integrity.",
    responses: { 200: { description: "The script", content: "javascript" } },
    errors: ["not_found"],
  }),
  route({
    id: "siteConfig",
    method: "get",
    path: "/v1/sites/:key/config",
    tag: "Public",
    access: "public",
    summary: "The site's privacy policy, fatigue cap and open surveys, as the widget reads them",
    description:
      "Surveys open now (schedule and quota) and for the visitor's language, lower `priority` first. With an " +
      "`ETag` (304 on `If-None-Match`) and a short `Cache-Control`; CORS for the site's origins.",
    query: configQuerySchema,
    responses: { 200: json("The configuration", siteConfigSchema, { ETag: "a hash of the body" }) },
    errors: ["unknown_site", "origin_not_allowed"],
  }),
  route({
    id: "submitResponse",
    method: "post",
    path: "/v1/responses",
    tag: "Public",
    access: "public",
    summary: "One submission of a survey (JSON or text/plain for navigator.sendBeacon)",
    description:
      "`id` is the client's idempotency key: the same body again answers 200 `duplicate`, another body under " +
      "the same id 422 `id_reused`. In queue mode (`INGEST_MODE=queue`) a valid body may answer 202 `queued`.",
    body: responseInputSchema,
    example: {
      id: "V1StGXR8_Z5jdHi6B-myT",
      site: "SITE_KEY",
      survey: "SURVEY_ID",
      respondent: "secret token made in the browser after consent",
      consent: { granted: true, policy: "2026-11-01" },
      locale: "en",
      page: "https://shop.example/checkout/thank-you",
      context: { orderId: "A-1042" },
      answers: [{ question: "nps", value: 9 }],
    },
    responses: {
      201: json("Stored", submissionResultSchema),
      200: json("The same submission again: counted once", submissionResultSchema),
      202: json("Queued (queue mode)", submissionResultSchema),
    },
    errors: ["unknown_site", "unknown_survey", "origin_not_allowed", "consent_required", "id_reused", "unavailable"],
  }),
  route({
    id: "recordEvent",
    method: "post",
    path: "/v1/events",
    tag: "Public",
    access: "public",
    summary: "An anonymous count of a survey shown, declined or dismissed (the funnel)",
    description: "No id, no token, no address kept: a counter per survey, channel and day.",
    body: eventInputSchema,
    example: { site: "SITE_KEY", survey: "SURVEY_ID", version: 1, event: "shown" },
    responses: { 204: noContent("Counted") },
    errors: ["unknown_site", "unknown_survey", "origin_not_allowed"],
  }),
  route({
    id: "forgetRespondent",
    method: "post",
    path: "/v1/forget",
    tag: "Public",
    access: "public",
    summary: "A customer withdraws consent: every response of that respondent on the site is erased",
    body: forgetInputSchema,
    example: { site: "SITE_KEY", respondent: "secret token made in the browser after consent" },
    responses: { 200: json("Erased, with their weight in every aggregate", deletedCountSchema) },
    errors: ["unknown_site", "origin_not_allowed"],
  }),
];
