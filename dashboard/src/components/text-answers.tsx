/** The results page's free-text answers, searchable, always rendered as text. */

import { useEffect, useRef, useState } from "preact/hooks";
import { npsSegment } from "../../../shared/scoring";
import type { ResponseItem, Site, Survey } from "../../../shared/types";
import { indexQuestions, questionTitle } from "../answers";
import { api, qs } from "../api";
import { type Filters, filterQuery } from "./filters";
import { ErrorBox } from "./form";

/** Free-text answers with search; always rendered as text. */
export function TextAnswers({ site, filters, surveys }: { site: Site; filters: Filters; surveys: Survey[] }) {
  const [search, setSearch] = useState("");
  const [items, setItems] = useState<ResponseItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const q = filterQuery(filters);
  const deps = JSON.stringify([site.id, q, search]);
  const questions = indexQuestions(surveys);

  // The list route returns every response; most have no text. Read a few pages until there is
  // something to show, so "Load more" never brings an empty page.
  const generation = useRef(0);
  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    const found: ResponseItem[] = [];
    let at = cursor;
    for (let pages = 0; pages < 5; pages++) {
      const r = await api<{ items: ResponseItem[]; next: string | null }>(
        "GET",
        `/api/sites/${site.id}/responses${qs({ ...q, q: search.trim(), limit: 200, cursor: at })}`,
      );
      found.push(...r.items.filter((i) => i.answers.some((a) => a.type === "text" && String(a.value).trim())));
      at = r.next ?? undefined;
      if (!at || found.length >= 20) break;
    }
    // A newer search or filter started meanwhile: its answer wins.
    if (mine !== generation.current) return;
    setItems((prev) => (cursor && prev ? [...prev, ...found] : found));
    setNext(at ?? null);
  };
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      setError(null);
      load().catch((err) => live && setError(err));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [deps]);

  return (
    <section class="card wide" aria-labelledby="texts-h">
      <div class="row">
        <h2 id="texts-h">What customers wrote</h2>
        <input
          type="search"
          placeholder="Search answers"
          aria-label="Search text answers"
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
      </div>
      <ErrorBox error={error} />
      {items === null ? (
        <p class="loading">Loading…</p>
      ) : items.length === 0 ? (
        <p class="empty">{search ? "No text answer matches this search." : "No text answers in this period."}</p>
      ) : (
        <ul class="texts" data-testid="texts">
          {items.map((r) => {
            const nps = r.answers.find((a) => a.type === "nps")?.value;
            const segment = typeof nps === "number" ? npsSegment(nps) : null;
            return (
              <li key={r.id}>
                {r.answers
                  .filter((a) => a.type === "text")
                  .map((a) => (
                    <figure key={a.question}>
                      <figcaption class="muted small">{questionTitle(questions, r.survey, a)}</figcaption>
                      <blockquote>{String(a.value)}</blockquote>
                    </figure>
                  ))}
                <p class="meta muted small">
                  {segment ? <span class={`badge ${segment}`}>NPS {String(nps)}</span> : null} {r.locale ?? ""} ·{" "}
                  {new Date(r.createdAt).toLocaleDateString()}
                  {Object.entries(r.context).map(([k, v]) => ` · ${k}: ${v}`)}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {next ? (
        <button type="button" class="secondary" onClick={() => load(next).catch(setError)}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
