/**
 * Webhooks (owners): every event or only the alerts of unhappy customers, as JSON or as a Slack or
 * Microsoft Teams message; a signed test event on demand; the latest deliveries. A webhook's signing
 * secret is shown once.
 */
import { useEffect, useState } from "preact/hooks";
import type { AlertDelivery, Site, Webhook, WebhookCreated, WebhookTest } from "../../../shared/types";
import { api } from "../api";
import { ConfirmButton, ErrorBox, ShownOnce } from "../components/form";
import { WebhookDeliveries } from "./webhook-deliveries";
import { EVENT_LABELS, FORMAT_LABELS, WebhookForm } from "./webhook-form";

/** What the receiver answered to a test event, in words. */
const testOutcome = (t: WebhookTest) =>
  t.delivered
    ? `Test event delivered: the receiver answered HTTP ${t.status}.`
    : `Test event not delivered: ${t.error ?? `HTTP ${t.status}`}.`;

export function Alerts({ site }: { site: Site }) {
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [deliveries, setDeliveries] = useState<AlertDelivery[]>([]);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [tests, setTests] = useState<Record<string, WebhookTest | "sending">>({});
  const [error, setError] = useState<unknown>(null);
  const reload = () =>
    Promise.all([
      api<Webhook[]>("GET", `/api/sites/${site.id}/webhooks`).then(setHooks),
      api<AlertDelivery[]>("GET", `/api/sites/${site.id}/alerts`).then(setDeliveries),
    ]).catch(setError);
  useEffect(() => void reload(), [site.id]);

  const added = async (h: WebhookCreated) => {
    setSecret({ url: h.url, secret: h.secret });
    await reload();
  };
  const remove = async (id: string) => {
    try {
      await api("DELETE", `/api/sites/${site.id}/webhooks/${id}`);
      await reload();
    } catch (err) {
      setError(err);
    }
  };
  const sendTest = async (id: string) => {
    setError(null);
    setTests((t) => ({ ...t, [id]: "sending" }));
    try {
      const result = await api<WebhookTest>("POST", `/api/sites/${site.id}/webhooks/${id}/test`);
      setTests((t) => ({ ...t, [id]: result }));
    } catch (err) {
      setTests(({ [id]: _, ...rest }) => rest);
      setError(err);
    }
  };

  return (
    <section class="card" aria-labelledby="alerts-h">
      <div class="row">
        <h2 id="alerts-h">Webhooks and alerts</h2>
        <button type="button" class="secondary" onClick={() => void reload()}>
          Refresh
        </button>
      </div>
      <p class="muted">
        Each webhook receives the events you choose: new and completed responses, unhappy customers (held for the rest
        of a partial answer until it completes or 30 minutes pass), erasures, so copies elsewhere can be erased too, and
        follow-up changes. Every request is signed in <code>X-Feedback-Signature</code> (HMAC-SHA256 of the time and the
        body) and retried until delivered.
      </p>
      {secret ? (
        <ShownOnce secret={secret.secret} copyLabel="Copy secret">
          Signing secret for {secret.url}
        </ShownOnce>
      ) : null}
      {hooks?.length ? (
        <ul class="plain hooks">
          {hooks.map((h) => {
            const test = tests[h.id];
            return (
              <li key={h.id} data-webhook={h.id}>
                <div class="row start">
                  <span class="url">{h.url}</span>
                  <span class="badge">{FORMAT_LABELS[h.format].split(" (")[0]}</span>
                  <button
                    type="button"
                    class="secondary"
                    disabled={test === "sending"}
                    onClick={() => void sendTest(h.id)}
                  >
                    {test === "sending" ? "Sending…" : "Send a test event"}
                  </button>
                  <ConfirmButton label="Remove" confirmLabel="Remove webhook" onConfirm={() => remove(h.id)} />
                </div>
                <p class="muted small">{h.events.map((e) => EVENT_LABELS[e]).join(" · ")}</p>
                <p class="small" role="status" data-testid="test-result">
                  {test && test !== "sending" ? testOutcome(test) : ""}
                </p>
              </li>
            );
          })}
        </ul>
      ) : hooks ? (
        <p class="empty">No webhook yet.</p>
      ) : null}
      <WebhookForm siteId={site.id} onAdded={added} />
      <ErrorBox error={error} />
      <WebhookDeliveries deliveries={deliveries} hooks={hooks} />
    </section>
  );
}
