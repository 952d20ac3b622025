import { describe, expect, it } from "vitest";
import { app } from "../../worker/src/index";
import { openApiPath } from "../../worker/src/openapi/document";
import { API_ROUTES } from "../../worker/src/openapi/routes";
import { call, json, servedRoutes, submission, submit, world } from "./fixtures";

const documented = (wildcard: boolean) =>
  API_ROUTES.filter((r) => Boolean(r.wildcard) === wildcard).map((r) => `${r.method.toUpperCase()} ${r.path}`);

describe("GET /api/openapi.json", () => {
  it("every route the app serves › should be documented, and nothing else", () => {
    expect(documented(false).sort()).toEqual(servedRoutes());
    // Entries for files behind a wildcard route (GET /widget*) must match that route.
    const wildcards = app.routes.filter((r) => r.path.includes("*") && r.method === "GET").map((r) => r.path);
    for (const entry of API_ROUTES.filter((r) => r.wildcard)) {
      expect(
        wildcards.some((w) => entry.path.startsWith(w.replace("*", ""))),
        entry.path,
      ).toBe(true);
    }
  });

  it("the document › should be served without an account, listing every route", async () => {
    const res = await call("GET", "/api/openapi.json", { origin: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = await json(res);
    expect(doc.openapi).toBe("3.1.0");
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(API_ROUTES.map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`).sort());
  });

  it("documented answers › should be what the routes really answer", async () => {
    const w = await world();
    expect((await submit(submission(w, { context: { orderId: "A-1" } }))).status).toBe(201);
    const paths: Record<string, string> = {
      listSites: "/api/sites",
      getSite: `/api/sites/${w.site.id}`,
      listSurveys: `/api/sites/${w.site.id}/surveys`,
      getSurvey: `/api/sites/${w.site.id}/surveys/${w.survey.id}`,
      summary: `/api/sites/${w.site.id}/summary`,
      breakdown: `/api/sites/${w.site.id}/breakdown?key=orderId`,
      listResponses: `/api/sites/${w.site.id}/responses`,
      listMembers: `/api/sites/${w.site.id}/members`,
      listTokens: `/api/sites/${w.site.id}/tokens`,
      customerData: `/api/sites/${w.site.id}/customer-data?context=orderId:A-1`,
      me: "/api/auth/me",
      siteConfig: `/v1/sites/${w.site.key}/config`,
      surveyHistory: `/api/sites/${w.site.id}/surveys/${w.survey.id}/history`,
    };
    for (const [id, path] of Object.entries(paths)) {
      const doc = API_ROUTES.find((r) => r.id === id)!;
      const res = await call("GET", path, { cookie: w.owner.cookie });
      expect(res.status, id).toBe(200);
      const body = await json(res);
      const parsed = doc.responses[200]!.schema!.safeParse(body);
      expect(parsed.success, `${id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      // Parsing drops what the schema does not name: an undocumented field would be missing here.
      expect(parsed.data, id).toEqual(body);
    }
  });
});
