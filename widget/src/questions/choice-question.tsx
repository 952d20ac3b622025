/** One option (radios) or several (checkboxes) of the owner's list. */
import { localizedText } from "../../../shared/localized";
import { Options } from "./options";
import type { QuestionProps } from "./types";

export function ChoiceQuestion({ q, value, onChange, locale, labelId }: Readonly<QuestionProps>) {
  const multiple = q.type === "multi";
  const selected = multiple ? ((value as string[] | undefined) ?? []) : value === undefined ? [] : [value as string];
  return (
    <Options
      name={q.id}
      variant="choice"
      multiple={multiple}
      labelledBy={labelId}
      choices={(q.options ?? []).map((o) => ({ value: o.id, label: localizedText(o.text, locale) }))}
      selected={selected}
      onToggle={(v) => {
        if (!multiple) return onChange(v as string);
        const next = selected.includes(v as string) ? selected.filter((x) => x !== v) : [...selected, v as string];
        onChange(next.length ? next : undefined);
      }}
    />
  );
}
