import { expect } from 'chai';
import fc from 'fast-check';
import { IntegrationAuthenticationBody } from '../../../src/adapters/http/jfw/dto/integration-authentication.dto';
import { surelyValidIntegrationAuthenticationBody } from '../../../src/adapters/http/jfw/dto/integration-authentication.fast-check';
import { PortalAppUpdateBody, surelyValidPortalAppUpdateBody } from '../../../src/adapters/http/portal/dto/portal.dto';
import { validateBody } from '../../../src/adapters/http/shared/validate-body';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';

/** The DTO's own verdict, never taking the fast path. */
const dtoAccepts = (dto: new () => object, body: Record<string, unknown>) => {
  try {
    validateBody(dto, body);
    return true;
  } catch {
    return false;
  }
};

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '\t\n', 'x'.repeat(2048), 'x'.repeat(2049), 'x'.repeat(4097), '😀'.repeat(1025), 'a\u00a0'),
);
const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom('https://a_b.example.com/x', 'http://localhost:3000/cb', 'https://x.example.com/#f', 'ftp://x.example.com', 'com.example.app:/cb', 'https://', ' https://x.example.com '),
);
const value = fc.oneof(text, url, fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null), fc.constantFrom('Active', 'Inactive', 'personal', 'team'));
const maybe = (arb: fc.Arbitrary<unknown>) => fc.oneof(arb, value);

describe('hand-written body checks never accept what the DTO refuses', () => {
  it('seed 000 bodies: fast check passes ⇒ IntegrationAuthenticationBody passes', () => {
    const body = fc.record(
      {
        appIntegrationId: maybe(text), code: maybe(text), name: maybe(text), projectId: maybe(text), clientId: maybe(text),
        clientSecret: maybe(fc.string({ maxLength: 9000 })), redirectURI: maybe(url), scope: maybe(text),
        authEndpoint: maybe(url), tokenEndpoint: maybe(url), iconURL: maybe(url), tags: maybe(text), description: maybe(text),
        status: value, isDefault: value, extra: value,
      },
      { requiredKeys: [] },
    );
    const base = anIntegrationAuthenticationBody() as Record<string, unknown>;
    fc.assert(
      fc.property(body, fc.boolean(), (generated, overBase) => {
        const candidate = overBase ? { ...base, ...generated } : generated;
        if (surelyValidIntegrationAuthenticationBody(candidate)) expect(dtoAccepts(IntegrationAuthenticationBody, candidate), JSON.stringify(candidate)).to.equal(true);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('seed 003 bodies: fast check passes ⇒ PortalAppUpdateBody passes', () => {
    const body = fc.record(
      { Name: value, Description: value, RedirectURLs: value, UserID: fc.oneof(value, fc.integer(), fc.double()), Visibility: value, Other: value },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(body, (candidate) => {
        if (surelyValidPortalAppUpdateBody(candidate)) expect(dtoAccepts(PortalAppUpdateBody, candidate), JSON.stringify(candidate)).to.equal(true);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('takes the fast path for the seed bodies themselves', () => {
    expect(surelyValidIntegrationAuthenticationBody(anIntegrationAuthenticationBody() as Record<string, unknown>)).to.equal(true);
    expect(surelyValidPortalAppUpdateBody({ Name: 'Payment App', Description: 'This is my payment application', RedirectURLs: 'https://app-host/auth', UserID: 1, Visibility: 'personal' })).to.equal(true);
  });
});
