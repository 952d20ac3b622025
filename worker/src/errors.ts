/** The one error envelope of the API, thrown anywhere and rendered by `onError`. */
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorIssue } from "../../shared/errors";

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

/** The message of anything thrown, for logs and stored failure reasons. */
export const errorText = (err: unknown): string => String((err as Error)?.message ?? err);

/** Logs a failure of work nobody waits on (after the answer), as one JSON line naming the event. */
export const logFailure = (event: string) => (err: unknown) =>
  console.error(JSON.stringify({ event, error: errorText(err) }));

export function errorResponse(err: ApiError, extraHeaders: HeadersInit = {}): Response {
  const headers = new Headers(extraHeaders);
  headers.set("Content-Type", "application/json; charset=utf-8");
  for (const [k, v] of Object.entries(err.headers ?? {})) headers.set(k, v);
  return new Response(JSON.stringify(err.toBody()), { status: err.status, headers });
}

/** Turns zod issues into the contract's `issues` with paths like `answers[0].value`. */
export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErrorIssue[] {
  return issues.map((i) => ({
    path: i.path.reduce<string>(
      (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
      "",
    ),
    message: i.message,
  }));
}

export function invalid(issues: ErrorIssue[], fallback = "invalid request body"): ApiError {
  const first = issues[0];
  return new ApiError("invalid_body", first ? `${first.path || "body"}: ${first.message}` : fallback, issues);
}
