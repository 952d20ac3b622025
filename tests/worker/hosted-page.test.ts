/**
 * The hosted survey page as the collector serves it: strict CSP, no inline script or style, the
 * visitor's language, the link's context and a valid prefilled first answer; friendly pages (HTML,
 * not JSON) for what cannot be answered; and the QR code of a survey's page.
 */
import { describe, expect, it } from "vitest";
import { BASE, call, SURVEY, world } from "./fixtures";

/** The JSON the page hands to widget-hosted.js. */
async function pageData(res: Response) {
  const html = await res.text();
  const block = /<script type="application\/json" id="fb-page">([\s\S]*?)<\/script>/.exec(html);
  expect(block, html).not.toBeNull();
  return { html, data: JSON.parse(block![1]!) };
}

describe("GET /s/:siteKey/:surveyId", () => {
  it("a link from an email › in place, in Romanian, with the order and the score, strict CSP", async () => {
    const w = await world();
    const res = await call(
      "GET",
      `/s/${w.site.key}/${w.survey.id}?lang=ro&ctx.orderId=A-1042&ctx.bad%20key=x&a.nps=9&channel=email`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    const { html, data } = await pageData(res);
    expect(html).toContain('<html lang="ro" dir="ltr">');
    expect(html).toContain("Părerea ta");
    // Every script is a file of the collector or a JSON data block; no style attribute or element.
    for (const tag of html.match(/<script[^>]*>/g) ?? [])
      expect(tag).toMatch(/src="\.\.\/\.\.\/widget-hosted\.js"|application\/json/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    expect(data).toMatchObject({
      site: w.site.key,
      locale: "ro",
      channel: "email",
      context: { orderId: "A-1042" },
      prefill: { nps: 9 },
      policy: { version: "2026-11-01", url: "https://shop.example/privacy", retentionDays: 365 },
      survey: { id: w.survey.id, plus: true, colors: { accent: "#0a7cff" } },
    });
    expect(data.sig).toBeUndefined();
  });

  it("the visitor's language › lang=, then Accept-Language by weight, then English; Arabic RTL", async () => {
    const w = await world();
    const path = `/s/${w.site.key}/${w.survey.id}`;
    const lang = async (query: string, header?: string) =>
      (await pageData(await call("GET", path + query, header ? { headers: { "accept-language": header } } : {}))).data
        .locale;
    expect(await lang("?lang=pl", "ro")).toBe("pl");
    expect(await lang("", "xx, cs;q=0.5, de;q=0.8")).toBe("de");
    expect(await lang("", "ja")).toBe("en");
    const ar = await call("GET", `${path}?lang=ar`);
    expect((await ar.text()).includes('<html lang="ar" dir="rtl">')).toBe(true);
  });

  it("a prefilled answer › kept only when it is a valid answer to the first question", async () => {
    const w = await world();
    const path = `/s/${w.site.key}/${w.survey.id}`;
    const prefill = async (q: string) => (await pageData(await call("GET", `${path}?${q}`))).data.prefill;
    expect(await prefill("a.nps=0")).toEqual({ nps: 0 });
    for (const bad of ["a.nps=11", "a.nps=abc", "a.nps=4.5", "a.nps=", "a.csat=4", "a.why=hello"]) {
      expect(await prefill(bad), bad).toEqual({});
    }
  });

  it("an unknown site or survey, a paused or ended survey › a page in the visitor's language, not JSON", async () => {
    const w = await world();
    const unknown = await call("GET", `/s/pk_nope/${w.survey.id}?lang=fr`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("text/html");
    expect(await unknown.text()).toContain("Questionnaire introuvable");
    const missing = await call("GET", `/s/${w.site.key}/srv_nope`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Survey not found");
    await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: { ...SURVEY, active: false },
    });
    const closed = await call("GET", `/s/${w.site.key}/${w.survey.id}`, { headers: { "accept-language": "es" } });
    expect(closed.status).toBe(410);
    const html = await closed.text();
    expect(html).toContain("Esta encuesta está cerrada");
    expect(html).toContain('<a href="https://shop.example/privacy">Política de privacidad</a>');
    // Past its end date: closed as well, as the config and the collector say.
    await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: { ...SURVEY, schedule: { endsAt: "2020-01-01T00:00:00Z" } },
    });
    expect((await call("GET", `/s/${w.site.key}/${w.survey.id}`)).status).toBe(410);
  });

  it("a shop's name or survey text with markup › written as text", async () => {
    const w = await world();
    await call("PATCH", `/api/sites/${w.site.id}`, {
      cookie: w.owner.cookie,
      body: { name: "<img src=x onerror=alert(1)>" },
    });
    const res = await call("GET", `/s/${w.site.key}/${w.survey.id}?ctx.orderId=%3C/script%3E%3Cscript%3Ealert(1)`);
    const html = await res.text();
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("</script><script>alert(1)");
    expect((await pageData(new Response(html))).data.context.orderId).toBe("</script><script>alert(1)");
  });
});

describe("GET /api/sites/:siteId/surveys/:surveyId/qr.svg", () => {
  it("a survey › an SVG to print, of the page's link with channel=qr and the shop's context", async () => {
    const w = await world();
    const res = await call("GET", `/api/sites/${w.site.id}/surveys/${w.survey.id}/qr.svg?ctx.store=cluj&lang=ro`, {
      cookie: w.owner.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
    const link = `${BASE}/s/${w.site.key}/${w.survey.id}?ctx.store=cluj&channel=qr&lang=ro`;
    expect(res.headers.get("x-survey-link")).toBe(link);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1" width="[\d.]+mm"/);
    expect(svg).toContain('fill="#fff"');
    expect((await call("GET", link.slice(BASE.length))).status).toBe(200);
  });

  it("a survey of signed links › the QR code's link is signed for the order; without one › 400", async () => {
    const w = await world();
    await call("PUT", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, {
      cookie: w.owner.cookie,
      body: { ...SURVEY, links: { signed: true, onePer: "orderId" } },
    });
    const path = `/api/sites/${w.site.id}/surveys/${w.survey.id}/qr.svg`;
    const res = await call("GET", `${path}?ctx.orderId=A-7`, { cookie: w.owner.cookie });
    expect(res.status).toBe(200);
    const link = new URL(res.headers.get("x-survey-link")!);
    expect(link.searchParams.get("sig")).toMatch(/^\d+\.[\w-]{43}$/);
    expect((await call("GET", link.pathname + link.search)).status).toBe(200);
    const none = await call("GET", path, { cookie: w.owner.cookie });
    expect(none.status).toBe(400);
    expect((await none.json<any>()).error.issues[0].path).toBe("ctx.orderId");
    expect((await call("GET", path)).status).toBe(401);
  });
});
