/** A group of native radios or checkboxes drawn as buttons: keyboard and screen readers work as with any form. */
export interface Choice {
  value: string | number;
  /** What the button shows and is named by. */
  label: string;
  /** A picture of the choice instead of the label (★, an emoji): shown, but the label names it. */
  face?: string | undefined;
  /** Extra words for screen readers only (e.g. "Satisfied" beside "4"). */
  sr?: string | undefined;
}

export function Options(
  props: Readonly<{
    name: string;
    multiple?: boolean;
    choices: Choice[];
    selected: (string | number)[];
    onToggle(value: string | number): void;
    /** fb-options--nps, --row (a scale on one row), --choice… */
    variant: string;
    labelledBy: string;
    describedBy?: string;
  }>,
) {
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is "group" or "radiogroup", both take a description
    <div
      class={`fb-options fb-options--${props.variant}`}
      role={props.multiple ? "group" : "radiogroup"}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
    >
      {props.choices.map((c) => (
        <label key={String(c.value)}>
          <input
            type={props.multiple ? "checkbox" : "radio"}
            name={props.name}
            value={String(c.value)}
            checked={props.selected.includes(c.value)}
            onChange={() => props.onToggle(c.value)}
          />
          <span>
            {c.face ? (
              <>
                <span class="fb-face" aria-hidden="true">
                  {c.face}
                </span>
                <span class="fb-sr">{c.label}</span>
              </>
            ) : (
              c.label
            )}
            {/* The space keeps "4 Satisfied" two words in the accessible name. */}
            {c.sr ? <span class="fb-sr"> {c.sr}</span> : null}
          </span>
        </label>
      ))}
    </div>
  );
}
