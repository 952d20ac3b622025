/**
 * Reads a request body with a hard byte cap, deciding before anything is parsed.
 * Hono's bodyLimit had bypasses for chunked bodies without Content-Length
 * (GHSA-9vqf-7f2p-gf9v), so the stream itself is counted here. A body that declares its length and
 * is not chunked (what browsers send) is read whole by the runtime: HTTP framing holds it to that length.
 */
import { MAX_BODY_BYTES } from "../../../shared/constants";
import { ApiError } from "../errors";

export async function readBodyText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = req.headers.get("content-length");
  const tooLarge = () => new ApiError("payload_too_large", `body must be at most ${maxBytes} bytes`);
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (!req.body) return "";
  // A chunked body may carry a Content-Length too (wrangler dev and workerd pass both on): counted as it comes.
  const whole = declared !== null && /^\d+$/.test(declared) && !req.headers.has("transfer-encoding");
  const all = whole ? new Uint8Array(await req.arrayBuffer()) : await readCapped(req.body, maxBytes);
  if (all === null || all.byteLength > maxBytes) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(all);
  } catch {
    throw new ApiError("invalid_body", "body is not valid UTF-8");
  }
}

/** A body of unknown length, read chunk by chunk and given up on (null) past the cap. */
async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

/** JSON from `application/json` or `text/plain` (navigator.sendBeacon) bodies. */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type && type !== "application/json" && type !== "text/plain") {
    // Still enforce the size cap first, so a huge body of another type gets 413.
    await readBodyText(req, maxBytes);
    throw new ApiError("invalid_body", "body must be application/json or text/plain JSON");
  }
  const text = await readBodyText(req, maxBytes);
  if (text.trim() === "") throw new ApiError("invalid_body", "body is empty");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("invalid_body", "body is not valid JSON");
  }
}
