/**
 * The OpenAPI 3.1 document of the API, made from the route entries (./routes.ts) and the shared zod
 * schemas through zod's own JSON Schema output (draft 2020-12, OpenAPI 3.1's dialect): request bodies
 * and query parameters as zod reads them (`io: "input"`), answers as the API writes them.
 */
import { z } from "zod";
import { errorBodySchema } from "../../../shared/api-schemas";
import { ERROR_STATUS, type ErrorCode } from "../../../shared/errors";
import { type Answer, errorCodes, type RouteDoc } from "./registry";
import { API_ROUTES } from "./routes";

type Json = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: "input" | "output"): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
};

/** `/api/sites/:siteId` → `/api/sites/{siteId}` */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

const MEDIA: Record<Answer["content"], string | null> = {
  json: "application/json",
  csv: "text/csv; charset=utf-8",
  javascript: "text/javascript",
  html: "text/html; charset=utf-8",
  svg: "image/svg+xml",
  none: null,
};

function answer(a: Answer): Json {
  const media = MEDIA[a.content];
  return {
    description: a.description,
    ...(a.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(a.headers).map(([k, d]) => [k, { description: d, schema: { type: "string" } }]),
          ),
        }
      : {}),
    ...(media
      ? { content: { [media]: { schema: a.schema ? schemaOf(a.schema, "output") : { type: "string" } } } }
      : {}),
  };
}

/** Error answers grouped by status, each listing its codes. */
function errorAnswers(codes: ErrorCode[]): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: `Error: ${list.map((c) => `\`${c}\``).join(", ")}`,
        ...(status === 429 ? { headers: { "Retry-After": { schema: { type: "integer" } } } } : {}),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );
}

const ACCESS_TEXT: Record<RouteDoc["access"], string> = {
  public: "Public.",
  account: "Signed in (session cookie or API token).",
  person: "Signed in with a session (not with an API token).",
  viewer: "Role viewer or above (a token: scope read or above).",
  editor: "Role editor or above (a token: scope write or above).",
  owner: "Role owner (a token: scope admin).",
};

export function operation(doc: RouteDoc): Json {
  const parameters = [
    ...[...doc.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    })),
    ...(doc.query
      ? Object.entries((schemaOf(doc.query, "input").properties ?? {}) as Record<string, Json>).map(
          ([name, schema]) => ({
            name,
            in: "query",
            required: ((schemaOf(doc.query!, "input").required ?? []) as string[]).includes(name),
            schema,
          }),
        )
      : []),
  ];
  return {
    operationId: doc.id,
    tags: [doc.tag],
    summary: doc.summary,
    description: [ACCESS_TEXT[doc.access], doc.description].filter(Boolean).join("\n\n"),
    ...(doc.access === "public" ? { security: [] } : {}),
    "x-access": doc.access,
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: schemaOf(doc.body, "input"),
                ...(doc.example !== undefined ? { example: doc.example } : {}),
              },
            },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(Object.entries(doc.responses).map(([status, a]) => [status, answer(a)])),
      ...errorAnswers(errorCodes(doc)),
    },
  };
}

export function openApiDocument(routes: readonly RouteDoc[] = API_ROUTES): Json {
  const paths: Record<string, Json> = {};
  for (const doc of routes) {
    const path = openApiPath(doc.path);
    paths[path] = { ...paths[path], [doc.method]: operation(doc) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Feedback collector API",
      version: "1",
      description:
        "Public routes for the widget (/v1) and owner routes (/api). Every JSON error has one shape, " +
        "`{ error: { code, message, issues? } }`. Owner routes take the session cookie of /api/auth/login or " +
        "`Authorization: Bearer TOKEN` (an API token of one site, acting with at most its scope).",
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: schemaOf(errorBodySchema, "output") },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "fb_session" },
        token: { type: "http", scheme: "bearer", description: "An API token of one site (fbt_…)" },
      },
    },
    security: [{ session: [] }, { token: [] }],
  };
}
