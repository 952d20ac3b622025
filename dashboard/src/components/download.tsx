/**
 * A CSV download that tells the owner when it fails: the server refused it (its error envelope
 * is shown), or the file was cut off on the way (a stream that ended early). A plain link would
 * save an error page as the file, or leave a broken file without a word.
 */
import { useState } from "preact/hooks";
import { ApiError } from "../api";
import { ErrorBox } from "./form";

const filenameOf = (res: Response, fallback: string) =>
  res.headers.get("content-disposition")?.match(/filename="([^"]+)"/)?.[1] ?? fallback;

const size = (bytes: number) => (bytes < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

async function fetchFile(href: string, onProgress: (bytes: number) => void): Promise<{ blob: Blob; name: string }> {
  let res: Response;
  try {
    res = await fetch(href, { credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server: check your connection and try again.");
  }
  if (!res.ok || !res.body) {
    const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, data?.error?.code ?? "error", data?.error?.message ?? `HTTP ${res.status}`);
  }
  const reader = res.body.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      bytes += value.byteLength;
      onProgress(bytes);
    }
  } catch {
    throw new ApiError(0, "cut_off", `The download was cut off after ${size(bytes)}: the file would be incomplete.`);
  }
  return {
    blob: new Blob(parts, { type: res.headers.get("content-type") ?? "text/csv" }),
    name: filenameOf(res, "export.csv"),
  };
}

/** Hands a file to the browser's downloads (the object URL lives long enough for a slow save dialog). */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Download({
  href,
  label,
  class: cls = "button secondary",
}: {
  href: string;
  label: string;
  class?: string;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = async (e: Event) => {
    e.preventDefault();
    if (progress !== null) return;
    setError(null);
    setProgress(0);
    try {
      const { blob, name } = await fetchFile(href, setProgress);
      saveBlob(blob, name);
    } catch (err) {
      setError(
        err instanceof ApiError && err.code !== "cut_off" && err.code !== "network"
          ? new ApiError(err.status, err.code, `The download failed: ${err.message}`)
          : err,
      );
    } finally {
      setProgress(null);
    }
  };

  return (
    <span class="download">
      <a class={cls} href={href} onClick={start} aria-busy={progress !== null} download>
        {label}
      </a>
      {progress !== null ? (
        <span class="muted small" role="status">
          Downloading… {size(progress)}
        </span>
      ) : null}
      <ErrorBox error={error} />
    </span>
  );
}
