/** Surveys of a site: pick one or start a new one; the editor has the real widget as its live preview. */
import { useEffect, useRef, useState } from "preact/hooks";
import { BUILT_IN_LOCALES, POSITIONS, QUESTION_TYPES, type QuestionType } from "../../../shared/constants";
import type { LocalizedText, Question, Site, Survey } from "../../../shared/types";
import { renderPreview } from "../../../widget/src/preview";
import { ApiError, api } from "../api";
import { ErrorBox, Field } from "../components/form";
import { LocaleTexts, QuestionEditor, TYPE_LABEL } from "../components/question-editor";

type Draft = Omit<Survey, "id" | "version"> & { id?: string; version?: number };

const POSITION_LABEL: Record<(typeof POSITIONS)[number], string> = {
  "bottom-right": "Bottom right",
  "bottom-left": "Bottom left",
  center: "Centre (modal)",
};

const blank = (): Draft => ({
  name: "Post-purchase NPS",
  active: true,
  questions: [
    { id: "nps", type: "nps", required: true, text: { en: "How likely are you to recommend us to a friend?" } },
  ],
  trigger: { pages: ["*"], delaySeconds: 3, scrollPercent: 0, exitIntent: false, sample: 1, cooldownDays: 90 },
  theme: { accent: "#0a7cff", position: "bottom-right" },
});

export function SurveysPage({ site }: { site: Site }) {
  const [surveys, setSurveys] = useState<Survey[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    const list = await api<Survey[]>("GET", `/api/sites/${site.id}/surveys`);
    setSurveys(list);
    return list;
  };
  useEffect(() => {
    load().then((list) => setDraft(list[0] ? { ...list[0] } : blank()), setError);
  }, [site.id]);

  const open = (d: Draft) => {
    setFlash(null);
    setDraft(d);
  };

  return (
    <>
      <h1>Surveys</h1>
      <ErrorBox error={error} />
      {surveys === null ? <p class="loading">Loading…</p> : null}
      <nav class="row start survey-tabs" aria-label="Surveys">
        {(surveys ?? []).map((s) => (
          <button
            type="button"
            key={s.id}
            class={draft?.id === s.id ? "" : "secondary"}
            aria-pressed={draft?.id === s.id}
            onClick={() => open({ ...s })}
          >
            {s.name}
            <span class={`badge ${s.active ? "delivered" : ""}`}>{s.active ? "active" : "paused"}</span>
            {unsaved.has(draftKey(site.id, s.id)) && draft?.id !== s.id ? (
              <span class="badge retrying">unsaved</span>
            ) : null}
          </button>
        ))}
        <button type="button" class="secondary" aria-pressed={!!draft && !draft.id} onClick={() => open(blank())}>
          + New survey
        </button>
      </nav>
      {flash ? (
        <p class="ok" role="status">
          {flash}
        </p>
      ) : null}
      {draft ? (
        <Editor
          key={draft.id ?? `new-${surveys?.length ?? 0}`}
          site={site}
          initial={draft}
          onSaved={async (saved, created) => {
            const list = await load();
            setDraft(list.find((s) => s.id === saved.id) ?? saved);
            setFlash(
              created
                ? `Saved: “${saved.name}” is created${saved.active ? " and live" : " (paused)"}.`
                : `Saved: “${saved.name}” is updated.`,
            );
          }}
          onEdit={() => setFlash(null)}
        />
      ) : null}
    </>
  );
}

const LISTS: Record<string, string> = { questions: "question", options: "option", pages: "page" };

/** A schema path as the editor names it: ["questions", 1, "text"] → "question 2 › text". */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === "number"
        ? `${LISTS[String(path[i - 1])] ?? "item"} ${p + 1}`
        : String(p) in LISTS && typeof path[i + 1] === "number"
          ? ""
          : String(p),
    )
    .filter(Boolean)
    .join(" › ");
}

/** Keeps only the enabled locales and non-empty texts. */
const clean = (t: LocalizedText, locales: string[]): LocalizedText =>
  Object.fromEntries(Object.entries(t).filter(([l, v]) => locales.includes(l) && v.trim()));

/** Scale end labels without empty texts; none at all when both ends are empty (built-in words). */
function endLabels(labels: Question["labels"], locales: string[]): Pick<Question, "labels"> {
  const low = clean(labels?.low ?? {}, locales);
  const high = clean(labels?.high ?? {}, locales);
  const has = (t: LocalizedText) => Object.keys(t).length > 0;
  return has(low) || has(high) ? { labels: { ...(has(low) ? { low } : {}), ...(has(high) ? { high } : {}) } } : {};
}

