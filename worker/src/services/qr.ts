/**
 * QR codes of hosted survey pages, for a shop counter or a parcel insert. The `qr` package encodes
 * (zero dependencies, maintained, follows ISO/IEC 18004); this module only draws its modules as SVG:
 * black on a white background with the standard 4-module quiet zone, so the code scans when printed
 * on any paper, and at a physical size a phone reads from arm's length.
 */
import { encodeQR } from "qr";
import { escapeHtml } from "../../../shared/html";

/** Millimetres per module: a 4 cm code at a typical version 5 (37 modules + quiet zone) reads from ~40 cm. */
const MM_PER_MODULE = 0.9;
const QUIET_ZONE = 4;

/**
 * The SVG of a QR code of `text`. Error correction "quartile" (25% of the code may be scuffed or
 * covered) suits a printed insert that travels in a parcel. One path of horizontal runs keeps it small.
 */
export function qrSvg(text: string, title: string): string {
  // The matrix comes with its quiet zone as light modules around the symbol.
  const rows = encodeQR(text, "raw", { ecc: "quartile", border: QUIET_ZONE });
  const size = rows.length;
  let d = "";
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  });
  const mm = (size * MM_PER_MODULE).toFixed(1);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${mm}mm" height="${mm}mm" ` +
    `shape-rendering="crispEdges" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path fill="#000" d="${d}"/></svg>`
  );
}
