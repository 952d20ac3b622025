/** When the survey shows: pages, delay, scroll depth, exit intent, share of visitors, cooldown. */
import { Field } from "../../components/form";
import type { Draft } from "../draft";
import type { DraftState } from "../use-draft";

const lines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

export function WhenSection({ state }: { state: DraftState }) {
  const { draft: d, edit } = state;
  const trigger = (patch: Partial<Draft["trigger"]>) => edit({ ...d, trigger: { ...d.trigger, ...patch } });
  const whole = (value: string) => Math.round(Number(value));
  return (
    <>
      <h2>When to show</h2>
      <div class="grid-2">
        <Field label="Pages" hint="One path pattern per line; * matches anything, e.g. /checkout/thank-you*">
          <textarea
            value={d.trigger.pages.join("\n")}
            onInput={(e) => trigger({ pages: lines(e.currentTarget.value) })}
          />
        </Field>
        <div>
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
        </div>
        <Field label="Share of visitors asked (%)">
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={Math.round(d.trigger.sample * 100)}
            onInput={(e) => trigger({ sample: Math.min(1, Math.max(0, Number(e.currentTarget.value) / 100)) })}
          />
        </Field>
        <Field label="Ask the same person again after (days)">
          <input
            type="number"
            min={0}
            max={3650}
            value={d.trigger.cooldownDays}
            onInput={(e) => trigger({ cooldownDays: whole(e.currentTarget.value) })}
          />
        </Field>
        <label class="check">
          <input
            type="checkbox"
            checked={d.trigger.exitIntent}
            onChange={(e) => trigger({ exitIntent: e.currentTarget.checked })}
          />{" "}
          Show on exit intent (desktop)
        </label>
      </div>
    </>
  );
}
