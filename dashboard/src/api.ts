/** The owner API client: same-origin fetch with the session cookie; errors in the contract's envelope. */
export interface Issue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly issues: Issue[] = []) {
    super(message);
  }
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; issues?: Issue[] } } | null;
  if (!res.ok) {
    const e = data?.error;
    const retry = res.headers.get("retry-after");
    const message = (e?.message ?? `request failed (${res.status})`) + (res.status === 429 && retry ? ` (retry in ${Math.ceil(Number(retry) / 60)} min)` : "");
    throw new ApiError(res.status, e?.code ?? "error", message, e?.issues ?? []);
  }
  return data as T;
}

export const qs = (params: Record<string, string | number | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
};
