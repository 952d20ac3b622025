/**
 * The address of a survey's hosted page, made the same way by the collector (minted links, QR codes)
 * and the dashboard (share panel, email snippet):
 * `https://collector/s/KEY/SURVEY?ctx.orderId=A-1042&a.nps=9&channel=email&lang=ro&sig=…`.
 */
import type { LinkChannel } from "./constants";

/** What the address says besides its survey, in this order. */
interface LinkParams {
  /** The shop's context (`ctx.<key>`): an order, a store. */
  context?: Record<string, string> | undefined;
  /** Prefilled answers (`a.<question>`), e.g. the score clicked in an email. */
  answers?: Record<string, string> | undefined;
  channel?: LinkChannel | undefined;
  lang?: string | undefined;
  sig?: string | undefined;
}

/**
 * Values are percent-encoded except `{` and `}`, so that an email tool's placeholder such as
 * `{{order_id}}` stays as written and is filled in when the email is sent.
 */
const encode = (v: string) => encodeURIComponent(v).replace(/%7B/g, "{").replace(/%7D/g, "}");

export function hostedUrl(base: string, siteKey: string, surveyId: string, p: LinkParams = {}): string {
  const query = [
    ...Object.entries(p.context ?? {}).map(([k, v]) => `ctx.${k}=${encode(v)}`),
    ...Object.entries(p.answers ?? {}).map(([k, v]) => `a.${k}=${encode(v)}`),
    ...(p.channel && p.channel !== "link" ? [`channel=${p.channel}`] : []),
    ...(p.lang ? [`lang=${encode(p.lang)}`] : []),
    ...(p.sig ? [`sig=${encode(p.sig)}`] : []),
  ].join("&");
  const path = `/s/${encodeURIComponent(siteKey)}/${encodeURIComponent(surveyId)}`;
  return `${base.replace(/\/+$/, "")}${path}${query ? `?${query}` : ""}`;
}
