/**
 * CSV downloads: cells that spreadsheets cannot execute, and one stream that pages through rows.
 *
 * A cell of free text or shop context starting with = + - @, tab, CR or LF is prefixed with '
 * (OWASP "CSV injection"), then quoted per RFC 4180 when needed. Values the system made and
 * that match a strict pattern (ids, ISO times, numbers, fixed words) are written as they are,
 * wrapped in `verbatim()`: an id such as `-Ab3…` is not a formula, and must stay equal to the API's.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/** Excel needs the BOM to read UTF-8 (ă, ș, ł, ř, Armenian letters) correctly. */
export const CSV_BOM = "\uFEFF";

const VERBATIM = Symbol("verbatim");
interface Verbatim {
  [VERBATIM]: string;
}

/** A value made by the system (id, time, number, status), never neutralised. */
export const verbatim = (value: string | number | null | undefined): Verbatim | null =>
  value === null || value === undefined ? null : { [VERBATIM]: String(value) };

const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && VERBATIM in value) return quote((value as Verbatim)[VERBATIM]);
  let text = typeof value === "string" ? value : Array.isArray(value) ? value.join("; ") : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return quote(text);
}

export const csvRow = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(",")}\r\n`;

/** One page of a download: its rows (as cells) and where the next page starts, or `null` at the end. */
export interface CsvPage<C> {
  rows: (readonly unknown[])[];
  next: C | null;
}

/**
 * A CSV file streamed page by page (never all in memory): the BOM and header, then every page of
 * `page(cursor)` until it says there is no next one. Each `pull()` enqueues a chunk or closes the
 * stream, reading further pages while a page has nothing to write: a `pull()` that does neither
 * may never be called again, and the download would hang until the runtime cuts it off.
 */
export function csvStream<C>(header: readonly string[], page: (cursor: C | undefined) => Promise<CsvPage<C>>) {
  const encoder = new TextEncoder();
  let cursor: C | undefined;
  let started = false;
  let ended = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      if (!started) {
        started = true;
        chunk = CSV_BOM + csvRow(header);
      }
      while (!ended && chunk === "") {
        const { rows, next } = await page(cursor);
        for (const row of rows) chunk += csvRow(row);
        if (next === null) ended = true;
        else cursor = next;
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (ended) controller.close();
    },
  });
}

/** The answer of a CSV download: a file, never cached. */
export const csvResponse = (stream: ReadableStream<Uint8Array>, filename: string): Response =>
  new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
