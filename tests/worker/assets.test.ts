/**
 * The widget's files and the dashboard as served by the worker (Workers static assets from
 * dist/, built by `npm run build` before the tests): CORS and CORP for shops, a long
 * immutable cache for content-hashed copies whose SRI hash matches, a strict CSP for the dashboard.
 */
import { describe, expect, it } from "vitest";
import { call } from "./fixtures";

async function sha384Base64(bytes: ArrayBuffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
  return btoa(String.fromCharCode(...digest));
}

describe("widget files", () => {
  it("/widget.js › should be JavaScript any shop may load, with a short cache", async () => {
    const res = await call("GET", "/widget.js", { origin: "https://any-shop.example" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("cache-control")).toMatch(/max-age=300/);
    expect((await res.text()).length).toBeGreaterThan(500);
  });

  it("content-hashed copies › should be immutable and match the manifest's sha384 integrity", async () => {
    const manifest = (await (await call("GET", "/widget-manifest.json")).json()) as {
      files: Record<string, { hashed: string; integrity: string }>;
    };
    const loader = manifest.files["widget.js"]!;
    expect(loader.hashed).toMatch(/^widget\.[0-9a-f]{8,}\.js$/);
    const res = await call("GET", `/${loader.hashed}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(loader.integrity).toBe(`sha384-${await sha384Base64(await res.arrayBuffer())}`);
  });

  it("a missing widget file › should answer 404 in the error envelope, not the dashboard", async () => {
    const res = await call("GET", "/widget-nothing.js");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

describe("dashboard", () => {
  it("/ › should be the dashboard's HTML with a strict CSP and no framing", async () => {
    const res = await call("GET", "/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(await res.text()).toMatch(/<script[^>]+src=/);
  });
});
