/**
 * A customer's data requests, found by a context value the shop sends (`orderId:A-1042`): how many
 * responses there are, an export as JSON (access), and, for owners, the erasure, confirmed by its count.
 */
import { useState } from "preact/hooks";
import { roleAllows } from "../../../shared/constants";
import type { CustomerData, ErasureResult, Site } from "../../../shared/types";
import { api, qs } from "../api";
import { ActionForm, ConfirmButton, ErrorBox, Field, useAction } from "../components/form";

function saveJson(data: CustomerData) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `customer-${data.context.key}-${data.context.value}.json`.replace(/[^\w.-]+/g, "_");
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function DataRequests({ site }: { site: Site }) {
  const [context, setContext] = useState("");
  const [found, setFound] = useState<CustomerData | null>(null);
  const [erased, setErased] = useState<ErasureResult | null>(null);
  const find = useAction(async () => {
    setErased(null);
    setFound(await api<CustomerData>("GET", `/api/sites/${site.id}/customer-data${qs({ context: context.trim() })}`));
  });
  const erase = useAction(async () => {
    if (!found) return;
    const { key, value } = found.context;
    setErased(
      await api<ErasureResult>("DELETE", `/api/sites/${site.id}/responses${qs({ context: `${key}:${value}` })}`),
    );
    setFound(null);
  });
  const mayErase = roleAllows(site.role, "owner");

  return (
    <section class="card" aria-labelledby="requests-h">
      <h2 id="requests-h">Data requests</h2>
      <p class="muted">
        A customer asks for their data or its erasure: find their responses by a value your shop sends as context (an
        order id, an email hash…). Erasures are listed in the consent records.
      </p>
      <ActionForm class="inline" action={find}>
        <Field label="Context key:value" hint="For example orderId:A-1042">
          <input required name="context" value={context} onInput={(e) => setContext(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="secondary" disabled={find.busy}>
          Find
        </button>
      </ActionForm>
      <ErrorBox error={find.error ?? erase.error} />
      {found ? (
        <div class="row start" role="status">
          <span data-testid="found-count">
            {found.count === 1 ? "1 response" : `${found.count} responses`} with {found.context.key}:
            {found.context.value}
          </span>
          {found.count > 0 ? (
            <button type="button" class="secondary" onClick={() => saveJson(found)}>
              Export as JSON
            </button>
          ) : null}
          {found.count > 0 && mayErase ? (
            <ConfirmButton
              label="Erase"
              confirmLabel={`Erase ${found.count === 1 ? "1 response" : `${found.count} responses`}`}
              onConfirm={() => void erase.run()}
            />
          ) : null}
        </div>
      ) : null}
      {erased ? (
        <p class="ok" role="status">
          Erased {erased.deleted === 1 ? "1 response" : `${erased.deleted} responses`}, and their weight in the scores.
          {erased.more ? " More remain: erase again." : ""}
        </p>
      ) : null}
    </section>
  );
}
