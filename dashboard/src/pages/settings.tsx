/** Site settings: snippet (plain and pinned with SRI), privacy settings, API tokens, alert webhooks. */
import { useEffect, useState } from "preact/hooks";
import type { Site } from "../../../shared/types";
import { api } from "../api";
import { CopyButton, ErrorBox, Field } from "../components/form";

interface Token { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
interface Hook { id: string; url: string; createdAt: string }
interface Alert { id: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null; createdAt: string }
interface Manifest { files: Record<string, { hashed: string; integrity: string; gzip: number }> }

export function SettingsPage({ site, onSaved }: { site: Site; onSaved(): Promise<unknown> }) {
  const [form, setForm] = useState({ name: site.name, origins: site.origins.join("\n"), retentionDays: site.retentionDays, policyUrl: site.policyUrl ?? "", policyVersion: site.policyVersion });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [tokens, setTokens] = useState<Token[]>([]);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [hooks, setHooks] = useState<Hook[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [hookUrl, setHookUrl] = useState("");
  const [secret, setSecret] = useState<string | null>(null);

  const reload = () => {
    void api<Token[]>("GET", `/api/sites/${site.id}/tokens`).then(setTokens);
    void api<Hook[]>("GET", `/api/sites/${site.id}/webhooks`).then(setHooks);
    void api<Alert[]>("GET", `/api/sites/${site.id}/alerts`).then(setAlerts);
  };
  useEffect(() => {
    reload();
    fetch("/widget-manifest.json").then((r) => (r.ok ? r.json() : null)).then(setManifest, () => {});
  }, [site.id]);

  const origin = location.origin;
  const snippet = `<script src="${origin}/widget.js" data-site="${site.key}" async></script>`;
  const loader = manifest?.files["widget.js"];
  const pinned = loader ? `<script src="${origin}/${loader.hashed}" integrity="${loader.integrity}" crossorigin="anonymous" data-site="${site.key}" async></script>` : null;

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api("PATCH", `/api/sites/${site.id}`, {
        name: form.name,
        origins: form.origins.split(/[\s,]+/).filter(Boolean),
        retentionDays: form.retentionDays,
        ...(form.policyUrl ? { policyUrl: form.policyUrl } : {}),
        policyVersion: form.policyVersion,
      });
      await onSaved();
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1>Settings</h1>
      <section class="card">
        <h2>Install</h2>
        <p>Paste this before <code>&lt;/body&gt;</code> on every page of your shop. Add <code>data-context-product-id="…"</code> to get satisfaction per product.</p>
        <pre class="snippet" data-testid="snippet">{snippet}</pre>
        <CopyButton text={snippet} label="Copy snippet" />
        {pinned ? (
          <>
            <p>Pinned version with Subresource Integrity (never changes; update it yourself):</p>
            <pre class="snippet">{pinned}</pre>
            <CopyButton text={pinned} label="Copy pinned snippet" />
          </>
        ) : null}
      </section>
      <form class="card" onSubmit={save}>
        <h2>Site and privacy</h2>
        <Field label="Name"><input value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} /></Field>
        <Field label="Allowed origins" hint="One per line."><textarea value={form.origins} onInput={(e) => setForm({ ...form, origins: e.currentTarget.value })} /></Field>
        <Field label="Retention (days)" hint="Raw answers older than this are deleted every hour. Anonymous daily totals (counts and score histograms) are kept, so long-term trends survive.">
          <input type="number" min={1} max={3650} value={form.retentionDays} onInput={(e) => setForm({ ...form, retentionDays: Number(e.currentTarget.value) })} />
        </Field>
        <Field label="Privacy policy URL"><input type="url" value={form.policyUrl} onInput={(e) => setForm({ ...form, policyUrl: e.currentTarget.value })} /></Field>
        <Field label="Privacy policy version" hint="Recorded with every consent."><input value={form.policyVersion} onInput={(e) => setForm({ ...form, policyVersion: e.currentTarget.value })} /></Field>
        <ErrorBox error={error} />
        {saved ? <p role="status" class="ok">Saved.</p> : null}
        <button type="submit">Save</button>
        <a class="button secondary" href={`/api/sites/${site.id}/consents.csv`} download>Download consent records</a>
      </form>
      <section class="card">
        <h2>API tokens</h2>
        {newToken ? <p class="ok" role="status">New token (shown once): <code data-testid="new-token">{newToken}</code> <CopyButton text={newToken} /></p> : null}
        <ul class="plain">
          {tokens.map((t) => (
            <li key={t.id}>
              {t.name} <span class="muted">created {t.createdAt.slice(0, 10)}{t.revokedAt ? ", revoked" : ""}</span>{" "}
              {t.revokedAt ? null : <button type="button" class="link" onClick={async () => (await api("DELETE", `/api/sites/${site.id}/tokens/${t.id}`), reload())}>Revoke</button>}
            </li>
          ))}
        </ul>
        <button type="button" class="secondary" onClick={async () => {
          const name = prompt("Token name") ?? "";
          if (!name) return;
          setNewToken((await api<{ token: string }>("POST", `/api/sites/${site.id}/tokens`, { name })).token);
          reload();
        }}>Create token</button>
      </section>
      <section class="card">
        <h2>Alerts for unhappy customers</h2>
        <p class="muted">Every detractor (NPS 0–6) or unhappy CSAT (1–2) is posted to these webhooks (Slack-compatible <code>text</code>, signed with HMAC-SHA256 in <code>X-Feedback-Signature</code>).</p>
        {secret ? <p class="ok" role="status">Signing secret (shown once): <code>{secret}</code></p> : null}
        <ul class="plain">
          {hooks.map((h) => (
            <li key={h.id}>{h.url} <button type="button" class="link" onClick={async () => (await api("DELETE", `/api/sites/${site.id}/webhooks/${h.id}`), reload())}>Remove</button></li>
          ))}
        </ul>
        <form class="inline" onSubmit={async (e) => {
          e.preventDefault();
          try {
            setSecret((await api<{ secret: string }>("POST", `/api/sites/${site.id}/webhooks`, { url: hookUrl })).secret);
            setHookUrl("");
            reload();
          } catch (err) {
            setError(err);
          }
        }}>
          <input type="url" placeholder="https://hooks.slack.com/…" aria-label="Webhook URL" value={hookUrl} onInput={(e) => setHookUrl(e.currentTarget.value)} />
          <button type="submit" class="secondary">Add webhook</button>
        </form>
        {alerts.length ? (
          <table>
            <caption>Recent alerts</caption>
            <thead><tr><th>Created</th><th>Status</th><th>Attempts</th><th>Last answer</th></tr></thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id}><td>{a.createdAt.slice(0, 16).replace("T", " ")}</td><td><span class={`badge ${a.status}`}>{a.status}</span></td><td>{a.attempts}</td><td>{a.lastStatus ?? a.lastError ?? "—"}</td></tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
