import { IsBoolean, IsOptional, ValidateIf } from 'class-validator';
import { MAX_SECRET_LENGTH } from '../../../../domain/integration-authentication/integration-authentication-settings';
import { BoundedText, HttpUrlText, NonBlankText, RedirectUriText, WireStatus } from './integration-authentication.dto';

/**
 * Validated when present, `null` included: a required field may be left out
 * of a merge patch, never cleared.
 */
const IfGiven = () => ValidateIf((_object, value) => value !== undefined);

/**
 * Body of PATCH /api/v1/app-integrations/authentication/{id}, a JSON Merge
 * Patch (RFC 7396): the same field rules as PUT, every field optional, and
 * `null` allowed only on the nullable fields (where it clears them).
 */
export class IntegrationAuthenticationPatchBody {
  @IfGiven() @NonBlankText()
  appIntegrationId?: string;

  @IfGiven() @NonBlankText()
  code?: string;

  @IfGiven() @NonBlankText()
  name?: string;

  @IfGiven() @NonBlankText()
  projectId?: string;

  @IfGiven() @NonBlankText()
  clientId?: string;

  @IfGiven() @NonBlankText(MAX_SECRET_LENGTH)
  clientSecret?: string;

  @IfGiven() @RedirectUriText()
  redirectURI?: string;

  @IfGiven() @NonBlankText()
  scope?: string;

  @IsOptional() @HttpUrlText()
  authEndpoint?: string | null;

  @IsOptional() @HttpUrlText()
  tokenEndpoint?: string | null;

  @IsOptional() @HttpUrlText()
  iconURL?: string | null;

  @IsOptional() @BoundedText()
  tags?: string | null;

  @IsOptional() @BoundedText()
  description?: string | null;

  @IfGiven() @WireStatus()
  status?: 'Active' | 'Inactive' | 1 | 0;

  @IfGiven() @IsBoolean()
  isDefault?: boolean;
}
