/**
 * The survey editor: its sections, the save (checked with the shared schema first), the live
 * preview (which follows the jump rules: it is the real widget) and the picture of the paths.
 */
import type { Site, Survey } from "../../../shared/types";
import { ApiError, api } from "../api";
import { ErrorBox, useAction } from "../components/form";
import { type Draft, fieldName, toBody } from "./draft";
import { PathMap } from "./path-map";
import { PreviewPane } from "./preview-pane";
import { AudienceSection } from "./sections/audience";
import { BasicsSection } from "./sections/basics";
import { FrequencySection } from "./sections/frequency";
import { LinksSection } from "./sections/links";
import { LookSection } from "./sections/look";
import { QuestionsSection } from "./sections/questions";
import { WhenSection } from "./sections/when";
import { useDraft } from "./use-draft";
import { useAnswered } from "./use-history";

export function Editor({
  site,
  initial,
  onSaved,
  onEdit,
  readOnly = false,
}: {
  site: Site;
  initial: Draft;
  /** A viewer's look: every field disabled and no save (the server would refuse it anyway). */
  readOnly?: boolean;
  onSaved(s: Survey, created: boolean): Promise<void>;
  onEdit(): void;
}) {
  const state = useDraft(site.id, initial, onEdit);
  const { draft: d, locales, dirty } = state;
  const answered = useAnswered(site.id, d.id);

  const save = useAction(async () => {
    const body = toBody(d, locales);
    // zod loads with the first save only: the rest of the dashboard stays small.
    const { surveyInputSchema } = await import("../schemas");
    const parsed = surveyInputSchema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: fieldName(i.path), message: i.message }));
      throw new ApiError(400, "invalid_body", "Please fix the fields below before saving.", issues);
    }
    const answer = d.id
      ? await api<Partial<Survey> | null>("PUT", `/api/sites/${site.id}/surveys/${d.id}`, { ...body, id: d.id })
      : await api<Partial<Survey> | null>("POST", `/api/sites/${site.id}/surveys`, body);
    // A create answers at least `{ id }`: what was sent fills the rest.
    const saved = { version: d.version ?? 1, ...body, ...answer, id: answer?.id ?? d.id! } as Survey;
    state.saved();
    await onSaved(saved, !d.id);
  });

  return (
    <div class="editor">
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
        aria-label="Survey editor"
        noValidate
      >
        <fieldset class="plain" disabled={readOnly}>
          <BasicsSection state={state} />
          <QuestionsSection state={state} answered={answered} />
          <WhenSection state={state} />
          <AudienceSection state={state} />
          <FrequencySection state={state} />
          <LookSection state={state} />
          <LinksSection state={state} />
        </fieldset>
        <ErrorBox error={save.error} />
        {readOnly ? null : (
          <div class="row start sticky-actions">
            <button type="submit" disabled={save.busy}>
              {save.busy ? "Saving…" : "Save survey"}
            </button>
            {dirty ? (
              <>
                <span class="badge retrying" data-testid="unsaved">
                  Unsaved changes
                </span>
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    state.discard();
                    save.setError(null);
                  }}
                >
                  Discard changes
                </button>
              </>
            ) : null}
            {d.id ? <span class="muted small">Saving publishes the change to the widget within a minute.</span> : null}
          </div>
        )}
      </form>
      <div class="editor-side">
        <PreviewPane site={site} draft={d} locales={locales} />
        <PathMap questions={d.questions} />
      </div>
    </div>
  );
}
