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
  | 'PreconditionFailed';

const STATUS: Record<HttpInputProblem, number> = {
  MalformedJson: 400,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  NotFound: 404,
  MethodNotAllowed: 405,
  PreconditionFailed: 412,
};

export class HttpInputError extends Error {
  readonly status: number;

  constructor(
    readonly problem: HttpInputProblem,
    message: string,
  ) {
    super(message);
    this.status = STATUS[problem];
  }
}
