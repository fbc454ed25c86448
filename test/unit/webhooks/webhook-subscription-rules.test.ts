import { expect } from 'chai';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { MAX_TEXT_LENGTH } from '../../../src/domain/shared/limits';
import {
  checkWebhookSettings, EVENT_TYPES_BY_SURFACE, WebhookDeliveryNotFoundError, WebhookSubscriptionChanges, WebhookSubscriptionDisabledError,
  WebhookSubscriptionNotFoundError,
} from '../../../src/domain/webhooks/webhook-subscription';
import { checkWebhookDeliveryId, checkWebhookSubscriptionId } from '../../../src/domain/webhooks/webhook-subscription-id';

const violations = (surface: 'jfw' | 'portal', changes: WebhookSubscriptionChanges) => {
  try {
    checkWebhookSettings(surface, changes);
  } catch (error) {
    if (error instanceof ValidationError) return error.violations;
    throw error;
  }
  return [];
};

describe('webhook subscription rules', () => {
  it('takes an https or http URL, known event types of the surface each once, and a description', () => {
    expect(violations('jfw', { url: 'https://hooks.example.com/in', eventTypes: ['integration-authentication.updated'], description: 'ops' })).to.deep.equal([]);
    expect(violations('portal', { url: 'http://10.0.0.5/in', eventTypes: [...EVENT_TYPES_BY_SURFACE.portal], description: null })).to.deep.equal([]);
    expect(violations('jfw', {}), 'a change of nothing').to.deep.equal([]);
  });

  it('refuses a URL that is not absolute or not http(s)', () => {
    for (const url of ['hooks.example.com/in', '/in', 'ftp://hooks.example.com', 'javascript:alert(1)']) {
      expect(violations('jfw', { url }), url).to.deep.equal([{ field: 'url', message: 'must be an absolute https URL' }]);
    }
  });

  it('refuses a fragment (never sent) and port 0 (no server listens there); other ports are fine', () => {
    for (const url of ['https://hooks.example.com/in#x', 'https://hooks.example.com/in#', 'https://hooks.example.com/#/in']) {
      expect(violations('jfw', { url }), url).to.deep.equal([{ field: 'url', message: 'must not contain a fragment' }]);
    }
    for (const url of ['https://hooks.example.com:0/in', 'http://hooks.example.com:00', 'https://[2001:db8::1]:0/']) {
      expect(violations('portal', { url }), url).to.deep.equal([{ field: 'url', message: 'must not name port 0' }]);
    }
    for (const url of ['https://hooks.example.com:1/in', 'https://hooks.example.com:8443/in', 'https://hooks.example.com:443/in', 'https://hooks.example.com/in%23x']) {
      expect(violations('jfw', { url }), url).to.deep.equal([]);
    }
  });

  it('takes as a subscription id only what the scope can have: 18 base62 characters for a brand, a positive integer of up to 10 digits for the portal', () => {
    const brand = { surface: 'jfw', brandId: 'Brand0000000000001' } as const;
    const portal = { surface: 'portal' } as const;
    const refused = (scope: typeof brand | typeof portal, id: string) => {
      try {
        checkWebhookSubscriptionId(scope, id);
        return false;
      } catch (error) {
        expect(error, id).to.be.instanceOf(WebhookSubscriptionNotFoundError);
        return true;
      }
    };
    for (const id of ['aB3dE5gH7jK9mN1pQ2', '000000000000000000']) expect(refused(brand, id), id).to.equal(false);
    for (const id of ['aB3dE5gH7jK9mN1pQ', 'aB3dE5gH7jK9mN1pQ23', 'aB3dE5gH7jK9mN1pQ\u0000', 'aB3dE5gH7jK9mN1p-2', '1', '']) expect(refused(brand, id), id).to.equal(true);
    for (const id of ['1', '42', '9999999999']) expect(refused(portal, id), id).to.equal(false);
    for (const id of ['0', '012', '-1', '1.5', '99999999999', '1\u0000', 'aB3dE5gH7jK9mN1pQ2', ' 1', '']) expect(refused(portal, id), id).to.equal(true);
  });

  it('takes as a delivery id any positive bigint in decimal, exactly, and nothing else', () => {
    const refused = (id: string) => {
      try {
        checkWebhookDeliveryId(id);
        return false;
      } catch (error) {
        expect(error, id).to.be.instanceOf(WebhookDeliveryNotFoundError);
        return true;
      }
    };
    // Past int4, past 2^53 (2^53 + 1 is no Number), past 10^18, and the last bigint.
    for (const id of ['1', '2147483648', '3000000000', '9007199254740993', '1000000000000000000', '9223372036854775807']) expect(refused(id), id).to.equal(false);
    for (const id of ['0', '-1', '+1', '01', '1.0', '1e3', ' 1', '1 ', '1\u0000', '', 'abc', '9223372036854775808', '99999999999999999999', '12345678901234567890']) {
      expect(refused(id), JSON.stringify(id)).to.equal(true);
    }
  });

  it('refuses a URL a sender could read differently from what is stored, as redirect URIs and endpoints are', () => {
    const cases: Array<[string, string]> = [
      ['https://hooks.example.com\\@127.0.0.1/in', 'must not contain a backslash'],
      ['https://hooks.example.com/a b', 'must not contain white space'],
      [' https://hooks.example.com/in', 'must not contain white space'],
      ['https://user:pw@hooks.example.com/in', 'must not contain user information (user:password@)'],
      ['https://@hooks.example.com/in', 'must not contain user information (user:password@)'],
      ['https:hooks.example.com/in', 'must be written as scheme://host'],
      ['https://0x7f000001/in', 'must name its host plainly (the host as written is not the host parsed)'],
      ['https://hooks%2eexample.com/in', 'must name its host plainly (the host as written is not the host parsed)'],
    ];
    for (const [url, message] of cases) expect(violations('jfw', { url }), url).to.deep.equal([{ field: 'url', message }]);
    for (const url of ['https://Hooks.Example.com:8443/in?x=1', 'http://[::1]:9000/in', 'https://bücher.example/in', 'http://127.0.0.1:3000/hook']) {
      expect(violations('portal', { url }), url).to.deep.equal([]);
    }
  });

  it('refuses a URL holding a tab, LF or CR anywhere, which the URL parser would drop silently', () => {
    for (const breakChar of ['\t', '\n', '\r']) {
      for (const url of [`https://hooks.example.com/a${breakChar}b`, `https://hooks.${breakChar}example.com/in`, `https:${breakChar}//hooks.example.com/in`, `https://hooks.example.com/in${breakChar}`]) {
        expect(URL.parse(url), `${JSON.stringify(url)} parses`).not.to.equal(null);
        expect(violations('jfw', { url }), JSON.stringify(url)).to.deep.equal([{ field: 'url', message: 'must not contain white space' }]);
      }
    }
  });

  it('refuses text that is too long or not printable, in the URL and the description', () => {
    expect(violations('jfw', { description: 'd'.repeat(MAX_TEXT_LENGTH) })).to.deep.equal([]);
    expect(violations('jfw', { description: 'd'.repeat(MAX_TEXT_LENGTH + 1) })).to.deep.equal([{ field: 'description', message: `must be at most ${MAX_TEXT_LENGTH} characters` }]);
    expect(violations('jfw', { description: 'bell\u0007' })).to.deep.equal([{ field: 'description', message: 'must be printable, well-formed text' }]);
    expect(violations('jfw', { description: 'half \ud800' })).to.deep.equal([{ field: 'description', message: 'must be printable, well-formed text' }]);
    expect(violations('jfw', { url: `https://hooks.example.com/${'a'.repeat(MAX_TEXT_LENGTH)}` })[0]).to.deep.equal({ field: 'url', message: `must be at most ${MAX_TEXT_LENGTH} characters` });
  });

  it('refuses no event types, more than 32, another surface\'s or an unknown type (named), and repeats', () => {
    expect(violations('jfw', { eventTypes: [] })).to.deep.equal([{ field: 'eventTypes', message: 'must name at least one event type' }]);
    expect(violations('jfw', { eventTypes: Array(33).fill('integration-authentication.updated') })).to.deep.equal([{ field: 'eventTypes', message: 'must name at most 32 event types' }]);
    const [other] = violations('jfw', { eventTypes: ['portal-app.created'] });
    expect(other.field).to.equal('eventTypes');
    expect(other.message).to.equal(`unknown event type "portal-app.created"; known: ${EVENT_TYPES_BY_SURFACE.jfw.join(', ')}`);
    expect(violations('portal', { eventTypes: ['integration-authentication.updated'] })[0].message).to.match(/^unknown event type "integration-authentication.updated"; known: portal-app.created, /);
    expect(violations('jfw', { eventTypes: ['x'.repeat(200)] })[0].message).to.match(/^unknown event type "x{79}; known/);
    expect(violations('portal', { eventTypes: ['credential.issued', 'credential.issued'] })).to.deep.equal([{ field: 'eventTypes', message: 'must name each event type once' }]);
  });

  it('names every bad field at once', () => {
    expect(violations('jfw', { url: 'nope', eventTypes: [], description: 'x\u0000' }).map((v) => v.field)).to.deep.equal(['url', 'eventTypes', 'description']);
  });

  it('lists the contract\'s event types per surface', () => {
    expect(EVENT_TYPES_BY_SURFACE.jfw).to.deep.equal([
      'integration-authentication.created', 'integration-authentication.updated', 'integration-authentication.deleted', 'integration-authentication.default-changed',
    ]);
    expect(EVENT_TYPES_BY_SURFACE.portal).to.deep.equal([
      'portal-app.created', 'portal-app.updated', 'portal-app.deleted',
      'access-request.created', 'access-request.approved', 'access-request.rejected', 'access-request.deleted',
      'credential.issued', 'credential.rotated', 'credential.revoked',
    ]);
  });

  it('names its errors by the fact', () => {
    expect(new WebhookSubscriptionNotFoundError()).to.include({ code: 'WebhookSubscriptionNotFound', message: 'The webhook subscription does not exist' });
    expect(new WebhookDeliveryNotFoundError()).to.include({ code: 'WebhookDeliveryNotFound', message: 'The webhook delivery does not exist' });
    expect(new WebhookSubscriptionDisabledError()).to.include({
      code: 'WebhookSubscriptionDisabled', message: 'The webhook subscription is disabled; enable it before retrying a delivery',
    });
  });
});
