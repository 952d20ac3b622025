/** A site's settings and privacy (owners), and its consent records as CSV (every member). */
import { useState } from "preact/hooks";
import type { Site } from "../../../shared/types";
import { api } from "../api";
import { Download } from "../components/download";
import { ActionForm, ErrorBox, Field, isoDay, useAction } from "../components/form";
import { parseOrigins } from "../pages/sites";

export function SiteForm({ site, onSaved }: { site: Site; onSaved(): Promise<unknown> }) {
  const [form, setForm] = useState({
    name: site.name,
    origins: site.origins.join("\n"),
    retentionDays: site.retentionDays,
    policyUrl: site.policyUrl ?? "",
    policyVersion: site.policyVersion,
    fatigueDays: site.fatigueDays,
  });
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    setSaved(false);
  };

  const save = useAction(async () => {
    await api("PATCH", `/api/sites/${site.id}`, {
      name: form.name,
      origins: parseOrigins(form.origins),
      retentionDays: form.retentionDays,
      // The API has no way to clear the URL: an empty field leaves it unchanged.
      ...(form.policyUrl.trim() ? { policyUrl: form.policyUrl.trim() } : {}),
      policyVersion: form.policyVersion,
      fatigueDays: form.fatigueDays,
    });
    await onSaved();
    setSaved(true);
  });

  return (
    <ActionForm class="card" aria-labelledby="site-h" action={save}>
      <h2 id="site-h">Site and privacy</h2>
      <div class="grid-2">
        <Field label="Name">
          <input required maxLength={100} value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        </Field>
        <Field label="Site key" hint="Public: it is in the snippet.">
          <input readOnly value={site.key} />
        </Field>
        <Field
          label="Allowed origins"
          hint="One per line, e.g. https://shop.example. Answers from other origins are refused."
        >
          <textarea value={form.origins} onInput={(e) => set({ origins: e.currentTarget.value })} />
        </Field>
        <Field
          label="Retention (days)"
          hint={
            "Raw answers (text, context, page) older than this are deleted. Anonymous daily totals " +
            "(counts and score histograms) are kept, so long-term scores and trends survive."
          }
        >
          <input
            type="number"
            min={1}
            max={3650}
            value={form.retentionDays}
            onInput={(e) => set({ retentionDays: Number(e.currentTarget.value) })}
          />
        </Field>
        <Field
          label="Privacy policy URL"
          hint={
            "Linked from the consent step of the widget. To change it, enter the new address " +
            "(an empty field keeps the current one)."
          }
        >
          <input
            type="url"
            placeholder="https://shop.example/privacy"
            value={form.policyUrl}
            onInput={(e) => set({ policyUrl: e.currentTarget.value })}
          />
        </Field>
        <Field
          label="Rest between surveys (days)"
          hint={
            "After any survey of this site was shown to a visitor, no other is shown to them for this " +
            "many days. 0: no rest."
          }
        >
          <input
            type="number"
            min={0}
            max={365}
            value={form.fatigueDays}
            onInput={(e) => set({ fatigueDays: Number(e.currentTarget.value) })}
          />
        </Field>
        <Field label="Privacy policy version" hint="Recorded with every consent; change it when the policy changes.">
          <input value={form.policyVersion} onInput={(e) => set({ policyVersion: e.currentTarget.value })} />
        </Field>
      </div>
      <ErrorBox error={save.error} />
      {saved ? (
        <p role="status" class="ok">
          Saved.
        </p>
      ) : null}
      <button type="submit" disabled={save.busy}>
        Save settings
      </button>
    </ActionForm>
  );
}
export function ConsentRecords({ site }: { site: Site }) {
  const [from, setFrom] = useState(isoDay(29));
  const [to, setTo] = useState(isoDay(0));
  return (
    <section class="card" aria-labelledby="consent-h">
      <h2 id="consent-h">Consent records</h2>
      <p class="muted">
        Who agreed to which policy version and when (pseudonymous), every withdrawal and every erasure of a customer's
        data, as CSV. No answers are in this file.
      </p>
      <div class="row start">
        <label class="inline">
          From{" "}
          <input
            type="date"
            value={from}
            max={to}
            onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)}
          />
        </label>
        <label class="inline">
          To{" "}
          <input
            type="date"
            value={to}
            min={from}
            onChange={(e) => e.currentTarget.value && setTo(e.currentTarget.value)}
          />
        </label>
        <Download href={`/api/sites/${site.id}/consents.csv?from=${from}&to=${to}`} label="Download consent records" />
      </div>
    </section>
  );
}
