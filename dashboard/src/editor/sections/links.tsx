/** How the survey's hosted page takes answers: any link, or only signed ones; and one response per order. */
import { CONTEXT_PATTERN_ATTRIBUTE } from "../../../../shared/constants";
import type { DraftState } from "../use-draft";

export function LinksSection({ state }: { state: DraftState }) {
  const { draft: d, edit } = state;
  const links = d.links ?? { signed: false };
  const set = (patch: Partial<typeof links>) => {
    const next = { ...links, ...patch };
    if (!next.onePer) delete next.onePer;
    edit({ ...d, links: next });
  };
  return (
    <fieldset>
      <legend>Links, QR codes and emails</legend>
      <label class="check">
        <input type="checkbox" checked={links.signed} onChange={(e) => set({ signed: e.currentTarget.checked })} /> Only
        signed links (each made by your shop for one customer: nobody can answer for another order)
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={!!links.onePer}
          onChange={(e) => set({ onePer: e.currentTarget.checked ? "orderId" : undefined })}
        />{" "}
        One response per
        <input
          class="short"
          aria-label="Context key answered once"
          value={links.onePer ?? "orderId"}
          disabled={!links.onePer}
          pattern={CONTEXT_PATTERN_ATTRIBUTE}
          onInput={(e) => set({ onePer: e.currentTarget.value })}
        />
      </label>
      <p class="muted small">
        With one response per order, every answer must carry the order in its context (a link's
        <code>ctx.orderId</code>, or <code>data-context-order-id</code> on the shop's page); a second answer for the
        same order is refused and the page thanks the customer instead. Signed surveys are answered through links only,
        never as a popup.
      </p>
    </fieldset>
  );
}
