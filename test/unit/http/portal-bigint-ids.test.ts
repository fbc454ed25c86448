import { expect } from 'chai';
import { portalBigintId } from '../../../src/adapters/http/portal/portal-bigint-id';
import { presentAuditEntry } from '../../../src/adapters/http/portal/portal.presenter';
import { presentPortalWebhookDelivery } from '../../../src/adapters/http/portal/portal-webhook.presenter';

const AT = new Date('2026-12-01T10:00:00.000Z');

describe('portal bigint ids (deliveries, audit entries): JSON integers, exact past 2^53', () => {
  it('writes the digits as they are, a Number below 2^53 and the exact integer past it, up to the last bigint', () => {
    for (const id of ['1', '9007199254740991', '9007199254740993', '9223372036854775807']) {
      expect(JSON.stringify({ ID: portalBigintId(id) }), id).to.equal(`{"ID":${id}}`);
    }
    expect(portalBigintId('42')).to.equal(42);
  });

  it('answers a delivery and an audit entry whose ids are 2^53 + 1 with that id, not 2^53', () => {
    const delivery = presentPortalWebhookDelivery({ id: '9007199254740993', eventId: 'e', eventType: 't', status: 'pending', nextAttemptAt: null, createdAt: AT, attempts: [] });
    expect(JSON.stringify(delivery)).to.match(/^\{"ID":9007199254740993,/);
    const entry = presentAuditEntry({
      id: '9007199254740993', at: AT, surface: 'portal', brandId: null, actor: { kind: 'cli', id: null }, action: 'updated',
      resource: { type: 'portal-app', id: '1' }, changes: [], correlationId: null,
    });
    expect(JSON.stringify(entry)).to.match(/^\{"ID":9007199254740993,/);
  });
});
