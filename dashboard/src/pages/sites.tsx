/** The owner's sites, and a form to add one. */
import { useState } from "preact/hooks";
import { DEFAULT_RETENTION_DAYS } from "../../../shared/constants";
import type { Site } from "../../../shared/types";
import { api } from "../api";
import { ActionForm, ErrorBox, Field, useAction } from "../components/form";
import { go } from "../route";
import { DeleteAccount } from "../settings/delete-account";

export const parseOrigins = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim().replace(/\/+$/, ""))
    .filter(Boolean);

export function SitesPage({ sites, onCreated }: { sites: Site[] | null; onCreated(): Promise<unknown> }) {
  const [name, setName] = useState("");
  const [origins, setOrigins] = useState("");
  const [retention, setRetention] = useState(DEFAULT_RETENTION_DAYS);
  const create = useAction(async () => {
    const site = await api<{ id: string }>("POST", "/api/sites", {
      name,
      origins: parseOrigins(origins),
      retentionDays: retention,
    });
    await onCreated();
    go(`#/sites/${site.id}/surveys`);
  });

  return (
    <>
      <h1>Your sites</h1>
      {sites === null ? (
        <p class="loading">Loading…</p>
      ) : sites.length === 0 ? (
        <p class="empty">No site yet: add your shop below to get its snippet.</p>
      ) : null}
      <ul class="sites">
        {(sites ?? []).map((s) => (
          <li key={s.id} class="card site-card">
            <a href={`#/sites/${s.id}/results`}>
              <strong>{s.name}</strong>
            </a>
            <span class="muted small">{s.origins.join(", ")}</span>
            <span class="muted small">
              key <span class="key">{s.key}</span> · answers kept {s.retentionDays} days · you are {s.role}
            </span>
            <span class="row start small">
              <a href={`#/sites/${s.id}/queue`}>Customers to answer</a>
              <a href={`#/sites/${s.id}/surveys`}>Surveys</a>
              <a href={`#/sites/${s.id}/settings`}>Settings &amp; snippet</a>
            </span>
          </li>
        ))}
      </ul>
      <ActionForm class="card narrow" action={create}>
        <h2>Add a site</h2>
        <Field label="Site name">
          <input
            name="site-name"
            required
            maxLength={100}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field
          label="Allowed origins"
          hint={
            "Where the widget runs, e.g. https://shop.example (one per line). " +
            "Answers from other origins are refused."
          }
        >
          <textarea name="origins" required value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} />
        </Field>
        <Field
          label="Retention (days)"
          hint="Raw answers are deleted after this many days; anonymous daily totals stay, so scores and trends remain."
        >
          <input
            type="number"
            min={1}
            max={3650}
            required
            value={retention}
            onInput={(e) => setRetention(Number(e.currentTarget.value))}
          />
        </Field>
        <ErrorBox error={create.error} />
        <button type="submit" disabled={create.busy}>
          Create site
        </button>
      </ActionForm>
      <DeleteAccount />
    </>
  );
}
