/**
 * docs/API.md, the readable reference, made from the same entries and schemas as the OpenAPI document:
 * one section per route with who may call it, its parameters and body fields, a curl example, its
 * answers and errors. `npm run docs:api` writes it; a test fails while the committed file is stale.
 */
import { z } from "zod";
import { ERROR_STATUS } from "../../../shared/errors";
import { openApiDocument, openApiPath, operation } from "./document";
import { errorCodes, type RouteDoc } from "./registry";
import { API_ROUTES } from "./routes";

type Json = Record<string, unknown>;

const cell = (text: unknown) =>
  String(text ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");

/** A JSON Schema's type in a few words: `string`, `integer ≥ 1`, `"a" | "b"`, `array of string`… */
function typeOf(s: Json | undefined): string {
  if (!s) return "any";
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map(typeOf).join(" or ");
  if (Array.isArray(s.oneOf)) return (s.oneOf as Json[]).map(typeOf).join(" or ");
  if (s.type === "array") return `array of ${typeOf(s.items as Json)}`;
  if (s.type === "object" && !s.properties) return "object";
  const bounds = [
    s.minimum !== undefined && s.minimum !== Number.MIN_SAFE_INTEGER ? `≥ ${s.minimum}` : "",
    s.maximum !== undefined && s.maximum !== Number.MAX_SAFE_INTEGER ? `≤ ${s.maximum}` : "",
    s.maxLength !== undefined ? `≤ ${s.maxLength} chars` : "",
    s.format ? `(${s.format})` : "",
  ].filter(Boolean);
  const type = Array.isArray(s.type) ? s.type.join(" or ") : String(s.type ?? "any");
  return [type, ...bounds].join(" ");
}

function fieldTable(schema: Json | undefined, heading: string): string[] {
  const props = (schema?.properties ?? {}) as Record<string, Json>;
  const names = Object.keys(props);
  if (names.length === 0) return [];
  const required = new Set((schema?.required ?? []) as string[]);
  return [
    `${heading}:`,
    "",
    "| field | type | required | notes |",
    "|---|---|---|---|",
    ...names.map((n) => {
      const p = props[n]!;
      const notes = [p.description, p.default !== undefined ? `default ${JSON.stringify(p.default)}` : ""];
      const need = required.has(n) ? "yes" : "no";
      return `| \`${n}\` | ${cell(typeOf(p))} | ${need} | ${cell(notes.filter(Boolean).join("; "))} |`;
    }),
    "",
  ];
}

const envName = (param: string) => `$${param.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;

export function curlExample(doc: RouteDoc): string {
  const path = doc.path.replace(/:(\w+)/g, (_, p: string) => envName(p));
  const url = `$COLLECTOR${path}${doc.exampleQuery ? `?${doc.exampleQuery}` : ""}`;
  const lines = [`curl${doc.method === "get" ? "" : ` -X ${doc.method.toUpperCase()}`} "${url}"`];
  const signsIn = doc.id === "signup" || doc.id === "login";
  if (signsIn) lines.push(`-c cookies.txt -H "Origin: $COLLECTOR"`);
  else if (doc.access === "person") lines.push(`-b cookies.txt -H "Origin: $COLLECTOR"`);
  else if (doc.access !== "public") lines.push(`-H "Authorization: Bearer $TOKEN"`);
  if (doc.example !== undefined) {
    lines.push(`-H "Content-Type: application/json"`, `-d '${JSON.stringify(doc.example).replace(/'/g, "'\\''")}'`);
  }
  return lines.join(" \\\n  ");
}

const ACCESS_WORDS: Record<RouteDoc["access"], string> = {
  public: "public",
  account: "signed in (session or API token)",
  person: "signed in with a session (not an API token)",
  viewer: "viewer, editor or owner (tokens: read, write or admin)",
  editor: "editor or owner (tokens: write or admin)",
  owner: "owner (tokens: admin)",
};

function section(doc: RouteDoc): string[] {
  const op = operation(doc) as Json;
  const params = ((op.parameters ?? []) as Json[]).filter((p) => p.in === "query");
  const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const answers = Object.entries(doc.responses).map(([status, a]) => {
    const media = a.content === "json" ? "JSON" : a.content === "none" ? "no body" : a.content.toUpperCase();
    return `- \`${status}\` ${a.description} (${media})`;
  });
  const first = Object.values(doc.responses).find((a) => a.schema);
  const shape = first?.schema
    ? (z.toJSONSchema(first.schema, { io: "output", unrepresentable: "any" }) as Json)
    : undefined;
  const answerFields =
    shape?.type === "array"
      ? fieldTable(shape.items as Json, "Each item of the answer")
      : fieldTable(shape, "Fields of the answer");
  const errors = errorCodes(doc)
    .filter((c) => c !== "internal")
    .map((c) => `\`${ERROR_STATUS[c]} ${c}\``);
  return [
    `### ${doc.method.toUpperCase()} ${doc.path}`,
    "",
    `${doc.summary}. **Who:** ${ACCESS_WORDS[doc.access]}.`,
    "",
    ...(doc.description ? [doc.description, ""] : []),
    ...fieldTable(
      {
        properties: Object.fromEntries(params.map((p) => [p.name as string, p.schema as Json])),
        required: params.filter((p) => p.required).map((p) => p.name),
      },
      "Query",
    ),
    ...fieldTable(body?.["application/json"]?.schema as Json | undefined, "Body"),
    "```sh",
    curlExample(doc),
    "```",
    "",
    "Answers:",
    "",
    ...answers,
    ...(errors.length ? [`- errors: ${errors.join(", ")}`] : []),
    "",
    ...answerFields,
  ];
}

export function apiMarkdown(routes: readonly RouteDoc[] = API_ROUTES): string {
  const doc = openApiDocument(routes);
  const tags = [...new Set(routes.map((r) => r.tag))];
  const anchor = (r: RouteDoc) =>
    `${r.method} ${r.path}`
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, "")
      .replace(/ /g, "-");
  return [
    "# API reference",
    "",
    "<!-- Made by `npm run docs:api` from worker/src/openapi (the zod schemas of shared/); do not edit by hand. -->",
    "",
    String((doc.info as Json).description),
    "",
    "The same as an OpenAPI 3.1 document: `GET /api/openapi.json` on any collector. In the examples,",
    "`$COLLECTOR` is the collector's URL, `$TOKEN` an API token (dashboard → Settings → API tokens) and",
    "`cookies.txt` the session that `POST /api/auth/login` stored.",
    "",
    "## Errors",
    "",
    "| status | code |",
    "|---|---|",
    ...Object.entries(ERROR_STATUS).map(([code, status]) => `| ${status} | \`${code}\` |`),
    "",
    "## Routes",
    "",
    ...tags.flatMap((tag) =>
      routes
        .filter((r) => r.tag === tag)
        .map((r) => `- ${tag}: [\`${r.method.toUpperCase()} ${openApiPath(r.path)}\`](#${anchor(r)}) — ${r.summary}`),
    ),
    "",
    ...tags.flatMap((tag) => [`## ${tag}`, "", ...routes.filter((r) => r.tag === tag).flatMap(section)]),
  ].join("\n");
}
