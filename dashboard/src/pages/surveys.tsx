/** Survey editor with a live preview that is the real widget (widget/src/preview.ts). */
import { useEffect, useRef, useState } from "preact/hooks";
import { QUESTION_TYPES, type QuestionType } from "../../../shared/constants";
import type { Question, Site, Survey } from "../../../shared/types";
import { renderPreview } from "../../../widget/src/preview";
import { api } from "../api";
import { ErrorBox, Field } from "../components/form";

const LOCALES = ["en", "ro", "pl", "cs", "hy", "de", "fr", "es", "ar", "he"];
const TYPE_LABEL: Record<QuestionType, string> = { nps: "NPS 0–10", csat: "CSAT 1–5", ces: "Effort 1–7", choice: "One choice", multi: "Several choices", text: "Free text" };

type Draft = Omit<Survey, "id" | "version"> & { id?: string };

const blank = (): Draft => ({
  name: "Post-purchase NPS",
  active: true,
  questions: [{ id: "nps", type: "nps", required: true, text: { en: "How likely are you to recommend us to a friend?" } }],
  trigger: { pages: ["*"], delaySeconds: 3, scrollPercent: 0, exitIntent: false, sample: 1, cooldownDays: 90 },
  theme: { accent: "#0a7cff", position: "bottom-right" },
});

