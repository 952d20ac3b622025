/** The hosted survey page: a link, a QR code or an email opens the survey on a page of its own. */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { hostedPage } from "../services/hosted-page";

export const hostedRoutes = new Hono<AppEnv>();

hostedRoutes.get("/:siteKey/:surveyId", async (c) => {
  const { status, html } = await hostedPage(c.env.DB, {
    siteKey: c.req.param("siteKey"),
    surveyId: c.req.param("surveyId"),
    query: new URL(c.req.url).searchParams,
    acceptLanguage: c.req.header("accept-language") ?? null,
  });
  return c.html(html, status, {
    // Personal (the link's order, its signature): never stored by a cache, never indexed.
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    Vary: "Accept-Language",
  });
});
