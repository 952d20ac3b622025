import { CONTEXT_PATTERN_ATTRIBUTE } from "../../../shared/constants";

/** The context key a card groups by (productId unless the owner types another), with its visible label. */
export function ContextKeyInput(props: {
  text: string;
  name?: string;
  value: string;
  onChange: (key: string) => void;
}) {
  return (
    <label class="inline">
      {props.text}{" "}
      <input
        class="short"
        aria-label={props.name}
        value={props.value}
        pattern={CONTEXT_PATTERN_ATTRIBUTE}
        onChange={(e) => props.onChange(e.currentTarget.value.trim() || "productId")}
      />
    </label>
  );
}
