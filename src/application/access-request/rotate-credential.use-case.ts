import { ChangeContext } from '../../domain/audit/change-context';
import { ExpectedVersion, expectedVersions } from '../../domain/shared/version-precondition';
import { Credential } from '../../domain/access-request/credential';
import { Clock, CLOCK } from '../ports/clock';
import { AccessRequestRepository, ACCESS_REQUEST_REPOSITORY } from '../ports/access-request.repository';
import { PortalAppRepository, PORTAL_APP_REPOSITORY } from '../ports/portal-app.repository';
import { TokenGenerator, TOKEN_GENERATOR } from '../ports/token-generator';
import { findAppAccessRequest } from './app-access-request.lookup';
import { newSecret } from './credential-secrets';

export interface RotateCredentialCommand {
  appId: number;
  accessRequestId: number;
  credentialId: number;
  /** From If-Match, against the access request's version (the credential is part of it); absent: unconditional. */
  readonly expectedVersion?: ExpectedVersion;
  readonly change: ChangeContext;
}

/**
 * Replaces the credential's secret (token, password or client secret); the
 * old one stops working at once. The HTTP layer answers every error here 422.
 * Answers the credential and the access request's new version (its ETag).
 * @throws PortalAppNotFoundError, AccessRequestNotFoundError, CredentialNotFoundError, VersionMismatchError
 */
export class RotateCredential {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_APP_REPOSITORY, ACCESS_REQUEST_REPOSITORY, TOKEN_GENERATOR, CLOCK] as const;
  }

  constructor(
    private readonly apps: PortalAppRepository,
    private readonly accessRequests: AccessRequestRepository,
    private readonly tokens: TokenGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: RotateCredentialCommand): Promise<{ credential: Credential; accessRequestVersion: number }> {
    // Looked up first only to name the wrong id; the write re-checks the whole path.
    await findAppAccessRequest(this.apps, this.accessRequests, command.appId, command.accessRequestId);
    const now = this.clock.now();
    const path = { appId: command.appId, accessRequestId: command.accessRequestId, credentialId: command.credentialId };
    return this.accessRequests.updateCredential(
      path,
      (credential) => credential.rotate(newSecret(credential.authType, this.tokens), now),
      command.change,
      expectedVersions(command.expectedVersion),
    );
  }
}
