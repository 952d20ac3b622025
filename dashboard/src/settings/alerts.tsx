/** Webhooks for unhappy customers and their deliveries (owners); a webhook's secret is shown once. */
import { useEffect, useState } from "preact/hooks";
import type { AlertDelivery, Site, Webhook, WebhookCreated } from "../../../shared/types";
import { api } from "../api";
import { ConfirmButton, CopyButton, ErrorBox } from "../components/form";
import { when } from "../format";

export function Alerts({ site }: { site: Site }) {
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [alerts, setAlerts] = useState<AlertDelivery[]>([]);
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () =>
    Promise.all([
      api<Webhook[]>("GET", `/api/sites/${site.id}/webhooks`).then(setHooks),
      api<AlertDelivery[]>("GET", `/api/sites/${site.id}/alerts`).then(setAlerts),
    ]).catch(setError);
  useEffect(() => void reload(), [site.id]);

  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const h = await api<WebhookCreated>("POST", `/api/sites/${site.id}/webhooks`, {
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