export function SurveysPage({ site }: { site: Site }) {
  const [surveys, setSurveys] = useState<Survey[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const load = () => api<Survey[]>("GET", `/api/sites/${site.id}/surveys`).then((list) => {
    setSurveys(list);
    return list;
  });
  useEffect(() => void load().then((list) => setDraft(list[0] ? { ...list[0] } : blank())), [site.id]);

  return (
    <>
      <h1>Surveys</h1>
      <div class="row">
        {surveys.map((s) => (
          <button type="button" key={s.id} class={draft?.id === s.id ? "" : "secondary"} onClick={() => setDraft({ ...s })}>
            {s.name}{s.active ? "" : " (paused)"}
          </button>
        ))}
        <button type="button" class="secondary" onClick={() => setDraft(blank())}>+ New survey</button>
      </div>
      {draft ? <Editor key={draft.id ?? "new"} site={site} initial={draft} onSaved={async (id) => setDraft((await load()).find((s) => s.id === id) ?? null)} /> : null}
    </>
  );
}

function Editor({ site, initial, onSaved }: { site: Site; initial: Draft; onSaved(id: string): void }) {
  const [d, setD] = useState<Draft>(initial);
  const [locales, setLocales] = useState<string[]>(() => {
    const used = new Set(initial.questions.flatMap((q) => Object.keys(q.text)));
    return LOCALES.filter((l) => used.has(l) || l === "en");
  });
  const [previewLocale, setPreviewLocale] = useState("en");
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const preview = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!preview.current) return;
    try {
      return renderPreview(preview.current, { ...d, id: d.id ?? "preview", version: 1 } as Survey, { locale: previewLocale, policyUrl: site.policyUrl });
    } catch {
      return undefined;
    }
  }, [JSON.stringify(d), previewLocale]);

  const setQ = (i: number, q: Question) => setD({ ...d, questions: d.questions.map((x, j) => (j === i ? q : x)) });
  const move = (i: number, by: number) => {
    const qs = [...d.questions];
    const [q] = qs.splice(i, 1);
    qs.splice(i + by, 0, q!);
    setD({ ...d, questions: qs });
  };
  const addQuestion = (type: QuestionType) => {
    const id = `${type}${d.questions.filter((q) => q.type === type).length + 1}`;
    const options = type === "choice" || type === "multi" ? [{ id: "a", text: { en: "Option A" } }, { id: "b", text: { en: "Option B" } }] : undefined;
    setD({ ...d, questions: [...d.questions, { id, type, required: false, text: { en: "" }, ...(options ? { options } : {}) }] });
  };

  const save = async () => {
    setError(null);
    setSaved(false);
    const clean = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).filter(([l, v]) => v.trim() && locales.includes(l)));
    const body = {
      ...d,
      questions: d.questions.map((q) => ({ ...q, text: clean(q.text), ...(q.options ? { options: q.options.map((o) => ({ ...o, text: clean(o.text) })) } : {}) })),
      ...(d.reward ? { reward: { ...d.reward, text: clean(d.reward.text) } } : {}),
    };
    try {
      const result = d.id
        ? await api<Survey>("PUT", `/api/sites/${site.id}/surveys/${d.id}`, body)
        : await api<Survey>("POST", `/api/sites/${site.id}/surveys`, { ...body, id: undefined });
      setSaved(true);
      onSaved(result.id);
    } catch (err) {
      setError(err);
    }
  };

  const texts = (value: Record<string, string>, onChange: (t: Record<string, string>) => void, label: string) => (
    <div class="texts-grid">
      {locales.map((l) => (
        <label key={l}>
          <span class="lang">{l}</span>
          <input aria-label={`${label} (${l})`} dir={l === "ar" || l === "he" ? "rtl" : "ltr"} value={value[l] ?? ""} onInput={(e) => onChange({ ...value, [l]: e.currentTarget.value })} />
        </label>
      ))}
    </div>
  );

  return (
    <div class="editor">
      <div class="card">
        <Field label="Survey name"><input value={d.name} onInput={(e) => setD({ ...d, name: e.currentTarget.value })} /></Field>
        <label class="check"><input type="checkbox" checked={d.active} onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} /> Active (shown to customers)</label>
        <fieldset>
          <legend>Languages</legend>
          {LOCALES.map((l) => (
            <label class="check" key={l}>
              <input type="checkbox" checked={locales.includes(l)} disabled={l === "en"} onChange={(e) => setLocales(e.currentTarget.checked ? [...locales, l] : locales.filter((x) => x !== l))} /> {l}
            </label>
          ))}
        </fieldset>
        <h2>Questions</h2>
        <ol class="questions">
          {d.questions.map((q, i) => (
            <li key={i} class="question">
              <div class="row">
                <strong>{TYPE_LABEL[q.type]}</strong>
                <input aria-label="Question id" class="short" value={q.id} onInput={(e) => setQ(i, { ...q, id: e.currentTarget.value })} />
                <label class="check"><input type="checkbox" checked={q.required} onChange={(e) => setQ(i, { ...q, required: e.currentTarget.checked })} /> Required</label>
                <button type="button" class="link" aria-label={`Move question ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
                <button type="button" class="link" aria-label={`Move question ${i + 1} down`} disabled={i === d.questions.length - 1} onClick={() => move(i, 1)}>↓</button>
                <button type="button" class="link danger" aria-label={`Remove question ${i + 1}`} onClick={() => setD({ ...d, questions: d.questions.filter((_, j) => j !== i) })}>Remove</button>
              </div>
              {texts(q.text, (t) => setQ(i, { ...q, text: t }), `Question ${i + 1} text`)}
              {q.options ? (
                <div class="options">
                  {q.options.map((o, k) => (
                    <div key={k} class="row">
                      <input aria-label="Option id" class="short" value={o.id} onInput={(e) => setQ(i, { ...q, options: q.options!.map((x, j) => (j === k ? { ...x, id: e.currentTarget.value } : x)) })} />
                      {texts(o.text, (t) => setQ(i, { ...q, options: q.options!.map((x, j) => (j === k ? { ...x, text: t } : x)) }), `Option ${k + 1}`)}
                      <button type="button" class="link danger" onClick={() => setQ(i, { ...q, options: q.options!.filter((_, j) => j !== k) })}>Remove</button>
                    </div>
                  ))}
                  <button type="button" class="link" onClick={() => setQ(i, { ...q, options: [...q.options!, { id: `o${q.options!.length + 1}`, text: { en: "" } }] })}>+ Option</button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        <div class="row">
          {QUESTION_TYPES.map((t) => <button type="button" key={t} class="secondary" onClick={() => addQuestion(t)}>+ {TYPE_LABEL[t]}</button>)}
        </div>
        <h2>When to show</h2>
        <div class="grid-2">
          <Field label="Pages (globs, one per line)"><textarea value={d.trigger.pages.join("\n")} onInput={(e) => setD({ ...d, trigger: { ...d.trigger, pages: e.currentTarget.value.split("\n").map((s) => s.trim()).filter(Boolean) } })} /></Field>
          <Field label="Delay (seconds)"><input type="number" min={0} value={d.trigger.delaySeconds} onInput={(e) => setD({ ...d, trigger: { ...d.trigger, delaySeconds: Number(e.currentTarget.value) } })} /></Field>
          <Field label="Scroll depth (%)"><input type="number" min={0} max={100} value={d.trigger.scrollPercent} onInput={(e) => setD({ ...d, trigger: { ...d.trigger, scrollPercent: Number(e.currentTarget.value) } })} /></Field>
          <Field label="Sample (0–1)"><input type="number" min={0} max={1} step={0.05} value={d.trigger.sample} onInput={(e) => setD({ ...d, trigger: { ...d.trigger, sample: Number(e.currentTarget.value) } })} /></Field>
          <Field label="Cooldown (days)"><input type="number" min={0} value={d.trigger.cooldownDays} onInput={(e) => setD({ ...d, trigger: { ...d.trigger, cooldownDays: Number(e.currentTarget.value) } })} /></Field>
          <label class="check"><input type="checkbox" checked={d.trigger.exitIntent} onChange={(e) => setD({ ...d, trigger: { ...d.trigger, exitIntent: e.currentTarget.checked } })} /> On exit intent (desktop)</label>
        </div>
        <h2>Look and thanks</h2>
        <div class="grid-2">
          <Field label="Accent colour"><input type="color" value={d.theme.accent} onInput={(e) => setD({ ...d, theme: { ...d.theme, accent: e.currentTarget.value } })} /></Field>
          <Field label="Position">
            <select value={d.theme.position} onChange={(e) => setD({ ...d, theme: { ...d.theme, position: e.currentTarget.value as "center" } })}>
              <option value="bottom-right">Bottom right</option><option value="bottom-left">Bottom left</option><option value="center">Centre (modal)</option>
            </select>
          </Field>
        </div>
        <label class="check"><input type="checkbox" checked={!!d.reward} onChange={(e) => setD({ ...d, reward: e.currentTarget.checked ? { text: { en: "Thank you! 10% off your next order:" }, code: "THANKS10" } : undefined })} /> Thank customers with a reward</label>
        {d.reward ? (
          <>
            {texts(d.reward.text, (t) => setD({ ...d, reward: { ...d.reward!, text: t } }), "Reward text")}
            <Field label="Discount code"><input value={d.reward.code ?? ""} onInput={(e) => setD({ ...d, reward: { ...d.reward!, code: e.currentTarget.value } })} /></Field>
          </>
        ) : null}
        <ErrorBox error={error} />
        {saved ? <p class="ok" role="status">Saved.</p> : null}
        <button type="button" onClick={save}>Save survey</button>
      </div>
      <aside class="card preview-pane" aria-label="Live preview">
        <div class="row">
          <h2>Live preview</h2>
          <select aria-label="Preview language" value={previewLocale} onChange={(e) => setPreviewLocale(e.currentTarget.value)}>
            {LOCALES.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </div>
        <div ref={preview} data-testid="preview" />
      </aside>
    </div>
  );
}
