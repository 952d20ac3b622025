/** Deleting a survey (owners): its responses and scores go with it, so the button asks once more. */
import type { Site, Survey } from "../../../shared/types";
import { api } from "../api";
import { ConfirmButton, ErrorBox, useAction } from "../components/form";

export function DeleteSurvey({
  site,
  survey,
  onDeleted,
}: {
  site: Site;
  survey: Pick<Survey, "id" | "name">;
  onDeleted(): Promise<void>;
}) {
  const remove = useAction(async () => {
    await api("DELETE", `/api/sites/${site.id}/surveys/${survey.id}`);
    await onDeleted();
  });
  return (
    <div class="row start">
      <ConfirmButton
        label="Delete survey"
        confirmLabel={`Delete “${survey.name}” and its responses`}
        onConfirm={() => void remove.run()}
      />
      <ErrorBox error={remove.error} />
    </div>
  );
}
