/**
 * Problems with the request itself, found before any use case runs. Each
 * surface's error middleware renders them in its own shape.
 */
export type HttpInputProblem =
  | 'MalformedJson'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'PreconditionFailed'
  | 'TooManyRequests'
  | 'RequestAborted'
  | 'RequestTimeout'
  | 'Unauthorized';

const STATUS: Record<HttpInputProblem, number> = {
  MalformedJson: 400,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  NotFound: 404,
  MethodNotAllowed: 405,
  PreconditionFailed: 412,
  TooManyRequests: 429,
  // The client went away mid-body: nobody reads the answer, but the log should not say 5xx.
  RequestAborted: 400,
  RequestTimeout: 408,
  // Operational endpoints only (/metrics with METRICS_TOKEN); the API surfaces have their own.
  Unauthorized: 401,
};

export class HttpInputError extends Error {
  readonly status: number;

  constructor(
    readonly problem: HttpInputProblem,
    message: string,
    /** For 429: whole seconds until a retry can succeed (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = STATUS[problem];
  }
}
