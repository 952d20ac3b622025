/**
 * Beyond the popup, for one saved survey: the link of its hosted page (by channel and language), its
 * QR code, the email snippet of its NPS question, signed links when the survey takes only those, and
 * the element that draws it in place on the shop's pages.
 */
import "./share.css";
import { useState } from "preact/hooks";
import { BUILT_IN_LOCALES, LINK_CHANNELS, type LinkChannel } from "../../../shared/constants";
import { hostedUrl } from "../../../shared/hosted-url";
import type { Site, Survey } from "../../../shared/types";
import { qs } from "../api";
import { CopyButton, Field } from "../components/form";
import { EmailSnippet } from "./email-snippet";
import { QrCode } from "./qr-code";
import { SignedLinks } from "./signed-links";

const CHANNEL_LABEL: Record<LinkChannel, string> = { link: "Link", qr: "QR code", email: "Email" };

export function SharePanel({ site, survey }: { site: Site; survey: Survey }) {
  const [channel, setChannel] = useState<LinkChannel>("link");
  const [lang, setLang] = useState("");
  const base = location.origin;
  const signed = !!survey.links?.signed;
  const link = hostedUrl(base, site.key, survey.id, { channel, lang: lang || undefined });
  const embed = `<div data-feedback-survey="${survey.id}"></div>`;
  const qr = `/api/sites/${site.id}/surveys/${survey.id}/qr.svg${qs({ lang })}`;
  return (
    <section class="card share" aria-labelledby="share-h">
      <h2 id="share-h">Share “{survey.name}” beyond the popup</h2>
      <div class="row start">
        <Field label="Channel (recorded with each answer)">
          <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as LinkChannel)}>
            {LINK_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABEL[c]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Language">
          <select value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
            <option value="">The customer's browser</option>
            {BUILT_IN_LOCALES.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <h3>Link</h3>
      {signed ? (
        <SignedLinks site={site} survey={survey} />
      ) : (
        <p class="row start">
          <code class="link-url" data-testid="survey-link">
            {link}
          </code>
          <CopyButton text={link} label="Copy link" />
          <a class="button secondary" href={link} target="_blank" rel="noopener noreferrer">
            Open
          </a>
        </p>
      )}
      {signed ? null : (
        <>
          <h3>QR code</h3>
          <QrCode href={qr} name={`qr-${survey.id}`} label={`QR code of the link to “${survey.name}”`} />
        </>
      )}
      <h3>Email</h3>
      <EmailSnippet site={site} survey={survey} base={base} lang={lang || "en"} />
      <h3>On your pages</h3>
      <p class="muted small">
        Where the snippet is on the page, this element draws the survey in place (an order-status page), with the
        customer's consent first; <code>data-context-order-id="A-1042"</code> on it adds the order.
      </p>
      <p class="row start">
        <code data-testid="embed-snippet">{embed}</code>
        <CopyButton text={embed} label="Copy element" />
      </p>
    </section>
  );
}
