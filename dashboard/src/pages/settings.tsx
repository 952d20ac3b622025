/** Site settings: snippet (plain and pinned with SRI), site and privacy settings, API tokens, alert webhooks. */
import { useEffect, useState } from "preact/hooks";
import type { Site } from "../../../shared/types";
import { api } from "../api";
import { Download } from "../components/download";
import { ConfirmButton, CopyButton, ErrorBox, Field, isoDay, useAction } from "../components/form";
import { parseOrigins } from "./sites";

interface Token {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface Hook {
  id: string;
  url: string;
  createdAt: string;
}
interface Alert {
  id: string;
  webhook: string;
  response: string | null;
  status: "pending" | "retrying" | "delivered" | "dead" | "erased";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
}
interface Manifest {
  files: Record<string, { hashed: string; integrity: string }>;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export function SettingsPage({ site, onSaved }: { site: Site; onSaved(): Promise<unknown> }) {
  return (
    <>
      <h1>Settings</h1>
      <Snippet site={site} />
      <SiteForm site={site} onSaved={onSaved} />
      <Tokens site={site} />
      <Alerts site={site} />
    </>
  );
}

function Snippet({ site }: { site: Site }) {
  const [manifest, setManifest] = useState<Manifest | null>(null);
  useEffect(() => {
    fetch("/widget-manifest.json", { credentials: "same-origin" })
      .then((r) => (r.ok ? (r.json() as Promise<Manifest>) : null))
      .then(
        (m) => setManifest(m?.files?.["widget.js"] ? m : null),
        () => setManifest(null),
      );
  }, []);
  const origin = location.origin;
  const snippet = `<script src="${origin}/widget.js" data-site="${site.key}" async></script>`;
  const loader = manifest?.files["widget.js"];
  const pinned = loader
    ? `<script src="${origin}/${loader.hashed.replace(/^\//, "")}" integrity="${loader.integrity}" crossorigin="anonymous" data-site="${site.key}" async></script>`
    : null;
  return (
    <section class="card" aria-labelledby="install-h">
      <h2 id="install-h">Install the widget</h2>
      <p>
        Paste this before <code>&lt;/body&gt;</code> on every page of your shop. Add{" "}
        <code>data-context-product-id="…"</code> (or any <code>data-context-*</code>) to get satisfaction per product.
      </p>
      <pre class="snippet" data-testid="snippet">
        {snippet}
      </pre>
      <CopyButton text={snippet} label="Copy snippet" />
      {pinned ? (
        <>
          <p>
            Pinned version with Subresource Integrity: the browser refuses the file if it ever changes. Update it
            yourself when we publish a new widget.
          </p>
          <pre class="snippet" data-testid="snippet-sri">
            {pinned}
          </pre>
          <CopyButton text={pinned} label="Copy pinned snippet" />
        </>
      ) : null}
    </section>
  );
}

function SiteForm({ site, onSaved }: { site: Site; onSaved(): Promise<unknown> }) {
  const [form, setForm] = useState({
    name: site.name,
    origins: site.origins.join("\n"),
    retentionDays: site.retentionDays,
    policyUrl: site.policyUrl ?? "",
    policyVersion: site.policyVersion,
  });
  const [saved, setSaved] = useState(false);
  const [from, setFrom] = useState(isoDay(29));
  const [to, setTo] = useState(isoDay(0));
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
    });
    await onSaved();
    setSaved(true);
  });

  return (
    <>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
        aria-labelledby="site-h"
      >
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
            hint="Raw answers (text, context, page) older than this are deleted. Anonymous daily totals (counts and score histograms) are kept, so long-term scores and trends survive."
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
            hint="Linked from the consent step of the widget. To change it, enter the new address (an empty field keeps the current one)."
          >
            <input
              type="url"
              placeholder="https://shop.example/privacy"
              value={form.policyUrl}
              onInput={(e) => set({ policyUrl: e.currentTarget.value })}
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
      </form>
      <section class="card" aria-labelledby="consent-h">
        <h2 id="consent-h">Consent records</h2>
        <p class="muted">
          Who agreed to which policy version and when (pseudonymous), and every withdrawal, as CSV. No answers are in
          this file.
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
          <Download
            href={`/api/sites/${site.id}/consents.csv?from=${from}&to=${to}`}
            label="Download consent records"
          />
        </div>
      </section>
    </>
  );
}

