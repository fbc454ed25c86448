/** What the OpenAPI document says of one route; the route tables of the surfaces carry it. */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export interface JfwRouteDoc {
  readonly operationId: string;
  readonly summary: string;
  readonly status: number;
  readonly data: unknown;
  readonly body?: string;
  readonly bodyTypes?: readonly string[];
  readonly query?: string;
  readonly conditional?: boolean;
  /** A single resource that answers an ETag without being writable here. */
  readonly etag?: boolean;
  readonly errors: readonly number[];
  readonly requestExamples?: Record<string, unknown>;
  readonly responseExamples?: Record<string, unknown>;
}

/** The three shapes of a portal 422 (the Tyk reference answers each on its own routes). */
export type UnprocessableShape = 'Errors' | 'StatusWithErrors' | 'StatusWithErrorMessage';

export interface PortalRouteDoc {
  readonly operationId: string;
  readonly summary: string;
  readonly status?: number;
  readonly answer: unknown;
  readonly body?: string;
  readonly paged?: boolean;
  /** Optional text filters of a list, beside its paging: name → description and maximum length. */
  readonly filters?: Readonly<Record<string, { readonly description: string; readonly maxLength: number }>>;
  /** Honours If-Match; a write that is not a DELETE answers the new ETag. */
  readonly conditional?: boolean;
  /** Answers the ETag of the resource (single-resource GETs and writes that answer a status message). */
  readonly etag?: boolean;
  /** Answers 404 for an unknown path id on a write too (GET and DELETE always document it). */
  readonly notFound?: boolean;
  /** Shape of 422, when the route can answer it; the error middleware renders this one (default Errors). */
  readonly unprocessable?: UnprocessableShape;
  readonly requestExamples?: Record<string, unknown>;
  readonly responseExamples?: Record<string, unknown>;
}
