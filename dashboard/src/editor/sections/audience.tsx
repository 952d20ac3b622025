/** Who is asked: a share of visitors, their devices, first or later visit, language, an event, the page's context. */
import { TARGET_DEVICES } from "../../../../shared/constants";
import { Field } from "../../components/form";
import { ContextConditions } from "../targeting/conditions";
import type { DraftState } from "../use-draft";
import { triggerEdit, whole } from "./when";

const DEVICE_LABELS = { phone: "Phones", tablet: "Tablets", desktop: "Computers" } as const;

export function AudienceSection({ state }: { state: DraftState }) {
  const t = state.draft.trigger;
  const trigger = triggerEdit(state);
  const devices = t.devices ?? [...TARGET_DEVICES];
  const toggleDevice = (device: (typeof TARGET_DEVICES)[number], on: boolean) => {
    const next = TARGET_DEVICES.filter((d) => (d === device ? on : devices.includes(d)));
    // All three (or none, which would ask no one) read as "every device".
    trigger({ devices: next.length === TARGET_DEVICES.length || next.length === 0 ? undefined : next });
  };
  return (
    <>
      <h2>Who is asked</h2>
      <div class="grid-2">
        <Field label="Share of visitors asked (%)" hint="Each visitor is drawn once and keeps the result">
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={Math.round(t.sample * 100)}
            onInput={(e) => trigger({ sample: Math.min(1, Math.max(0, Number(e.currentTarget.value) / 100)) })}
          />
        </Field>
        <Field label="Visitors">
          <select
            value={t.visitors}
            onChange={(e) => trigger({ visitors: e.currentTarget.value as typeof t.visitors })}
          >
            <option value="all">Everyone</option>
            <option value="new">New visitors (during their first visit)</option>
            <option value="returning">Returning visitors (a later visit)</option>
          </select>
        </Field>
        <fieldset>
          <legend>Devices</legend>
          {TARGET_DEVICES.map((d) => (
            <label class="check" key={d}>
              <input
                type="checkbox"
                checked={devices.includes(d)}
                onChange={(e) => toggleDevice(d, e.currentTarget.checked)}
              />{" "}
              {DEVICE_LABELS[d]}
            </label>
          ))}
        </fieldset>
        <Field label="Language">
          <select
            value={t.language}
            onChange={(e) => trigger({ language: e.currentTarget.value as typeof t.language })}
          >
            <option value="any">Every visitor (in English where the survey lacks their language)</option>
            <option value="translated">Only visitors whose language the survey is written in</option>
          </select>
        </Field>
        <Field label="Only after the page reports this event" hint='Feedback.track("name") or data-feedback-event'>
          <input
            value={t.event?.name ?? ""}
            placeholder="e.g. added_to_cart"
            onInput={(e) => {
              const name = e.currentTarget.value.trim();
              trigger({ event: name ? { name, times: t.event?.times ?? 1 } : undefined });
            }}
          />
        </Field>
        <Field label="…for the Nth time in the visit">
          <input
            type="number"
            min={1}
            max={100}
            disabled={!t.event}
            value={t.event?.times ?? 1}
            onInput={(e) =>
              t.event && trigger({ event: { ...t.event, times: Math.max(1, whole(e.currentTarget.value)) } })
            }
          />
        </Field>
      </div>
      <ContextConditions conditions={t.context} onChange={(context) => trigger({ context })} />
    </>
  );
}