function Tokens({ site }: { site: Site }) {
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => api<Token[]>("GET", `/api/sites/${site.id}/tokens`).then(setTokens, setError);
  useEffect(() => void reload(), [site.id]);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const t = await api<{ name: string; token: string }>("POST", `/api/sites/${site.id}/tokens`, {
        name: name.trim(),
      });
      setCreated({ name: t.name ?? name, token: t.token });
      setName("");
      await reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (id: string) => {
    setError(null);
    try {
      await api("DELETE", `/api/sites/${site.id}/tokens/${id}`);
      await reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section class="card" aria-labelledby="tokens-h">
      <h2 id="tokens-h">API tokens</h2>
      <p class="muted">
        For scripts and reports: send <code>Authorization: Bearer TOKEN</code> to the owner API of this site only.
      </p>
      {created ? (
        <div class="notice" role="status">
          <p>
            Token “{created.name}” — copy it now, it is <strong>shown only once</strong>:
          </p>
          <code class="secret" data-testid="new-token">
            {created.token}
          </code>{" "}
          <CopyButton text={created.token} label="Copy token" />
        </div>
      ) : null}
      {tokens === null ? (
        <p class="loading">Loading…</p>
      ) : tokens.length === 0 ? (
        <p class="empty">No token yet.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{when(t.createdAt)}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>
                    {t.revokedAt ? (
                      <span class="badge dead">revoked {new Date(t.revokedAt).toLocaleDateString()}</span>
                    ) : (
                      <span class="badge delivered">active</span>
                    )}
                  </td>
                  <td>
                    {t.revokedAt ? null : (
                      <ConfirmButton
                        label="Revoke"
                        confirmLabel={`Revoke “${t.name}”`}
                        onConfirm={() => revoke(t.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="inline" onSubmit={create}>
        <input
          required
          maxLength={100}
          aria-label="New token name"
          placeholder="Token name, e.g. weekly report"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="secondary">
          Create token
        </button>
      </form>
      <ErrorBox error={error} />
    </section>
  );
}

function Alerts({ site }: { site: Site }) {
  const [hooks, setHooks] = useState<Hook[] | null>(null);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () =>
    Promise.all([
      api<Hook[]>("GET", `/api/sites/${site.id}/webhooks`).then(setHooks),
      api<Alert[]>("GET", `/api/sites/${site.id}/alerts`).then(setAlerts),
    ]).catch(setError);
  useEffect(() => void reload(), [site.id]);

  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const h = await api<{ url: string; secret: string }>("POST", `/api/sites/${site.id}/webhooks`, {
        url: url.trim(),
      });
      setSecret({ url: h.url, secret: h.secret });
      setUrl("");
      await reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (id: string) => {
    try {
      await api("DELETE", `/api/sites/${site.id}/webhooks/${id}`);
      await reload();
    } catch (err) {
      setError(err);
    }
  };
  const hookUrl = (id: string) => hooks?.find((h) => h.id === id)?.url ?? "removed webhook";

  return (
    <section class="card" aria-labelledby="alerts-h">
      <div class="row">
        <h2 id="alerts-h">Alerts for unhappy customers</h2>
        <button type="button" class="secondary" onClick={() => void reload()}>
          Refresh
        </button>
      </div>
      <p class="muted">
        Every detractor (NPS 0–6) or unhappy CSAT (1–2) is posted to these webhooks (Slack-compatible <code>text</code>,
        signed with HMAC-SHA256 in <code>X-Feedback-Signature</code>). Failed deliveries are retried.
      </p>
      {secret ? (
        <div class="notice" role="status">
          <p>
            Signing secret for {secret.url} — copy it now, it is <strong>shown only once</strong>:
          </p>
          <code class="secret">{secret.secret}</code> <CopyButton text={secret.secret} label="Copy secret" />
        </div>
      ) : null}
      {hooks?.length ? (
        <ul class="plain hooks">
          {hooks.map((h) => (
            <li key={h.id} class="row start">
              <span class="url">{h.url}</span>
              <span class="muted small">since {new Date(h.createdAt).toLocaleDateString()}</span>
              <ConfirmButton label="Remove" confirmLabel="Remove webhook" onConfirm={() => remove(h.id)} />
            </li>
          ))}
        </ul>
      ) : hooks ? (
        <p class="empty">No webhook yet.</p>
      ) : null}
      <form class="inline" onSubmit={add}>
        <input
          type="url"
          required
          placeholder="https://hooks.slack.com/services/…"
          aria-label="Webhook URL"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <button type="submit" class="secondary">
          Add webhook
        </button>
      </form>
      <ErrorBox error={error} />
      {alerts.length ? (
        <div class="table-scroll">
          <table>
            <caption>Recent alert deliveries</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Webhook</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Attempts
                </th>
                <th scope="col">Last result</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id}>
                  <td>{when(a.createdAt)}</td>
                  <td class="url">{hookUrl(a.webhook)}</td>
                  <td>
                    <span class={`badge ${a.status}`}>{a.status}</span>
                  </td>
                  <td class="num">{a.attempts}</td>
                  <td>
                    {a.lastStatus ? `HTTP ${a.lastStatus}` : ""}
                    {a.lastError ? ` ${a.lastError}` : ""}
                    {!a.lastStatus && !a.lastError ? "—" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted small">No alert sent yet.</p>
      )}
    </section>
  );
}
