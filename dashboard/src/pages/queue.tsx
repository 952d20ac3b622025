/** "Customers to answer": detractors oldest first, with their age; mark contacted / resolved with a note. */
import { useEffect, useState } from "preact/hooks";
import type { ResponseItem, Site } from "../../../shared/types";
import { api, qs } from "../api";

const age = (iso: string) => {
  const days = Math.floor((Date.now() - Date.parse(iso)) / 864e5);
  return days === 0 ? "today" : days === 1 ? "1 day" : `${days} days`;
};

export function QueuePage({ site }: { site: Site }) {
  const [status, setStatus] = useState("new");
  const [items, setItems] = useState<ResponseItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);

  const load = async (cursor?: string) => {
    const r = await api<{ items: ResponseItem[]; next: string | null }>(
      "GET",
      `/api/sites/${site.id}/responses${qs({ segment: "detractor", status, order: "asc", limit: 50, cursor })}`,
    );
    setItems((prev) => (cursor && prev ? [...prev, ...r.items] : r.items));
    setNext(r.next);
  };
  useEffect(() => void load(), [site.id, status]);

  return (
    <>
      <h1>Customers to answer</h1>
      <p class="muted">Detractors (NPS 0–6), oldest first. A quick, personal answer turns many of them around.</p>
      <label class="inline">Status{" "}
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="new">New</option>
          <option value="contacted">Contacted</option>
          <option value="resolved">Resolved</option>
        </select>
      </label>
      {items === null ? <p class="loading">Loading…</p> : items.length === 0 ? <p class="empty">Nobody waits for an answer. 🎉</p> : (
        <ul class="queue" data-testid="queue">
          {items.map((r) => <QueueItem key={r.id} site={site} item={r} onChanged={() => load()} />)}
        </ul>
      )}
      {next ? <button type="button" class="secondary" onClick={() => load(next)}>Load more</button> : null}
    </>
  );
}

function QueueItem({ site, item, onChanged }: { site: Site; item: ResponseItem; onChanged(): void }) {
  const [note, setNote] = useState(item.note ?? "");
  const [status, setStatus] = useState(item.status);
  const nps = item.answers.find((a) => a.type === "nps")?.value;
  const save = async () => {
    await api("PATCH", `/api/sites/${site.id}/responses/${item.id}`, { status, note });
    onChanged();
  };
  return (
    <li class="card" data-response={item.id}>
      <div class="row">
        <strong class="score">NPS {String(nps)}</strong>
        <span class="muted">waiting {age(item.createdAt)} · {item.locale ?? ""} · {item.page ?? ""}</span>
      </div>
      {item.answers.filter((a) => a.type !== "nps").map((a) => (
        <p key={a.question}><span class="muted">{a.question}:</span> {Array.isArray(a.value) ? a.value.join(", ") : String(a.value)}</p>
      ))}
      {Object.keys(item.context).length ? <p class="muted">{Object.entries(item.context).map(([k, v]) => `${k}: ${v}`).join(" · ")}</p> : null}
      <div class="row">
        <label>Status{" "}
          <select aria-label="Follow-up status" value={status} onChange={(e) => setStatus(e.currentTarget.value as typeof status)}>
            <option value="new">New</option>
            <option value="contacted">Contacted</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <input aria-label="Note" placeholder="Note (e.g. refunded, called back)" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="button" onClick={save}>Save</button>
        <button type="button" class="link danger" onClick={async () => {
          if (!confirm("Delete this response and its weight in the scores?")) return;
          await api("DELETE", `/api/sites/${site.id}/responses/${item.id}`);
          onChanged();
        }}>Delete</button>
      </div>
    </li>
  );
}
