/**
 * Answers the collector accepted and then did not store in the period (GET /api/sites/:id/ingestion):
 * in queue mode it answers before writing, so a reused id or an answer whose customer withdrew in the
 * meantime is dropped afterwards; owners see how many, per cause.
 */
import { useEffect, useState } from "preact/hooks";
import type { IngestionHealth, Site } from "../../../shared/types";
import { api, qs } from "../api";

export function DeliveryHealth({ site, from, to }: { site: Site; from?: string | undefined; to?: string | undefined }) {
  const [health, setHealth] = useState<IngestionHealth | null>(null);
  useEffect(() => {
    let live = true;
    api<IngestionHealth>("GET", `/api/sites/${site.id}/ingestion${qs({ from, to })}`).then(
      (h) => live && setHealth(h),
      // Not worth an error box on the results page: the line is simply left out.
      () => live && setHealth(null),
    );
    return () => {
      live = false;
    };
  }, [site.id, from, to]);
  if (!health) return null;
  const { idReused, withdrawn, erased } = health.dropped;
  return (
    <p class="muted small" data-testid="delivery-health">
      {idReused + withdrawn + erased === 0
        ? `Every answer accepted from ${health.from} to ${health.to} was stored.`
        : `Answers accepted but not stored from ${health.from} to ${health.to}: ${idReused} sent again under an ` +
          `id already used for another answer, ${withdrawn} whose customer withdrew consent and ${erased} erased ` +
          "by a customer's data request before they were stored."}
    </p>
  );
}
