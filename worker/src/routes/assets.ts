/**
 * Documents and static files. The OpenAPI document (made once per isolate from the zod schemas), and from
 * Workers static assets: the widget (CORS for every origin, since it is
 * a public script loaded by shops and by SRI with crossorigin="anonymous") and the dashboard.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { openApiDocument } from "../openapi/document";

const HASHED = /^\/widget[\w-]*\.[0-9a-f]{8,}\.js$/;

export async function serveWidgetFile(c: Context<AppEnv>): Promise<Response> {
  const res = await c.env.ASSETS.fetch(new Request(c.req.url, { headers: c.req.raw.headers }));
  if (res.status === 404 || (res.headers.get("content-type") ?? "").includes("text/html")) {
    return c.json({ error: { code: "not_found", message: "no such file" } }, 404);
  }
  const out = new Response(res.body, res);
  out.headers.set("Access-Control-Allow-Origin", "*");
  out.headers.set("Timing-Allow-Origin", "*");
  // Content-hashed copies never change; the short names stay fresh for owners who want updates.
  out.headers.set(
    "Cache-Control",
    HASHED.test(c.req.path)
      ? "public, max-age=31536000, immutable"
      : "public, max-age=300, stale-while-revalidate=3600",
  );
  return out;
}

export async function serveDashboard(c: Context<AppEnv>): Promise<Response> {
  const res = await c.env.ASSETS.fetch(c.req.raw);
  const out = new Response(res.body, res);
  if ((out.headers.get("content-type") ?? "").includes("text/html")) out.headers.set("Cache-Control", "no-cache");
  return out;
}

let openApiJson: string | undefined;

/** GET /api/openapi.json: public, so integrators and tools can read it without an account. */
export function serveOpenApi(): Response {
  openApiJson ??= JSON.stringify(openApiDocument());
  return new Response(openApiJson, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
