import { ApiProductInput } from '../../../src/domain/api-product/api-product';
import { PortalAppInput } from '../../../src/domain/portal-app/portal-app';
import { PortalUserInput } from '../../../src/domain/portal-user/portal-user';

/*
 * Object Mothers for valid portal inputs. A counter, not randomness, makes
 * values unique, so a failing test fails the same way every run.
 */
let sequence = 0;
const next = (): number => (sequence += 1);

export const PortalUserMother = {
  input(overrides: Partial<PortalUserInput> = {}): PortalUserInput {
    const n = next();
    return { email: `dev${n}@example.com`, first: 'Ada', last: `Lovelace${n}`, role: 'consumer-admin', ...overrides };
  },
};

export const ApiProductMother = {
  input(overrides: Partial<ApiProductInput> = {}): ApiProductInput {
    return { name: `Payment API ${next()}`, authType: 'authToken', scopes: '', ...overrides };
  },
  oauth2(overrides: Partial<ApiProductInput> = {}): ApiProductInput {
    return ApiProductMother.input({ authType: 'oauth2', scopes: 'payment client', ...overrides });
  },
};

export const PortalAppMother = {
  input(userId: number, overrides: Partial<PortalAppInput> = {}): PortalAppInput {
    return {
      name: 'Payment App',
      description: 'This is my payment application',
      redirectUrls: 'https://app-host/auth',
      userId,
      ...overrides,
    };
  },
};