function toBody(d: Draft, locales: string[]) {
  const { version: _v, id: _id, ...rest } = d;
  return {
    ...rest,
    questions: d.questions.map(({ labels, ...q }) => ({
      ...q,
      ...endLabels(labels, locales),
      text: clean(q.text, locales),
      ...(q.options ? { options: q.options.map((o) => ({ ...o, text: clean(o.text, locales) })) } : {}),
    })),
    ...(d.reward
      ? {
          reward: {
            text: clean(d.reward.text, locales),
            ...(d.reward.code?.trim() ? { code: d.reward.code.trim() } : {}),
          },
        }
      : {}),
  };
}

/**
 * Unsaved edits per survey, kept for this page's life: switching to another survey or to the
 * results and back brings them back (with the "Unsaved changes" marker) instead of losing them.
 */
const unsaved = new Map<string, { draft: Draft; locales: string[] }>();
const draftKey = (siteId: string, surveyId: string | undefined) => `${siteId}/${surveyId ?? "new"}`;

const localesOf = (draft: Draft) => {
  const used = new Set([
    ...draft.questions.flatMap((q) => Object.keys(q.text)),
    ...Object.keys(draft.reward?.text ?? {}),
  ]);
  return BUILT_IN_LOCALES.filter((l) => used.has(l) || l === "en");
};

