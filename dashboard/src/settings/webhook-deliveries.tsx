/** The latest deliveries of the site's webhooks: which event, where, and what became of it. */
import type { AlertDelivery, Webhook } from "../../../shared/types";
import { ScrollTable } from "../components/table";
import { when } from "../format";

export function WebhookDeliveries({ deliveries, hooks }: { deliveries: AlertDelivery[]; hooks: Webhook[] | null }) {
  if (!deliveries.length) return <p class="muted small">No event sent yet.</p>;
  const hookUrl = (id: string) => hooks?.find((h) => h.id === id)?.url ?? "removed webhook";
  return (
    <ScrollTable
      caption={<caption>Recent deliveries</caption>}
      columns={["Created", "Event", "Webhook", "Status", { label: "Attempts", num: true }, "Last result"]}
    >
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
    </ScrollTable>
  );
}
