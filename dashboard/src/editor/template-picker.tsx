/** For a new survey: start from a blank NPS question or from a ready template with its jump rules. */
import { blankDraft, type Draft } from "./draft";
import { TEMPLATES } from "./templates";

export function TemplatePicker({ onPick }: { onPick(draft: Draft): void }) {
  return (
    <fieldset class="card templates-card">
      <legend>Start from a template</legend>
      <div class="templates">
        <button type="button" class="secondary" onClick={() => onPick(blankDraft())}>
          One NPS question
        </button>
        {TEMPLATES.map((t) => (
          <button type="button" class="secondary" key={t.id} title={t.about} onClick={() => onPick(t.draft())}>
            {t.name}
          </button>
        ))}
      </div>
      <p class="muted small">Everything stays editable: questions, texts, languages and the jumps between them.</p>
    </fieldset>
  );
}
