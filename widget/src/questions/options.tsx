/** A group of native radios or checkboxes drawn as buttons: keyboard and screen readers work as with any form. */
export interface Choice {
  value: string | number;
  label: string;
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
    cls: string;
    labelledBy: string;
    describedBy?: string;
  }>,
) {
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is "group" or "radiogroup", both take a description
    <div
      class={`o ${props.cls}`}
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
            {c.label}
            {/* The space keeps "4 Satisfied" two words in the accessible name. */}
            {c.sr ? <span class="sr"> {c.sr}</span> : null}
          </span>
        </label>
      ))}
    </div>
  );
}
