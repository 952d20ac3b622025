/** How the survey looks (accent colour, position) and how customers are thanked (an optional reward). */
import { POSITIONS } from "../../../../shared/constants";
import { Field } from "../../components/form";
import type { Draft } from "../draft";
import { LocaleTexts } from "../question-editor";
import type { DraftState } from "../use-draft";

const POSITION_LABEL: Record<(typeof POSITIONS)[number], string> = {
  "bottom-right": "Bottom right",
  "bottom-left": "Bottom left",
  center: "Centre (modal)",
};

const DEFAULT_REWARD = { text: { en: "Thank you! 10% off your next order:" }, code: "THANKS10" };

export function LookSection({ state }: { state: DraftState }) {
  const { draft: d, locales, edit } = state;
  const theme = (patch: Partial<Draft["theme"]>) => edit({ ...d, theme: { ...d.theme, ...patch } });
  const reward = d.reward;
  return (
    <>
      <h2>Look and thanks</h2>
      <div class="grid-2">
        <Field label="Accent colour">
          <span class="row start">
            <input
              type="color"
              aria-label="Accent colour picker"
              value={d.theme.accent}
              onInput={(e) => theme({ accent: e.currentTarget.value })}
            />
            <input
              class="short"
              aria-label="Accent colour hex"
              value={d.theme.accent}
              pattern="#[0-9a-fA-F]{6}"
              onInput={(e) => theme({ accent: e.currentTarget.value })}
            />
          </span>
        </Field>
        <Field label="Position">
          <select
            value={d.theme.position}
            onChange={(e) => theme({ position: e.currentTarget.value as Draft["theme"]["position"] })}
          >
            {POSITIONS.map((p) => (
              <option key={p} value={p}>
                {POSITION_LABEL[p]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={!!reward}
          onChange={(e) => edit({ ...d, reward: e.currentTarget.checked ? DEFAULT_REWARD : undefined })}
        />{" "}
        Thank customers with a reward after they answer
      </label>
      {reward ? (
        <div class="reward">
          <LocaleTexts
            value={reward.text}
            locales={locales}
            label="Reward text"
            onChange={(text) => edit({ ...d, reward: { ...reward, text } })}
          />
          <Field label="Discount code" hint="Shown on the thank-you step, with a copy button.">
            <input
              value={reward.code ?? ""}
              maxLength={60}
              onInput={(e) => edit({ ...d, reward: { ...reward, code: e.currentTarget.value } })}
            />
          </Field>
        </div>
      ) : null}
    </>
  );
}
