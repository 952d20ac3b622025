/**
 * CSV cells that spreadsheets cannot execute: a cell starting with = + - @, tab, CR or LF
 * is prefixed with ' (OWASP "CSV injection"), then quoted per RFC 4180 when needed.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : Array.isArray(value) ? value.join("; ") : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(",")}\r\n`;

/** Excel needs the BOM to read UTF-8 (ă, ș, ł, ř, Armenian letters) correctly. */
export const CSV_BOM = "\uFEFF";
