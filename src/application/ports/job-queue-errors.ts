import { DomainError } from '../../domain/shared/domain-error';

/**
 * A write that has to queue a background job (a webhook dispatch, a DCR
 * sync) in its own transaction, refused by the database because the
 * service's role may not add rows to the job queue (its grants or row
 * policies on graphile-worker's tables are missing). Nothing was written.
 * Not the client's fault and not fixed by the client: each surface answers
 * 503 until an operator gives the role its grants (docs/database-role.md).
 */
export class JobQueueRefusedError extends DomainError {
  readonly code = 'JobQueueRefused';

  constructor() {
    super('The change needs a background job that the database refused to queue (the service lacks its job queue permissions); nothing was changed, retry later');
  }
}
