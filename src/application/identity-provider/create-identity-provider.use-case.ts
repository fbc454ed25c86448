import { ChangeContext } from '../../domain/audit/change-context';
import { IdentityProvider, IdentityProviderInput } from '../../domain/identity-provider/identity-provider';
import { Clock, CLOCK } from '../ports/clock';
import { IdentityProviderDiscovery, IDENTITY_PROVIDER_DISCOVERY } from '../ports/identity-provider-discovery';
import { IdentityProviderRepository, IDENTITY_PROVIDER_REPOSITORY } from '../ports/identity-provider.repository';

export type CreateIdentityProviderCommand = IdentityProviderInput & { readonly change: ChangeContext };

/**
 * Creates an identity provider from its issuer: the registration endpoint is
 * read from the issuer's discovery document, so an operator cannot mistype it
 * and a provider without dynamic registration is refused now, not at the
 * first approval.
 * @throws ValidationError, IdentityProviderIssuerTakenError, and the
 *         IdentityProviderError of the discovery (unreachable, refused, protocol, not allowed)
 */
export class CreateIdentityProvider {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [IDENTITY_PROVIDER_REPOSITORY, IDENTITY_PROVIDER_DISCOVERY, CLOCK] as const;
  }

  constructor(
    private readonly providers: IdentityProviderRepository,
    private readonly discovery: IdentityProviderDiscovery,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateIdentityProviderCommand): Promise<IdentityProvider> {
    const valid = IdentityProvider.validate(command);
    const discovered = await this.discovery.discover(valid.issuer);
    return this.providers.create(IdentityProvider.create(valid, discovered.registrationEndpoint, this.clock.now()), command.change);
  }
}
