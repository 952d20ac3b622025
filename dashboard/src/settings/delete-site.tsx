/** Deleting the site (owners): typed confirmation of its name, then everything of it goes. */
import { useState } from "preact/hooks";
import type { Site } from "../../../shared/types";
import { api } from "../api";
import { ActionForm, ErrorBox, Field, useAction } from "../components/form";
import { go } from "../route";

export function DeleteSite({ site, onDeleted }: { site: Site; onDeleted(): Promise<unknown> }) {
  const [typed, setTyped] = useState("");
  const remove = useAction(async () => {
    await api("DELETE", `/api/sites/${site.id}`);
    await onDeleted();
    go("#/sites");
  });
  return (
    <section class="card danger-zone" aria-labelledby="delete-site-h">
      <h2 id="delete-site-h">Delete this site</h2>
      <p class="muted">
        Every survey, response, score, consent record, token, webhook and member of {site.name} is deleted. Download the
        consent records first if you must keep proof of consent.
      </p>
      <ActionForm class="inline" action={remove}>
        <Field label={`Type “${site.name}” to confirm`}>
          <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="danger-solid" disabled={typed !== site.name || remove.busy}>
          Delete site
        </button>
      </ActionForm>
      <ErrorBox error={remove.error} />
    </section>
  );
}
