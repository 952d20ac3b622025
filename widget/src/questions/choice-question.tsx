// @jsxRuntime classic
// @jsx h
/**
 * One option (radios) or several (checkboxes) of the owner's list. Part of widget-plus.js, so it
 * draws with the UI's own Preact and Options, handed over in the kit.
 */
import { localizedText } from "../../../shared/localized";
import type { Kit } from "../contract";
import type { QuestionProps } from "./types";

// biome-ignore lint/correctness/noUnusedFunctionParameters: the JSX below compiles to calls of h
export const choiceQuestion = ({ h, Options }: Kit) =>
  function ChoiceQuestion({ q, value, onChange, locale, labelId }: Readonly<QuestionProps>) {
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
  };
