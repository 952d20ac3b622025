/** Documentation of the channels beyond the popup: the hosted survey page, signed links, QR codes, the link secret. */
import { z } from "zod";
import {
  hostedPageQuerySchema,
  linkInputSchema,
  qrQuerySchema,
  secretRotationSchema,
} from "../../../shared/link-schemas";
import { type Answer, json, route } from "./registry";

const page = (description: string): Answer => ({ description, content: "html" });

export const channelDocs = [
  route({
    id: "hostedSurveyPage",
    method: "get",
    path: "/s/:siteKey/:surveyId",
    tag: "Channels",
    access: "public",
    summary: "The survey on a page of its own (links, QR codes, emails), drawn by the widget, consent first",
    description: "Served under a strict CSP. What cannot be answered gets a page in the visitor's language, not JSON.",
    query: hostedPageQuerySchema,
    exampleQuery: "ctx.orderId=A-1042&a.nps=9&channel=email&lang=ro",
    responses: {
      200: page("The survey page"),
      403: page("The link's signature is missing, forged or expired (a survey of signed links)"),
      404: page("No such site or survey"),
      409: page("This order (the survey's `links.onePer` value) already has its response"),
      410: page("The survey is paused or closed"),
    },
  }),
  route({
    id: "mintLink",
    method: "post",
    path: "/api/sites/:siteId/surveys/:surveyId/links",
    tag: "Channels",
    access: "editor",
    summary: "A signed link to the survey's page for one customer (e.g. one order), valid for some days",
    body: linkInputSchema,
    example: { context: { orderId: "A-1042" }, expiresInDays: 30, channel: "email" },
    responses: {
      201: json("The link", z.object({ url: z.string(), expiresAt: z.string().describe("ISO 8601") })),
    },
    errors: ["unknown_survey"],
  }),
  route({
    id: "surveyQrCode",
    method: "get",
    path: "/api/sites/:siteId/surveys/:surveyId/qr.svg",
    tag: "Channels",
    access: "viewer",
    summary: "A QR code of the survey's page, to print (signed when the survey takes signed links only)",
    query: qrQuerySchema,
    exampleQuery: "ctx.store=cluj",
    responses: {
      200: {
        description: "An SVG with its printed size in mm",
        content: "svg",
        headers: { "X-Survey-Link": "the link the code holds" },
      },
    },
    errors: ["unknown_survey"],
  }),
  route({
    id: "linkSecretStatus",
    method: "get",
    path: "/api/sites/:siteId/link-secret",
    tag: "Channels",
    access: "owner",
    summary: "When the site's link secret was made, and until when the previous one still verifies links",
    responses: {
      200: json(
        "Never the secret itself",
        z.object({ createdAt: z.string().nullable(), previousValidUntil: z.string().nullable() }),
      ),
    },
  }),
  route({
    id: "rotateLinkSecret",
    method: "post",
    path: "/api/sites/:siteId/link-secret",
    tag: "Channels",
    access: "owner",
    summary: "A new secret for signing links (shown once); the old one verifies links for `keepOldForDays`",
    body: secretRotationSchema,
    example: { keepOldForDays: 7 },
    responses: {
      201: json(
        "The new secret, shown once",
        z.object({ secret: z.string(), createdAt: z.string(), previousValidUntil: z.string().nullable() }),
      ),
    },
  }),
];
