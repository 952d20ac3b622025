/**
 * "Customers to answer": every response with an unhappy answer (the shared rule the alerts fire on:
 * NPS 0–6, CSAT 1–2, CES 1–2, thumbs down), oldest first, with their age; mark new / contacted /
 * resolved with a note.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { FollowUpStatus } from "../../../shared/constants";
import { isUnhappy } from "../../../shared/scoring";
import type { ResponseItem, Site, Survey } from "../../../shared/types";
import { answerText, indexQuestions, type QuestionIndex, questionTitle, scoreText, UNHAPPY_WORDS } from "../answers";
import { api, qs } from "../api";
import { Download } from "../components/download";
import { ActionForm, age, ConfirmButton, ErrorBox, useAction } from "../components/form";

type StatusFilter = FollowUpStatus | "";
interface Page {
  items: ResponseItem[];
  next: string | null;
}

const STATUS_LABEL: Record<FollowUpStatus, string> = { new: "New", contacted: "Contacted", resolved: "Resolved" };

export function QueuePage({ site, surveys }: { site: Site; surveys: Survey[] }) {
  const [status, setStatus] = useState<StatusFilter>("new");
  const [items, setItems] = useState<ResponseItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const questions = useMemo(() => indexQuestions(surveys), [surveys]);

  const load = async (cursor?: string) => {
    setError(null);
    try {
      const r = await api<Page>(
        "GET",
        `/api/sites/${site.id}/responses${qs({ unhappy: "true", status, order: "asc", limit: 50, cursor })}`,
      );
      setItems((prev) => (cursor && prev ? [...prev, ...r.items] : r.items));
      setNext(r.next);
    } catch (err) {
      setError(err);
      setItems((prev) => prev ?? []);
    }
  };
  useEffect(() => {
    setItems(null);
    void load();
  }, [site.id, status]);

  // Updated in place, so notes typed in other items and pages loaded with "Load more" stay.
  const [announce, setAnnounce] = useState("");
  const changed = (item: ResponseItem, next: ResponseItem | null) => {
    const leaves = next === null || (status !== "" && next.status !== status);
    setItems((prev) => (prev ?? []).flatMap((x) => (x.id !== item.id ? [x] : leaves ? [] : [next!])));
    setAnnounce(
      next === null
        ? "Response deleted."
        : `Marked ${STATUS_LABEL[next.status].toLowerCase()}${leaves ? ": it left this list" : ""}.`,
    );
  };

  return (
    <>
      <h1>Customers to answer</h1>
      <p class="muted" data-testid="unhappy-rule">
        Every unhappy answer ({UNHAPPY_WORDS}), oldest first. A quick, personal answer turns many of them around.
      </p>
      <div class="toolbar">
        <label class="inline" for="queue-status">
          Show
        </label>
        <select id="queue-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}>
          <option value="new">New</option>
          <option value="contacted">Contacted</option>
          <option value="resolved">Resolved</option>
          <option value="">All statuses</option>
        </select>
        <Download
          href={`/api/sites/${site.id}/export.csv${qs({ unhappy: "true", status })}`}
          label="Export these as CSV"
        />
      </div>
      <ErrorBox error={error} />
      <p class="sr-only" role="status" data-testid="queue-status">
        {announce}
      </p>
      {items === null ? (
        <p class="loading" aria-live="polite">
          Loading…
        </p>
      ) : items.length === 0 ? (
        <p class="empty">
          {status === "new" ? "Nobody waits for an answer." : "No unhappy customer with this status."}
        </p>
      ) : (
        <ul class="queue" data-testid="queue">
          {items.map((r) => (
            <QueueItem key={r.id} site={site} item={r} questions={questions} onChanged={(next) => changed(r, next)} />
          ))}
        </ul>
      )}
      {next ? (
        <button type="button" class="secondary" onClick={() => load(next)}>
          Load more
        </button>
      ) : null}
    </>
  );
}

function QueueItem({
  site,
  item,
  questions,
  onChanged,
}: {
  site: Site;
  item: ResponseItem;
  questions: QuestionIndex;
  onChanged(next: ResponseItem | null): void;
}) {
  const [note, setNote] = useState(item.note ?? "");
  const [status, setStatus] = useState<FollowUpStatus>(item.status);
  // In the survey's order (the collector lists them by question id); the answers that put the
  // customer here lead, the rest follow.
  const order = [...questions.keys()];
  const place = (a: ResponseItem["answers"][number]) => order.indexOf(`${item.survey}/${a.question}`) >>> 0;
  const unhappy = (a: ResponseItem["answers"][number]) => typeof a.value === "number" && isUnhappy(a.type, a.value);
  const why = item.answers.filter(unhappy).sort((a, b) => place(a) - place(b));
  const rest = item.answers.filter((a) => !unhappy(a)).sort((a, b) => place(a) - place(b));
  const headingId = `q-${item.id}`;
  const save = useAction(async () => {
    await api("PATCH", `/api/sites/${site.id}/responses/${item.id}`, { status, note });
    onChanged({ ...item, status, note: note || null });
  });
  const remove = useAction(async () => {
    await api("DELETE", `/api/sites/${site.id}/responses/${item.id}`);
    onChanged(null);
  });

  return (
    <li class="card queue-item" data-response={item.id} aria-labelledby={headingId}>
      <div class="row start">
        <strong class="score" id={headingId}>
          {why.length ? why.map(scoreText).join(" · ") : "Unhappy answer"}
        </strong>
        <span class={`badge ${item.status}`}>{STATUS_LABEL[item.status]}</span>
        <span class="muted">
          {item.status === "new" ? "waiting" : "answered"} <strong>{age(item.createdAt)}</strong>
          {item.status === "new" ? "" : " ago"} · {new Date(item.createdAt).toLocaleString()}
          {item.locale ? ` · ${item.locale}` : ""}
          {item.page ? ` · ${item.page}` : ""}
        </span>
      </div>
      {rest.map((a) => (
        <p key={a.question} class="answer">
          <span class="muted">{questionTitle(questions, item.survey, a)}</span>
          <br />
          {answerText(questions, item.survey, a)}
        </p>
      ))}
      {Object.keys(item.context).length ? (
        <p class="muted small">
          {Object.entries(item.context)
            .map(([k, v]) => `${k}: ${v}`)
            .join(" · ")}
        </p>
      ) : null}
      <ActionForm class="row start" action={save}>
        <label>
          Status{" "}
          <select
            aria-label="Follow-up status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as FollowUpStatus)}
          >
            <option value="new">New</option>
            <option value="contacted">Contacted</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <input
          class="grow"
          aria-label="Note"
          maxLength={2000}
          placeholder="Note (e.g. refunded, called back)"
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <button type="submit" disabled={save.busy}>
          Save
        </button>
        <ConfirmButton
          label="Delete"
          confirmLabel="Delete the response and its weight in the scores"
          onConfirm={() => remove.run().then(() => undefined)}
        />
      </ActionForm>
      <ErrorBox error={save.error ?? remove.error} />
    </li>
  );
}
