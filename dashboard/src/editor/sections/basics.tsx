/** Name, whether the survey is live, and its languages (with what is still to translate). */
import { BUILT_IN_LOCALES } from "../../../../shared/constants";
import { Field } from "../../components/form";
import { missingTexts } from "../draft";
import type { DraftState } from "../use-draft";

export function BasicsSection({ state }: { state: DraftState }) {
  const { draft: d, locales, edit, setLocales } = state;
  const missing = missingTexts(d, locales);
  const setActive = (active: boolean) => edit({ ...d, active });
  return (
    <>
      <div class="grid-2">
        <Field label="Survey name">
          <input value={d.name} maxLength={200} onInput={(e) => edit({ ...d, name: e.currentTarget.value })} />
        </Field>
        <label class="check switch">
          <input type="checkbox" checked={d.active} onChange={(e) => setActive(e.currentTarget.checked)} /> Active
          (shown to customers)
        </label>
      </div>
      <fieldset>
        <legend>Languages</legend>
        {BUILT_IN_LOCALES.map((l) => (
          <label class="check" key={l}>
            <input
              type="checkbox"
              checked={locales.includes(l)}
              disabled={l === "en"}
              onChange={(e) => setLocales(e.currentTarget.checked ? [...locales, l] : locales.filter((x) => x !== l))}
            />{" "}
            {l}
          </label>
        ))}
        <p class="muted small">Customers see their browser's language when the survey has it, English otherwise.</p>
        {missing.length ? (
          <p class="small warn" data-testid="missing-texts">
            Still to translate: {missing.map(([l, n]) => `${l} (${n} ${n === 1 ? "text" : "texts"})`).join(", ")}. Until
            then these customers see the English text.
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
