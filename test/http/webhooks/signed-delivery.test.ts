import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { StandardWebhooksSigner } from '../../../src/adapters/webhooks/standard-webhooks.signer';
import { startWebhookReceiver, verifyStandardWebhook, WebhookReceiver } from '../../support/webhook-receiver';

const signer = new StandardWebhooksSigner();
const http = new SafeOutboundHttp({ allowPrivate: true });

describe('Standard Webhooks signatures', () => {
  it('match the example of the specification\'s reference library', () => {
    // Secret, id, timestamp, body and signature as published with Standard Webhooks / Svix.
    const headers = signer.sign(
      { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: new Date(1614265330 * 1000), body: '{"test": 2432232314}' },
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    );
    expect(headers).to.deep.equal({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('verify with the standardwebhooks package and with a check written from the specification', () => {
    const secret = signer.newSecret();
    const body = JSON.stringify({ type: 'portal-app.updated', timestamp: '2026-01-02T03:04:05.000Z', data: { ID: 1, Name: 'ü ✓' } });
    const headers = signer.sign({ id: 'evt_1', timestamp: new Date(), body }, secret);
    expect(new Webhook(secret).verify(body, { ...headers })).to.deep.equal(JSON.parse(body));
    expect(verifyStandardWebhook(secret, { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] }, body)).to.equal(null);
  });

  it('generates distinct whsec_ secrets of 32 random bytes', () => {
    const a = signer.newSecret();
    expect(a).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).to.have.length(32);
    expect(signer.newSecret()).to.not.equal(a);
  });

  it('refuses to sign with something that is not a whsec_ secret, or with an id containing "."', () => {
    const message = { id: 'evt_1', timestamp: new Date(), body: '{}' };
    expect(() => signer.sign(message, 'plain-password')).to.throw(/whsec_/);
    expect(() => signer.sign(message, 'whsec_c2hvcnQ=')).to.throw(/24 to 64 bytes/);
    expect(() => signer.sign({ ...message, id: 'evt.1' }, signer.newSecret())).to.throw(/"\."/);
  });
});

describe('a webhook receiver on 127.0.0.1 (test support)', () => {
  let receiver: WebhookReceiver;
  const secret = signer.newSecret();
  const body = '{"type":"integration-authentication.updated","timestamp":"2026-01-02T03:04:05.000Z","data":{"id":"abc"}}';
  const post = (b: string, headers: Record<string, string>) =>
    http.send({ method: 'POST', url: receiver.url, headers: { 'content-type': 'application/json', ...headers }, body: b });

  beforeEach(async () => {
    receiver = await startWebhookReceiver(secret);
  });
  afterEach(() => receiver.close());

  it('accepts a delivery signed with the subscription secret', async () => {
    const outcome = await post(body, { ...signer.sign({ id: 'evt_ok', timestamp: new Date(), body }, secret) });
    expect(outcome).to.include({ kind: 'answered', status: 200 });
    expect(receiver.deliveries).to.have.length(1);
    expect(receiver.deliveries[0]).to.include({ id: 'evt_ok', body, verified: true, answer: 200 });
  });

  it('rejects a tampered body, a replayed old timestamp and another secret with 401', async () => {
    const signed = signer.sign({ id: 'evt_t', timestamp: new Date(), body }, secret);
    expect(await post(body.replace('abc', 'abd'), { ...signed })).to.include({ status: 401 });
    const old = signer.sign({ id: 'evt_t', timestamp: new Date(Date.now() - 10 * 60_000), body }, secret);
    expect(await post(body, { ...old })).to.include({ status: 401 });
    const other = signer.sign({ id: 'evt_t', timestamp: new Date(), body }, signer.newSecret());
    expect(await post(body, { ...other })).to.include({ status: 401 });
    expect(receiver.deliveries.map((d) => d.verified)).to.deep.equal([false, false, false]);
  });

  it('answers 500 then 200 when told to, recording both attempts of one webhook-id', async () => {
    receiver.plan(500, 200);
    for (let attempt = 0; attempt < 2; attempt++) await post(body, { ...signer.sign({ id: 'evt_retry', timestamp: new Date(), body }, secret) });
    const seen = await receiver.waitFor(2);
    expect(seen.map((d) => [d.id, d.answer, d.verified])).to.deep.equal([['evt_retry', 500, true], ['evt_retry', 200, true]]);
  });

  it('never answers when told to, so the sender gives up', async () => {
    receiver.plan('never');
    const quick = new SafeOutboundHttp({ allowPrivate: true, timeoutMs: 200 });
    const outcome = await quick.send({ method: 'POST', url: receiver.url, headers: { ...signer.sign({ id: 'evt_n', timestamp: new Date(), body }, secret) }, body });
    expect(outcome).to.deep.equal({ kind: 'timed-out' });
    expect(receiver.deliveries).to.have.length(1);
  });
});
