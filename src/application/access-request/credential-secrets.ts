import { AuthTypeValue } from '../../domain/api-product/auth-type';
import { IssuedSecret } from '../../domain/access-request/credential';
import { TokenGenerator } from '../ports/token-generator';

/** Length of CredentialHash, as in Tyk's examples (`e1212449778b7ba4`). */
const CREDENTIAL_HASH_LENGTH = 16;
const USERNAME_LENGTH = 16;

/** Fresh secret material of the kind `authType` calls for. */
export function newSecret(authType: AuthTypeValue, tokens: TokenGenerator): IssuedSecret {
  switch (authType) {
    case 'authToken': {
      const token = tokens.generate();
      return { authType, token, tokenHash: tokens.hash(token).slice(0, CREDENTIAL_HASH_LENGTH) };
    }
    case 'basicAuth':
      // base64url has no ':' so the pair splits unambiguously.
      return { authType, username: tokens.generate().slice(0, USERNAME_LENGTH), password: tokens.generate() };
    case 'oauth2':
      return { authType, clientId: tokens.generate(), clientSecret: tokens.generate() };
  }
}
