import { expect } from 'chai';
import { StandardWebhooksSigner } from '../../../src/adapters/webhooks/standard-webhooks.signer';
import { OutboundHttp, OutboundOutcome, OutboundRequest } from '../../../src/application/ports/outbound-http';
import { AttemptRecord, DueAttempt, WebhookDeliveryStore } from '../../../src/application/ports/webhook-delivery.store';
import { DeliverWebhookAttempt } from '../../../src/application/webhooks/deliver-webhook-attempt.use-case';
import { FixedClock } from '../../support/fixed-clock';
import { verifyStandardWebhook } from '../../support/webhook-receiver';

const signer = new StandardWebhooksSigner();
const secret = signer.newSecret();
const schedule = { firstDelayMs: 1_000, maxDelayMs: 60_000, windowMs: 3_600_000 };

/** One delivery in memory, due at `attempts + 1`, as the store contract describes. */
class OneDeliveryStore implements WebhookDeliveryStore {
  readonly records: AttemptRecord[] = [];
  constructor(private readonly startedAt: Date, public attempts = 0) {}
  async dispatch(): Promise<number> {
    return 0;
  }
  async dueAttempt(deliveryId: string, attempt: number): Promise<DueAttempt | null> {
    if (attempt !== this.attempts + 1 || this.records.some((r) => r.result !== 'retrying')) return null;
    return { deliveryId, attempt, eventId: 'evt_1', body: '{"type":"t","data":{}}', url: 'https://hooks.example.com/x', secret, scheduleStartedAt: this.startedAt };
  }
  async recordAttempt(record: AttemptRecord): Promise<void> {
    this.records.push(record);
    this.attempts = record.attempt;
  }
}

/** Answers each request with the next planned outcome and keeps what it was asked. */
class PlannedHttp implements OutboundHttp {
  readonly sent: OutboundRequest[] = [];
  constructor(private readonly outcomes: OutboundOutcome[]) {}
  async send(request: OutboundRequest): Promise<OutboundOutcome> {
    this.sent.push(request);
    return this.outcomes.shift()!;
  }
  checkTarget() {
    return { allowed: true } as const;
  }
}

const answer = (status: number, headers: Record<string, string> = {}): OutboundOutcome => ({ kind: 'answered', status, headers, body: new Uint8Array(), truncated: false });

describe('deliver one webhook attempt', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const run = async (outcome: OutboundOutcome, store = new OneDeliveryStore(now)) => {
    const http = new PlannedHttp([outcome]);
    await new DeliverWebhookAttempt(store, http, signer, new FixedClock(now), { schedule, random: () => 0 }).execute({ deliveryId: '9', attempt: store.attempts + 1 });
    return { store, http };
  };

  it('posts the stored body signed for this attempt and records a 2xx as delivered', async () => {
    const { store, http } = await run(answer(204));
    const [request] = http.sent;
    expect(request).to.deep.include({ method: 'POST', url: 'https://hooks.example.com/x', body: '{"type":"t","data":{}}' });
    const h = request.headers!;
    expect(h['content-type']).to.equal('application/json');
    expect(verifyStandardWebhook(secret, { id: h['webhook-id'], timestamp: h['webhook-timestamp'], signature: h['webhook-signature'] }, '{"type":"t","data":{}}', now.getTime() / 1000)).to.equal(null);
    expect(store.records).to.deep.equal([{ deliveryId: '9', attempt: 1, at: now, durationMs: 0, statusCode: 204, error: null, result: 'delivered', nextAttemptAt: null }]);
  });

  it('retries a 3xx, a 4xx, a 5xx, a timeout, a refusal and a network failure', async () => {
    for (const outcome of [answer(302), answer(404), answer(503), { kind: 'timed-out' } as const, { kind: 'refused', reason: 'address 10.0.0.1 is in a private network' } as const, { kind: 'failed', reason: 'ECONNRESET' } as const]) {
      const { store } = await run(outcome);
      expect(store.records[0].result, JSON.stringify(outcome)).to.equal('retrying');
      expect(store.records[0].nextAttemptAt).to.deep.equal(new Date(now.getTime() + 500));
    }
  });

  it('describes why an attempt failed without anything the receiver sent', async () => {
    const errors = [];
    for (const outcome of [answer(500), { kind: 'timed-out' } as const, { kind: 'failed', reason: 'ECONNREFUSED: connect ECONNREFUSED 203.0.113.1:443' } as const]) {
      errors.push((await run(outcome)).store.records[0].error);
    }
    expect(errors).to.deep.equal(['answered 500', 'no answer in time', 'failed: ECONNREFUSED: connect ECONNREFUSED 203.0.113.1:443']);
  });

  it('fails the delivery at once on 410 Gone and asks for the subscription to be disabled', async () => {
    const { store } = await run(answer(410));
    expect(store.records[0]).to.include({ result: 'gone', nextAttemptAt: null, statusCode: 410, error: 'answered 410' });
  });

  it('waits as long as a Retry-After asks', async () => {
    const { store } = await run(answer(429, { 'retry-after': '30' }));
    expect(store.records[0].nextAttemptAt).to.deep.equal(new Date(now.getTime() + 30_000));
  });

  it('fails the delivery once the window is spent', async () => {
    const { store } = await run(answer(500), new OneDeliveryStore(new Date(now.getTime() - 3_600_000), 7));
    expect(store.records[0]).to.include({ result: 'failed', nextAttemptAt: null, attempt: 8 });
  });

  it('does nothing for an attempt that is no longer due', async () => {
    const store = new OneDeliveryStore(now, 3);
    const http = new PlannedHttp([answer(200)]);
    await new DeliverWebhookAttempt(store, http, signer, new FixedClock(now), {}).execute({ deliveryId: '9', attempt: 2 });
    expect(http.sent).to.have.length(0);
    expect(store.records).to.have.length(0);
  });

  it('counts exactly the 2xx answers as delivered', async () => {
    const results: Record<number, string> = {};
    for (const status of [199, 200, 299, 300]) results[status] = (await run(answer(status))).store.records[0].result;
    expect(results).to.deep.equal({ 199: 'retrying', 200: 'delivered', 299: 'delivered', 300: 'retrying' });
  });

  it('records no status code when nothing answered, and the reason of a refusal cut to 512 characters', async () => {
    const reason = 'r'.repeat(600);
    const refused = (await run({ kind: 'refused', reason })).store.records[0];
    expect(refused.statusCode).to.equal(null);
    expect(refused.error).to.equal(`refused: ${reason}`.slice(0, 512));
    expect((await run({ kind: 'failed', reason })).store.records[0].error).to.have.length(512);
    expect((await run({ kind: 'timed-out' })).store.records[0].statusCode).to.equal(null);
  });
});
