/** The owner API client: same-origin fetch with the session cookie; errors in the contract's envelope. */
import type { ErrorBody, ErrorIssue } from "../../shared/errors";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ErrorIssue[] = [],
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** Fired on window when an owner route answers 401: the shell shows the sign-in form again. */
export const SESSION_ENDED = "feedback:session-ended";

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server: check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  if (!res.ok) {
    const e = data?.error;
    // An owner route answering 401 means the session ended (expired, or signed out elsewhere).
    if (res.status === 401 && !path.startsWith("/api/auth/")) dispatchEvent(new Event(SESSION_ENDED));
    const retry = Number(res.headers.get("retry-after"));
    const message =
      e?.message ??
      (res.status >= 500 ? "The server had a problem; please try again." : `Request failed (${res.status})`);
    throw new ApiError(
      res.status,
      e?.code ?? "error",
      message,
      e?.issues ?? [],
      Number.isFinite(retry) && retry > 0 ? retry : null,
    );
  }
  return data as T;
}

export const qs = (params: Record<string, string | number | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
};
