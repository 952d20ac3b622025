/** Stable machine words of the error envelope (every JSON error of the API has this shape). */
export const ERROR_STATUS = {
  invalid_body: 400,
  unauthorized: 401,
  origin_not_allowed: 403,
  consent_required: 403,
  forbidden: 403,
  bad_signature: 403,
  signup_closed: 403,
  unknown_site: 404,
  unknown_survey: 404,
  not_found: 404,
  payload_too_large: 413,
  id_reused: 422,
  last_owner: 422,
  rate_limited: 429,
  conflict: 409,
  already_answered: 409,
  survey_closed: 410,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] };
}