function Editor({
  site,
  initial,
  onSaved,
  onEdit,
}: {
  site: Site;
  initial: Draft;
  onSaved(s: Survey, created: boolean): Promise<void>;
  onEdit(): void;
}) {
  const key = draftKey(site.id, initial.id);
  const [kept] = useState(() => unsaved.get(key));
  const [d, setDraftState] = useState<Draft>(kept?.draft ?? initial);
  const [locales, setLocales] = useState<string[]>(() => kept?.locales ?? localesOf(initial));
  const [previewLocale, setPreviewLocale] = useState("en");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const preview = useRef<HTMLDivElement>(null);
  const [dirty, setDirty] = useState(!!kept);
  useEffect(() => {
    if (dirty) unsaved.set(key, { draft: d, locales });
    else unsaved.delete(key);
  }, [dirty, d, locales]);
  const discard = () => {
    unsaved.delete(key);
    setDraftState(initial);
    setLocales(localesOf(initial));
    setDirty(false);
    setError(null);
  };
  const setD = (next: Draft) => {
    setDraftState(next);
    setDirty(true);
    onEdit();
  };
  // Closing or reloading the tab with unsaved edits asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty) return;
    const stay = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener("beforeunload", stay);
    return () => removeEventListener("beforeunload", stay);
  }, [dirty]);

  const previewSurvey = JSON.stringify({ ...toBody(d, locales), id: d.id ?? "preview", version: d.version ?? 1 });
  useEffect(() => {
    if (!preview.current) return;
    try {
      setPreviewError(null);
      return renderPreview(preview.current, JSON.parse(previewSurvey) as Survey, {
        locale: locales.includes(previewLocale) ? previewLocale : "en",
        policyUrl: site.policyUrl,
        retentionDays: site.retentionDays,
      });
    } catch (err) {
      setPreviewError(err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }, [previewSurvey, previewLocale, locales.join(), site.policyUrl, site.retentionDays]);

  const setQ = (i: number, q: Question) => setD({ ...d, questions: d.questions.map((x, j) => (j === i ? q : x)) });
  const move = (i: number, by: -1 | 1) => {
    const list = [...d.questions];
    const [q] = list.splice(i, 1);
    list.splice(i + by, 0, q!);
    setD({ ...d, questions: list });
  };
  const addQuestion = (type: QuestionType) => {
    let k = 1;
    while (d.questions.some((q) => q.id === `${type}${k}`)) k++;
    const options =
      type === "choice" || type === "multi"
        ? [
            { id: "a", text: { en: "Option A" } },
            { id: "b", text: { en: "Option B" } },
          ]
        : undefined;
    setD({
      ...d,
      questions: [
        ...d.questions,
        { id: `${type}${k}`, type, required: false, text: { en: "" }, ...(options ? { options } : {}) },
      ],
    });
  };
  const trigger = (patch: Partial<Draft["trigger"]>) => setD({ ...d, trigger: { ...d.trigger, ...patch } });

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const body = toBody(d, locales);
    // zod loads with the first save only: the rest of the dashboard stays small.
    const { surveyInputSchema } = await import("../validate");
    const parsed = surveyInputSchema.safeParse(body);
    if (!parsed.success) {
      setError(
        new ApiError(
          400,
          "invalid_body",
          "Please fix the fields below before saving.",
          parsed.error.issues.map((i) => ({ path: fieldName(i.path), message: i.message })),
        ),
      );
      return;
    }
    setBusy(true);
    try {
      const answer = d.id
        ? await api<Partial<Survey> | null>("PUT", `/api/sites/${site.id}/surveys/${d.id}`, { ...body, id: d.id })
        : await api<Partial<Survey> | null>("POST", `/api/sites/${site.id}/surveys`, body);
      // The contract only promises `{ id }` on create and a 200 on update: what we sent fills the rest.
      const saved = { version: d.version ?? 1, ...body, ...answer, id: answer?.id ?? d.id! } as Survey;
      setDirty(false);
      unsaved.delete(key);
      await onSaved(saved, !d.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="editor">
      <form class="card" onSubmit={save} aria-label="Survey editor" noValidate>
        <div class="grid-2">
          <Field label="Survey name">
            <input value={d.name} maxLength={200} onInput={(e) => setD({ ...d, name: e.currentTarget.value })} />
          </Field>
          <label class="check switch">
            <input
              type="checkbox"
              checked={d.active}
              onChange={(e) => setD({ ...d, active: e.currentTarget.checked })}
            />{" "}
            Active (shown to customers)
          </label>
        </div>
        <fieldset>
          <legend>Languages</legend>
          {BUILT_IN_LOCALES.map((l) => (
            <label class="check" key={l}>
              <input
                type="checkbox"
                checked={locales.includes(l)}
                disabled={l === "en"}
                onChange={(e) => {
                  setLocales(e.currentTarget.checked ? [...locales, l] : locales.filter((x) => x !== l));
                  setDirty(true);
                }}
              />{" "}
              {l}
            </label>
          ))}
          <p class="muted small">Customers see their browser's language when the survey has it, English otherwise.</p>
          <MissingTexts draft={d} locales={locales} />
        </fieldset>

        <h2>Questions</h2>
        <ol class="questions">
          {d.questions.map((q, i) => (
            <QuestionEditor
              key={i}
              q={q}
              index={i}
              count={d.questions.length}
              locales={locales}
              onChange={(next) => setQ(i, next)}
              onMove={(by) => move(i, by)}
              onRemove={() => setD({ ...d, questions: d.questions.filter((_, j) => j !== i) })}
            />
          ))}
        </ol>
        <fieldset class="row start add-question">
          <legend class="sr-only">Add a question</legend>
          {QUESTION_TYPES.map((t) => (
            <button type="button" key={t} class="secondary" onClick={() => addQuestion(t)}>
              + {TYPE_LABEL[t]}
            </button>
          ))}
        </fieldset>

        <h2>When to show</h2>
        <div class="grid-2">
          <Field label="Pages" hint="One path pattern per line; * matches anything, e.g. /checkout/thank-you*">
            <textarea
              value={d.trigger.pages.join("\n")}
              onInput={(e) =>
                trigger({
                  pages: e.currentTarget.value
                    .split("\n")
                    .map((s) => s.trim())
                    .filter(Boolean),
                })
              }
            />
          </Field>
          <div>
            <Field label="Delay (seconds)">
              <input
                type="number"
                min={0}
                max={3600}
                value={d.trigger.delaySeconds}
                onInput={(e) => trigger({ delaySeconds: Math.round(Number(e.currentTarget.value)) })}
              />
            </Field>
            <Field label="Scroll depth (%)">
              <input
                type="number"
                min={0}
                max={100}
                value={d.trigger.scrollPercent}
                onInput={(e) => trigger({ scrollPercent: Math.round(Number(e.currentTarget.value)) })}
              />
            </Field>
          </div>
          <Field label="Share of visitors asked (%)">
            <input
              type="number"
              min={0}
              max={100}
              step={1}
              value={Math.round(d.trigger.sample * 100)}
              onInput={(e) => trigger({ sample: Math.min(1, Math.max(0, Number(e.currentTarget.value) / 100)) })}
            />
          </Field>
          <Field label="Ask the same person again after (days)">
            <input
              type="number"
              min={0}
              max={3650}
              value={d.trigger.cooldownDays}
              onInput={(e) => trigger({ cooldownDays: Math.round(Number(e.currentTarget.value)) })}
            />
          </Field>
          <label class="check">
            <input
              type="checkbox"
              checked={d.trigger.exitIntent}
              onChange={(e) => trigger({ exitIntent: e.currentTarget.checked })}
            />{" "}
            Show on exit intent (desktop)
          </label>
        </div>

        <h2>Look and thanks</h2>
        <div class="grid-2">
          <Field label="Accent colour">
            <span class="row start">
              <input
                type="color"
                aria-label="Accent colour picker"
                value={d.theme.accent}
                onInput={(e) => setD({ ...d, theme: { ...d.theme, accent: e.currentTarget.value } })}
              />
              <input
                class="short"
                aria-label="Accent colour hex"
                value={d.theme.accent}
                pattern="#[0-9a-fA-F]{6}"
                onInput={(e) => setD({ ...d, theme: { ...d.theme, accent: e.currentTarget.value } })}
              />
            </span>
          </Field>
          <Field label="Position">
            <select
              value={d.theme.position}
              onChange={(e) =>
                setD({ ...d, theme: { ...d.theme, position: e.currentTarget.value as Draft["theme"]["position"] } })
              }
            >
              {POSITIONS.map((p) => (
                <option key={p} value={p}>
                  {POSITION_LABEL[p]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={!!d.reward}
            onChange={(e) =>
              setD({
                ...d,
                reward: e.currentTarget.checked
                  ? { text: { en: "Thank you! 10% off your next order:" }, code: "THANKS10" }
                  : undefined,
              })
            }
          />{" "}
          Thank customers with a reward after they answer
        </label>
        {d.reward ? (
          <div class="reward">
            <LocaleTexts
              value={d.reward.text}
              locales={locales}
              label="Reward text"
              onChange={(text) => setD({ ...d, reward: { ...d.reward!, text } })}
            />
            <Field label="Discount code" hint="Shown on the thank-you step, with a copy button.">
              <input
                value={d.reward.code ?? ""}
                maxLength={60}
                onInput={(e) => setD({ ...d, reward: { ...d.reward!, code: e.currentTarget.value } })}
              />
            </Field>
          </div>
        ) : null}
        <ErrorBox error={error} />
        <div class="row start sticky-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save survey"}
          </button>
          {dirty ? (
            <>
              <span class="badge retrying" data-testid="unsaved">
                Unsaved changes
              </span>
              <button type="button" class="link" onClick={discard}>
                Discard changes
              </button>
            </>
          ) : null}
          {d.id ? <span class="muted small">Saving publishes the change to the widget within a minute.</span> : null}
        </div>
      </form>
      <aside class="card preview-pane" aria-labelledby="preview-h">
        <div class="row">
          <h2 id="preview-h">Live preview</h2>
          <select
            aria-label="Preview language"
            value={locales.includes(previewLocale) ? previewLocale : "en"}
            onChange={(e) => setPreviewLocale(e.currentTarget.value)}
          >
            {locales.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <p class="muted small">The real widget, with your unsaved changes. Answers here are not sent.</p>
        {previewError ? <p class="error">Preview unavailable: {previewError}</p> : null}
        <div ref={preview} class="preview-stage" data-testid="preview" />
      </aside>
    </div>
  );
}

/** Lists the enabled languages that still lack some texts (customers would see English there). */
function MissingTexts({ draft, locales }: { draft: Draft; locales: string[] }) {
  const texts: LocalizedText[] = [
    ...draft.questions.flatMap((q) => [q.text, ...(q.options ?? []).map((o) => o.text)]),
    ...(draft.reward ? [draft.reward.text] : []),
  ];
  const missing = locales
    .map((l) => [l, texts.filter((t) => !t[l]?.trim()).length] as const)
    .filter(([l, n]) => n > 0 && l !== "en");
  if (!missing.length) return null;
  return (
    <p class="small warn" data-testid="missing-texts">
      Still to translate: {missing.map(([l, n]) => `${l} (${n} ${n === 1 ? "text" : "texts"})`).join(", ")}. Until then
      these customers see the English text.
    </p>
  );
}
