/** When the survey shows: on which pages (and not), after what delay, scroll depth or exit intent. */
import { Field } from "../../components/form";
import type { Draft } from "../draft";
import { targetingSummary } from "../targeting/summary";
import type { DraftState } from "../use-draft";

const lines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

/** An edit of the draft's trigger, shared by the targeting sections. */
export const triggerEdit = (state: DraftState) => (patch: Partial<Draft["trigger"]>) =>
  state.edit({ ...state.draft, trigger: { ...state.draft.trigger, ...patch } });

export const whole = (value: string) => Math.round(Number(value));

export function WhenSection({ state }: { state: DraftState }) {
  const { draft: d } = state;
  const trigger = triggerEdit(state);
  return (
    <>
      <h2>When to show</h2>
      <p class="muted" data-testid="targeting-summary" aria-live="polite">
        {targetingSummary(d.trigger, d.schedule)}
      </p>
      <div class="grid-2">
        <Field label="Pages" hint="One path pattern per line; * matches anything, e.g. /checkout/thank-you*">
          <textarea
            value={d.trigger.pages.join("\n")}
            onInput={(e) => trigger({ pages: lines(e.currentTarget.value) })}
          />
        </Field>
        <Field label="Never on these pages" hint="Wins over the pages above, e.g. /account*">
          <textarea
            value={d.trigger.excludePages.join("\n")}
            onInput={(e) => trigger({ excludePages: lines(e.currentTarget.value) })}
          />
        </Field>
        <Field label="Delay (seconds)">
          <input
            type="number"
            min={0}
            max={3600}
            value={d.trigger.delaySeconds}
            onInput={(e) => trigger({ delaySeconds: whole(e.currentTarget.value) })}
          />
        </Field>
        <Field label="Scroll depth (%)">
          <input
            type="number"
            min={0}
            max={100}
            value={d.trigger.scrollPercent}
            onInput={(e) => trigger({ scrollPercent: whole(e.currentTarget.value) })}
          />
        </Field>
        <label class="check">
          <input
            type="checkbox"
            checked={d.trigger.exitIntent}
            onChange={(e) => trigger({ exitIntent: e.currentTarget.checked })}
          />{" "}
          Show when the pointer leaves the page (exit intent, computers only)
        </label>
      </div>
    </>
  );
}
