/** The owner's sites, and a form to add one. */
import { useState } from "preact/hooks";
import type { Site } from "../../../shared/types";
import { api } from "../api";
import { ErrorBox, Field } from "../components/form";
import { go } from "../route";

export function SitesPage({ sites, onCreated }: { sites: Site[]; onCreated(): Promise<unknown> }) {
  const [name, setName] = useState("");
  const [origins, setOrigins] = useState("");
  const [retention, setRetention] = useState(365);
  const [error, setError] = useState<unknown>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const site = await api<Site>("POST", "/api/sites", {
        name,
        origins: origins.split(/[\s,]+/).filter(Boolean),
        retentionDays: retention,
      });
      await onCreated();
      go(`#/sites/${site.id}/surveys`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1>Your sites</h1>
      {sites.length === 0 ? <p class="empty">No site yet: add your shop below to get its snippet.</p> : null}
      <ul class="sites">
        {sites.map((s) => (
          <li key={s.id} class="card">
            <a href={`#/sites/${s.id}/results`}><strong>{s.name}</strong></a>
            <span class="muted">{s.origins.join(", ")}</span>
          </li>
        ))}
      </ul>
      <form class="card narrow" onSubmit={create}>
        <h2>Add a site</h2>
        <Field label="Site name">
          <input name="site-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label="Allowed origins" hint="Where the widget runs, e.g. https://shop.example (one per line).">
          <textarea name="origins" required value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} />
        </Field>
        <Field label="Retention (days)" hint="Raw answers are deleted after this; anonymous daily totals stay for trends.">
          <input type="number" min={1} max={3650} value={retention} onInput={(e) => setRetention(Number(e.currentTarget.value))} />
        </Field>
        <ErrorBox error={error} />
        <button type="submit">Create site</button>
      </form>
    </>
  );
}
