/**
 * The QR code of a survey's page, for a shop counter or a parcel insert: shown, and downloaded as SVG
 * (vector, any print size) or as PNG drawn here from the same SVG (1,200 px: 10 cm at 300 dpi).
 */
import { useState } from "preact/hooks";
import { ApiError } from "../api";
import { saveBlob } from "../components/download";
import { ErrorBox } from "../components/form";

/** Pixels of the PNG: sharp at 10 cm printed at 300 dpi. */
const PNG_PIXELS = 1200;

async function fetchSvg(href: string): Promise<string> {
  const res = await fetch(href, { credentials: "same-origin" }).catch(() => null);
  if (!res) throw new ApiError(0, "network", "Cannot reach the server: check your connection and try again.");
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, data?.error?.code ?? "error", data?.error?.message ?? `HTTP ${res.status}`);
  }
  return res.text();
}

/** The SVG drawn on a canvas without smoothing (its modules stay sharp squares), as a PNG. */
async function svgToPng(svg: string, pixels = PNG_PIXELS): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = pixels;
  canvas.height = pixels;
  const context = canvas.getContext("2d")!;
  context.imageSmoothingEnabled = false;
  context.drawImage(image, 0, 0, pixels, pixels);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png"),
  );
}

export function QrCode({ href, name, label }: { href: string; name: string; label: string }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async (as: "svg" | "png") => {
    setBusy(true);
    setError(null);
    try {
      const svg = await fetchSvg(href);
      saveBlob(as === "svg" ? new Blob([svg], { type: "image/svg+xml" }) : await svgToPng(svg), `${name}.${as}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="qr">
      <img src={href} alt={label} width={180} height={180} data-testid="qr-image" />
      <div class="row start">
        <button type="button" class="secondary" disabled={busy} onClick={() => download("svg")}>
          Download SVG
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => download("png")}>
          Download PNG ({PNG_PIXELS} px)
        </button>
      </div>
      <p class="muted small">Printed 3 cm wide or more, it scans from a parcel insert or a counter.</p>
      <ErrorBox error={error} />
    </div>
  );
}
