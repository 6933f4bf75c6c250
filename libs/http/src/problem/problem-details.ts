/** The media type of every error response (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types of our own live under this URI; the generic ones use `about:blank`. */
export const PROBLEM_TYPE_BASE = 'https://kinship.dev/problems/';

/** One invalid, missing or unexpected field of a request. */
export interface FieldError {
  /** Dotted path into the request body or query, e.g. `address.street` or `members.0.name`. */
  field: string;
  message: string;
}

/** An RFC 9457 problem document as Kinship sends it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  correlationId: string;
  /** Present on Kinship-specific problem types: the stable, machine-readable code. */
  code?: string;
  details?: Record<string, unknown>;
  errors?: FieldError[];
}

/** The problem type URI of a Kinship problem code. */
export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}
