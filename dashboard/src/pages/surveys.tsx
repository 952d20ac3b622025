/** Surveys of a site: pick one or start a new one; the editor has the real widget as its live preview. */
import { useState } from "preact/hooks";
import { roleAllows } from "../../../shared/constants";
import type { Site, Survey } from "../../../shared/types";
import { DeleteSurvey } from "../editor/delete-survey";
import { blankDraft, type Draft } from "../editor/draft";
import { Editor } from "../editor/editor";
import { TemplatePicker } from "../editor/template-picker";
import { dropUnsavedNew, hasUnsaved } from "../editor/use-draft";
import { SharePanel } from "../share/share-panel";

export function SurveysPage({
  site,
  surveys,
  reload,
}: {
  site: Site;
  /** The site's surveys, loaded once by the shell. */
  surveys: Survey[];
  reload(): Promise<Survey[]>;
}) {
  const [draft, setDraft] = useState<Draft>(() => (surveys[0] ? { ...surveys[0] } : blankDraft()));
  // The server checks every role; the page leaves out what this one cannot do.
  const canEdit = roleAllows(site.role, "editor");
  const canDelete = roleAllows(site.role, "owner");
  const [flash, setFlash] = useState<string | null>(null);
  /** Counts the templates picked: each starts an editor of its own. */
  const [fresh, setFresh] = useState(0);

  const open = (d: Draft) => {
    setFlash(null);
    setDraft(d);
  };

  return (
    <>
      <h1>Surveys</h1>
      <nav class="row start survey-tabs" aria-label="Surveys">
        {surveys.map((s) => (
          <button
            type="button"
            key={s.id}
            class={draft.id === s.id ? "" : "secondary"}
            aria-pressed={draft.id === s.id}
            onClick={() => open({ ...s })}
          >
            {s.name}
            <span class={`badge ${s.active ? "delivered" : ""}`}>{s.active ? "active" : "paused"}</span>
            {hasUnsaved(site.id, s.id) && draft.id !== s.id ? <span class="badge retrying">unsaved</span> : null}
          </button>
        ))}
        {canEdit ? (
          <button type="button" class="secondary" aria-pressed={!draft.id} onClick={() => open(blankDraft())}>
            + New survey
          </button>
        ) : null}
      </nav>
      {draft.id || !canEdit ? null : (
        <TemplatePicker
          onPick={(d) => {
            dropUnsavedNew(site.id);
            setFresh(fresh + 1);
            open(d);
          }}
        />
      )}
      {flash ? (
        <p class="ok" role="status">
          {flash}
        </p>
      ) : null}
      {canEdit ? null : (
        <p class="muted" data-testid="role-note">
          You are a {site.role} of this site: you can look at its surveys; editors and owners change them.
        </p>
      )}
      {!canEdit && surveys.length === 0 ? (
        <p class="empty">No survey yet.</p>
      ) : (
        <Editor
          key={draft.id ?? `new-${surveys.length}-${fresh}`}
          site={site}
          initial={draft}
          readOnly={!canEdit}
          onSaved={async (saved, created) => {
            const list = await reload();
            setDraft(list.find((s) => s.id === saved.id) ?? saved);
            setFlash(
              created
                ? `Saved: “${saved.name}” is created${saved.active ? " and live" : " (paused)"}.`
                : `Saved: “${saved.name}” is updated.`,
            );
          }}
          onEdit={() => setFlash(null)}
        />
      )}
      {canDelete && draft.id ? (
        <DeleteSurvey
          key={draft.id}
          site={site}
          survey={{ id: draft.id, name: draft.name }}
          onDeleted={async () => {
            const list = await reload();
            setDraft(list[0] ? { ...list[0] } : blankDraft());
            setFlash(`Deleted: “${draft.name}” and its responses.`);
          }}
        />
      ) : null}
      {draft.id ? <SharePanel key={draft.id} site={site} survey={draft as Survey} /> : null}
    </>
  );
}
