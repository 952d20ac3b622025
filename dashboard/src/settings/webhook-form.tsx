/** Adding a webhook: its URL, the format of the app it posts to, and the events it receives. */
import { useState } from "preact/hooks";
import type { WebhookCreated } from "../../../shared/types";
import {
  DEFAULT_WEBHOOK_EVENTS,
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  type WebhookEvent,
  type WebhookFormat,
} from "../../../shared/webhooks";
import { api } from "../api";
import { ErrorBox, Field } from "../components/form";

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  "response.created": "A new response (its first part)",
  "response.completed": "A response completed",
  "response.unhappy": "An unhappy customer: NPS 0–6, CSAT or CES 1–2, thumbs down",
  "response.erased": "Responses erased (withdrawn consent, an erasure request, a deletion)",
  "follow_up.changed": "A follow-up's status or note changed",
};

export const FORMAT_LABELS: Record<WebhookFormat, string> = {
  json: "JSON (the event as it is)",
  slack: "Slack (incoming webhook)",
  teams: "Microsoft Teams (workflow or incoming webhook)",
};

const PLACEHOLDER: Record<WebhookFormat, string> = {
  json: "https://hooks.example.com/feedback",
  slack: "https://hooks.slack.com/services/…",
  teams: "https://….webhook.office.com/… or a workflow's URL",
};

export function WebhookForm({ siteId, onAdded }: { siteId: string; onAdded(created: WebhookCreated): unknown }) {
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState<WebhookFormat>("json");
  const [events, setEvents] = useState<WebhookEvent[]>([...DEFAULT_WEBHOOK_EVENTS]);
  const [error, setError] = useState<unknown>(null);
  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((now) => WEBHOOK_EVENTS.filter((e) => (e === event ? on : now.includes(e))));
  const add = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await api<WebhookCreated>("POST", `/api/sites/${siteId}/webhooks`, {
        url: url.trim(),
        format,
        events,
      });
      setUrl("");
      await onAdded(created);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={add} aria-labelledby="add-hook-h">
      <h3 id="add-hook-h">Add a webhook</h3>
      <Field label="Webhook URL" hint="https only, to a public host">
        <input
          type="url"
          required
          placeholder={PLACEHOLDER[format]}
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </Field>
      <Field label="Format">
        <select value={format} onChange={(e) => setFormat(e.currentTarget.value as WebhookFormat)}>
          {WEBHOOK_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>Events it receives</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label class="check block" key={event}>
            <input
              type="checkbox"
              checked={events.includes(event)}
              onChange={(e) => toggle(event, e.currentTarget.checked)}
            />{" "}
            {EVENT_LABELS[event]} <code class="small">{event}</code>
          </label>
        ))}
      </fieldset>
      <button type="submit" class="secondary" disabled={events.length === 0}>
        Add webhook
      </button>
      <ErrorBox error={error} />
    </form>
  );
}
