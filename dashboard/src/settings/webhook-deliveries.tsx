/** The latest deliveries of the site's webhooks: which event, where, and what became of it. */
import type { AlertDelivery, Webhook } from "../../../shared/types";
import { when } from "../format";

export function WebhookDeliveries({ deliveries, hooks }: { deliveries: AlertDelivery[]; hooks: Webhook[] | null }) {
  if (!deliveries.length) return <p class="muted small">No event sent yet.</p>;
  const hookUrl = (id: string) => hooks?.find((h) => h.id === id)?.url ?? "removed webhook";
  return (
    <div class="table-scroll">
      <table>
        <caption>Recent deliveries</caption>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Event</th>
            <th scope="col">Webhook</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">
              Attempts
            </th>
            <th scope="col">Last result</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((a) => (
            <tr key={a.id}>
              <td>{when(a.createdAt)}</td>
              <td>
                <code class="small">{a.event}</code>
              </td>
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
  );
}
