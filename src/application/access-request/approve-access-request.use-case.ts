import { ChangeContext } from '../../domain/audit/change-context';
import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { combinedScopes, dcrSettingsOf } from '../../domain/api-product/api-product';
import { Credential } from '../../domain/access-request/credential';
import { AccessRequestNotFoundError } from '../../domain/access-request/access-request-errors';
import { Clock, CLOCK } from '../ports/clock';
import { AccessRequestRepository, AccessRequestWithCredentials, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { ApiProductRepository, API_PRODUCT_REPOSITORY } from '../ports/api-product.repository';
import { TokenGenerator, TOKEN_GENERATOR } from '../ports/token-generator';
import { newSecret } from './credential-secrets';

export interface ApproveAccessRequestCommand {
  accessRequestId: number;
  /** From If-Match: the version read, or several of which any will do; absent means an unconditional write. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/**
 * Approves and issues one credential of the request's auth type, in one
 * write. For products with dynamic client registration the credential is
 * registered at the identity provider afterwards, by a job (docs/dcr.md). The pending check runs inside that write, so two concurrent
 * approvals cannot both issue a credential.
 * @throws AccessRequestNotFoundError, AccessRequestNotPendingError, VersionMismatchError,
 *         ValidationError (a DCR product for an app without the redirect URLs its flow needs)
 */
export class ApproveAccessRequest {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [ACCESS_REQUEST_REPOSITORY, API_PRODUCT_REPOSITORY, TOKEN_GENERATOR, CLOCK] as const;
  }

  constructor(
    private readonly accessRequests: AccessRequestRepository,
    private readonly products: ApiProductRepository,
    private readonly tokens: TokenGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: ApproveAccessRequestCommand): Promise<AccessRequestWithCredentials> {
    const found = await this.accessRequests.findById(command.accessRequestId);
    if (!found) throw new AccessRequestNotFoundError(command.accessRequestId);
    // Products cannot change once created, so reading them outside the write is safe. Only oauth2 credentials carry scopes.
    const products = found.accessRequest.authType === 'oauth2' ? await this.products.findByIds(found.accessRequest.productIds) : [];
    const scope = combinedScopes(products);
    const dcr = dcrSettingsOf(products);
    const now = this.clock.now();
    return this.accessRequests.decide(command.accessRequestId, (request, app) => {
      // A DCR credential is committed pending; the dcr-sync job, queued in the same transaction, registers it.
      const credential = dcr !== null
        ? Credential.issueRegistered(request.id, dcr, app.redirectUrls, now)
        : Credential.issue(request.id, newSecret(request.authType, this.tokens), { redirectUri: app.redirectUrls, scope }, now);
      return { decided: request.approve(now), issue: [credential] };
    }, command.change, expectedVersions(command.expectedVersion));
  }
}
