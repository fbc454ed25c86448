import { expect } from 'chai';
import { DCR_SYNC_CHANGE, dcrDeletionRecord, DcrRegistrationState, dcrSyncRecord, identityProviderRecord } from '../../../src/application/shared/dcr-audit';
import { IdentityProvider } from '../../../src/domain/identity-provider/identity-provider';

const AT = new Date('2026-11-30T07:00:00Z');
const pending: DcrRegistrationState = {
  DCRSyncStatus: 'pending', DCRSyncError: null, OAuthClientID: null, DCRRegistrationClientURI: null,
  OAuthClientSecret: null, DCRRegistrationAccessToken: null, DCRResponse: null,
};
const portal = { at: AT, surface: 'portal', brandId: null };

describe('DCR audit records', () => {
  it('the job is its own actor, with no correlation id', () => {
    expect(DCR_SYNC_CHANGE).to.deep.equal({ actor: { kind: 'job', id: 'dcr-sync' }, correlationId: null });
  });

  it('a registration: status, client id and URI with from and to, then the secrets and the answer only as changed', () => {
    const synced: DcrRegistrationState = {
      DCRSyncStatus: 'synced', DCRSyncError: null, OAuthClientID: 'cid', DCRRegistrationClientURI: 'https://idp.example.com/reg/cid',
      OAuthClientSecret: 'cipher-1', DCRRegistrationAccessToken: 'cipher-2', DCRResponse: '{"client_id":"cid"}',
    };
    const record = dcrSyncRecord(21, pending, synced, AT);
    expect(record).to.deep.equal({
      ...portal, action: 'updated', resource: { type: 'credential', id: '21' },
      changes: [
        { field: 'DCRSyncStatus', from: 'pending', to: 'synced' },
        { field: 'OAuthClientID', from: null, to: 'cid' },
        { field: 'DCRRegistrationClientURI', from: null, to: 'https://idp.example.com/reg/cid' },
        { field: 'OAuthClientSecret', changed: true },
        { field: 'DCRRegistrationAccessToken', changed: true },
        { field: 'DCRResponse', changed: true },
      ],
    });
    expect(JSON.stringify(record)).to.not.match(/cipher-1|cipher-2|client_id/);
  });

  it('a failure shows the status and the error; a retry that changes nothing records nothing', () => {
    const failed = { ...pending, DCRSyncStatus: 'failed', DCRSyncError: 'invalid_redirect_uri' };
    expect(dcrSyncRecord(21, pending, failed, AT)?.changes).to.deep.equal([
      { field: 'DCRSyncStatus', from: 'pending', to: 'failed' },
      { field: 'DCRSyncError', from: null, to: 'invalid_redirect_uri' },
    ]);
    expect(dcrSyncRecord(21, failed, { ...failed }, AT)).to.equal(null);
  });

  it('a deletion at the provider: the client id going away', () => {
    expect(dcrDeletionRecord(21, 'cid', AT)).to.deep.equal({
      ...portal, action: 'deleted', resource: { type: 'credential', id: '21' }, changes: [{ field: 'OAuthClientID', from: 'cid', to: null }],
    });
  });

  it('an identity provider created: its fields, the initial access token only as set, and not at all when there is none', () => {
    const made = (initialAccessToken: string | null) => IdentityProvider.restore({
      ...IdentityProvider.create({ name: 'K', issuer: 'https://idp.example.com', initialAccessToken }, 'https://idp.example.com/reg', AT), id: 2,
    });
    expect(identityProviderRecord(made('iat-secret'), AT)).to.deep.equal({
      ...portal, action: 'created', resource: { type: 'identity-provider', id: '2' },
      changes: [
        { field: 'Name', from: null, to: 'K' }, { field: 'Issuer', from: null, to: 'https://idp.example.com' },
        { field: 'RegistrationEndpoint', from: null, to: 'https://idp.example.com/reg' }, { field: 'InitialAccessToken', changed: true },
      ],
    });
    expect(identityProviderRecord(made(null), AT).changes.map((c) => c.field)).to.deep.equal(['Name', 'Issuer', 'RegistrationEndpoint']);
  });
});
