/**
 * The API's routes as documentation: one entry per route the app serves, made from the shared zod
 * schemas. GET /api/openapi.json and docs/API.md are built from these entries, and the tests check
 * that every route of the app has one (tests/worker/openapi.test.ts) and that each site route asks
 * exactly the role its entry names (tests/worker/roles.test.ts).
 *
 * Adding a route: add its entry to the file of its area (openapi/*.ts, beside routes/*.ts):
 *   route({ id: "deleteSurvey", method: "delete", path: "/api/sites/:siteId/surveys/:surveyId",
 *           tag: "Surveys", access: "owner", summary: "…", responses: { 204: noContent("Deleted") } })
 */
import type { z } from "zod";
import type { Role } from "../../../shared/constants";
import type { ErrorCode } from "../../../shared/errors";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call a route: `public` anyone; `account` any signed-in caller (session or API token);
 * `person` a signed-in person only (a token gets 403); a role: members of the site with at least that
 * role, or a token whose scope allows it.
 */
export type Access = "public" | "account" | "person" | Role;

export type Content = "json" | "csv" | "javascript" | "html" | "svg" | "none";

export interface Answer {
  description: string;
  content: Content;
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

export interface RouteDoc {
  /** The operationId: a verb and a noun, unique. */
  id: string;
  method: Method;
  /** As Hono writes it: `/api/sites/:siteId/surveys/:surveyId`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A body for the curl example of docs/API.md (checked against `body` by the tests). */
  example?: unknown;
  /** A query string for the curl example, such as `context=orderId:A-1042`. */
  exampleQuery?: string;
  /** The answers besides errors, by status. */
  responses: Record<number, Answer>;
  /** Error codes this route answers besides those its access and body imply. */
  errors?: ErrorCode[];
  /** Served by a wildcard route of the app (static files), not a route of its own. */
  wildcard?: boolean;
}

/** An entry, with its example typed by its body's input. */
export const route = <B extends z.ZodType>(
  doc: Omit<RouteDoc, "body" | "example"> & { body?: B; example?: z.input<B> },
) => doc as RouteDoc;

export const json = (description: string, schema: z.ZodType, headers?: Record<string, string>): Answer => ({
  description,
  content: "json",
  schema,
  ...(headers ? { headers } : {}),
});

export const noContent = (description: string): Answer => ({ description, content: "none" });

export const csv = (description: string): Answer => ({
  description,
  content: "csv",
  headers: { "Content-Disposition": "attachment; filename=…" },
});

/** The error codes a route may answer, from its access, its body and its own list. */
export function errorCodes(doc: RouteDoc): ErrorCode[] {
  const codes = new Set<ErrorCode>(doc.errors ?? []);
  if (doc.body || doc.query) codes.add("invalid_body");
  if (doc.body) codes.add("payload_too_large");
  if (doc.access !== "public") codes.add("unauthorized");
  if (doc.access === "person" || (doc.access !== "public" && doc.access !== "account")) codes.add("forbidden");
  if (doc.access === "viewer" || doc.access === "editor" || doc.access === "owner") codes.add("not_found");
  if (doc.path.startsWith("/api/auth") || doc.path === "/api/account" || doc.path.startsWith("/v1/")) {
    codes.add("rate_limited");
  }
  codes.add("internal");
  return [...codes];
}
