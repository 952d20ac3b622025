/** How often and until when: cooldown, asking again, priority among the site's surveys, dates and a quota. */
import { Field } from "../../components/form";
import type { DraftState } from "../use-draft";
import { triggerEdit, whole } from "./when";

/** ISO instant ↔ the value of a datetime-local input (the owner's own time zone). */
const toLocal = (iso: string | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (value: string) => (value ? new Date(value).toISOString() : undefined);

export function FrequencySection({ state }: { state: DraftState }) {
  const { draft: d, edit } = state;
  const t = d.trigger;
  const trigger = triggerEdit(state);
  const schedule = (patch: Partial<NonNullable<typeof d.schedule>>) => {
    const next = Object.fromEntries(
      Object.entries({ ...d.schedule, ...patch }).filter(([, v]) => v !== undefined && v !== ""),
    );
    edit({ ...d, schedule: Object.keys(next).length ? next : undefined });
  };
  return (
    <>
      <h2>How often, and until when</h2>
      <div class="grid-2">
        <Field label="Ask the same person again after (days)" hint="0: on every visit that matches">
          <input
            type="number"
            min={0}
            max={3650}
            value={t.cooldownDays}
            onInput={(e) => trigger({ cooldownDays: whole(e.currentTarget.value) })}
          />
        </Field>
        <Field label="Ask again">
          <select
            value={t.askAgain}
            onChange={(e) => trigger({ askAgain: e.currentTarget.value as typeof t.askAgain })}
          >
            <option value="always">After the waiting time, always</option>
            <option value="unanswered">After the waiting time, only if not answered yet</option>
          </select>
        </Field>
        <Field label="Priority" hint="When several surveys could show, the lowest number goes first">
          <input
            type="number"
            min={0}
            max={1000}
            value={d.priority}
            onInput={(e) => edit({ ...d, priority: Math.min(1000, Math.max(0, whole(e.currentTarget.value))) })}
          />
        </Field>
        <Field label="Stop after this many completed responses" hint="Empty: no limit">
          <input
            type="number"
            min={1}
            value={d.schedule?.maxResponses ?? ""}
            onInput={(e) =>
              schedule({ maxResponses: e.currentTarget.value ? whole(e.currentTarget.value) : undefined })
            }
          />
        </Field>
        <Field label="Starts">
          <input
            type="datetime-local"
            value={toLocal(d.schedule?.startsAt)}
            onInput={(e) => schedule({ startsAt: fromLocal(e.currentTarget.value) })}
          />
        </Field>
        <Field label="Ends">
          <input
            type="datetime-local"
            value={toLocal(d.schedule?.endsAt)}
            onInput={(e) => schedule({ endsAt: fromLocal(e.currentTarget.value) })}
          />
        </Field>
      </div>
    </>
  );
}
