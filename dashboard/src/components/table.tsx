/**
 * Tables of results and settings. Every heading is a column header (`scope="col"`), so that a screen
 * reader names each cell's column; charts carry one too (hidden from the eye) with their figures.
 */
import type { ComponentChildren } from "preact";

/** A heading: its text, or with `num` (figures, right-aligned), a tooltip, or read by screen readers only. */
export type Column =
  | string
  | { label: ComponentChildren; key?: string; num?: boolean; title?: string; srOnly?: boolean };

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) =>
          typeof c === "string" ? (
            <th scope="col" key={c}>
              {c}
            </th>
          ) : (
            <th scope="col" key={c.key ?? String(c.label)} class={c.num ? "num" : undefined} title={c.title}>
              {c.srOnly ? <span class="sr-only">{c.label}</span> : c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

interface ScrollTableProps {
  columns: Column[];
  caption?: ComponentChildren;
  class?: string;
  testId?: string;
  children: ComponentChildren;
}

/** A table that scrolls sideways inside its card on a narrow screen, rather than widening the page. */
export function ScrollTable({ columns, caption, class: className, testId, children }: ScrollTableProps) {
  return (
    <div class="table-scroll">
      <table class={className} data-testid={testId}>
        {caption}
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
