/**
 * The OpenAPI document, checked in Node (the validator compiles JSON Schemas with `new Function`,
 * which workerd forbids): valid OpenAPI 3.1, examples that pass their own schemas, and docs/API.md
 * as `npm run docs:api` would write it today. That every route of the app is documented is checked in
 * workerd against the router (tests/worker/openapi.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../worker/src/openapi/document";
import { apiMarkdown } from "../../worker/src/openapi/markdown";
import { API_ROUTES } from "../../worker/src/openapi/routes";

describe("the OpenAPI document", () => {
  it("made from the zod schemas › should be a valid OpenAPI 3.1 document", async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    // validate() resolves every $ref and checks the document against the OpenAPI 3.1 schema and its rules.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("a broken document › should be refused by the validator (the check can fail)", async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    doc.paths["/api/sites"]!.get!.responses["2xx"] = { description: "not a status" };
    await expect(SwaggerParser.validate(doc as never)).rejects.toThrow();
  });

  it("every route › should have a unique operationId, an answer and a documented error for each access rule", () => {
    const ids = API_ROUTES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of API_ROUTES) {
      expect(Object.keys(r.responses).length, r.id).toBeGreaterThan(0);
      if (r.access !== "public") expect(JSON.stringify(openApiDocument([r])), r.id).toContain("unauthorized");
    }
  });

  it("every curl example's body › should pass the schema it illustrates", () => {
    for (const r of API_ROUTES.filter((r) => r.body)) {
      expect(r.example, `${r.id} has an example`).toBeDefined();
      const parsed = r.body!.safeParse(r.example);
      expect(parsed.success, `${r.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    for (const r of API_ROUTES.filter((r) => r.query && r.exampleQuery)) {
      const parsed = r.query!.safeParse(Object.fromEntries(new URLSearchParams(r.exampleQuery)));
      expect(parsed.success, r.id).toBe(true);
    }
  });

  it("docs/API.md › should be what npm run docs:api writes from the current schemas", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "docs", "API.md"), "utf8");
    expect(committed, "docs/API.md is stale: run npm run docs:api").toBe(apiMarkdown());
  });
});
