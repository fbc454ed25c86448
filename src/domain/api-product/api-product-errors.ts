import { DomainError } from '../shared/domain-error';

/*
 * Codes name the fact, not the status: the portal's HTTP adapter maps them
 * to 404 / 422 per route (an unknown id is 404 on GET but 422 on PUT).
 */

export class ApiProductNotFoundError extends DomainError {
  readonly code = 'ApiProductNotFound';
  constructor(readonly productId: number) {
    super(`Product ${productId} not found`);
  }
}
