/**
 * Every owner route against every kind of caller, table-driven from the app's router: the role each
 * route needs comes from its documentation entry (worker/src/openapi), so a new route is covered as
 * soon as it exists (openapi.test.ts fails while it has no entry), and a route that asks another role
 * than its entry says fails here.
 */
import { describe, expect, it } from "vitest";
import { ROLES, type Role, roleAllows } from "../../shared/constants";
import { API_ROUTES } from "../../worker/src/openapi/routes";
import {
  apiToken,
  bearer,
  type CallOptions,
  call,
  createSite,
  json,
  member,
  type Owner,
  servedRoutes,
  signup,
  world,
} from "./fixtures";

function entryOf(route: string) {
  const [method, path] = route.split(" ");
  const entry = API_ROUTES.find((r) => r.method.toUpperCase() === method && r.path === path);
  if (!entry) throw new Error(`${route} has no entry in worker/src/openapi (see openapi.test.ts)`);
  return entry;
}

/** The site routes and the role each needs. */
const siteRoutes = servedRoutes()
  .map((route) => ({ route, access: entryOf(route).access }))
  .filter((r) => (ROLES as readonly string[]).includes(r.access)) as { route: string; access: Role }[];

interface Caller {
  name: string;
  /** The role it acts with on the site; null: none at all. */
  role: Role | null;
  opts: CallOptions;
}

/** A request that passes the role check without changing anything: other ids do not exist, bodies are empty. */
const request = (route: string, siteId: string, caller: Caller) => {
  const [method, path] = route.split(" ") as [string, string];
  const url = path.replace(":siteId", siteId).replace(/:\w+/g, "missing-id");
  return call(method, url, { ...caller.opts, ...(method === "GET" || method === "DELETE" ? {} : { body: {} }) });
};

async function callers(owner: Owner, siteId: string): Promise<Caller[]> {
  const other = await createSite(owner, { name: "Other" });
  const cookie = (o: Owner): CallOptions => ({ cookie: o.cookie });
  return [
    { name: "outsider", role: null, opts: cookie(await signup()) },
    { name: "viewer", role: "viewer", opts: cookie(await member(owner, siteId, "viewer")) },
    { name: "editor", role: "editor", opts: cookie(await member(owner, siteId, "editor")) },
    { name: "owner", role: "owner", opts: cookie(owner) },
    { name: "read token", role: "viewer", opts: bearer((await apiToken(owner, siteId, "read")).token) },
    { name: "write token", role: "editor", opts: bearer((await apiToken(owner, siteId, "write")).token) },
    { name: "admin token", role: "owner", opts: bearer((await apiToken(owner, siteId, "admin")).token) },
    { name: "another site's admin token", role: null, opts: bearer((await apiToken(owner, other.id, "admin")).token) },
  ];
}

describe("roles × routes", () => {
  it("the table › covers the contract's site routes", () => {
    const routes = siteRoutes.map((r) => r.route);
    for (const r of ["DELETE /api/sites/:siteId", "POST /api/sites/:siteId/members", "GET /api/sites/:siteId/summary"])
      expect(routes).toContain(r);
    expect(siteRoutes.length).toBeGreaterThan(25);
  });

  it("each site route × each caller › a role below the route's is 403 forbidden, one at or above passes", async () => {
    const w = await world();
    const everyone = await callers(w.owner, w.site.id);
    const failures: string[] = [];
    for (const { route, access } of siteRoutes) {
      const destroys = route === "DELETE /api/sites/:siteId";
      for (const caller of everyone) {
        const allowed = caller.role !== null && roleAllows(caller.role, access);
        // Deleting the whole site is tried on a site of its own, so the other checks keep theirs.
        const siteId = destroys && allowed ? (await createSite(w.owner)).id : w.site.id;
        const target =
          destroys && allowed && caller.opts.headers
            ? { ...caller, opts: bearer((await apiToken(w.owner, siteId, "admin")).token) }
            : caller;
        const res = await request(route, siteId, target);
        const code = res.status >= 400 ? (await json(res)).error.code : null;
        const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === 403 && code === "forbidden";
        if (!ok) failures.push(`${route} as ${caller.name} (needs ${access}): ${res.status} ${code}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("a site that does not exist › is 404 for everyone, a missing sign-in 401", async () => {
    const w = await world();
    for (const { route } of siteRoutes) {
      const caller: Caller = { name: "owner", role: "owner", opts: { cookie: w.owner.cookie } };
      const res = await request(route, "site_missing", caller);
      expect(res.status, route).toBe(404);
      const anonymous = await request(route, w.site.id, { name: "nobody", role: null, opts: {} });
      expect(anonymous.status, route).toBe(401);
    }
  });

  it("account routes › tokens may read the account's sites but not act as a person", async () => {
    const w = await world();
    const token = bearer((await apiToken(w.owner, w.site.id, "admin")).token);
    const routes = servedRoutes().filter((r) => ["account", "person"].includes(entryOf(r).access));
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      const url = path.replace(/:\w+/g, "missing-id");
      const body = method === "GET" ? {} : { body: {} };
      const asToken = await call(method, url, { ...token, ...body });
      if (entryOf(route).access === "person") expect(asToken.status, route).toBe(403);
      else expect(asToken.status, route).toBe(200);
      const asPerson = await call(method, url, { cookie: w.owner.cookie, ...body });
      expect([401, 403], route).not.toContain(asPerson.status);
    }
  });
});
