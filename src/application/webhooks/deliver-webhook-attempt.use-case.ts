import { nextAttemptAt, RetrySchedule, retryAfterMs, WEBHOOK_RETRY_SCHEDULE } from '../../domain/webhooks/retry-schedule';
import { CLOCK, Clock } from '../ports/clock';
import { OUTBOUND_HTTP, OutboundHttp, OutboundOutcome } from '../ports/outbound-http';
import { WEBHOOK_DELIVERY_OPTIONS, WEBHOOK_DELIVERY_STORE, WebhookDeliveryOptions, WebhookDeliveryStore } from '../ports/webhook-delivery.store';
import { WEBHOOK_SIGNER, WebhookSigner } from '../ports/webhook-signer';

export interface DeliverWebhookAttemptCommand {
  readonly deliveryId: string;
  readonly attempt: number;
}

/** Standard Webhooks: a receiver answering 410 Gone wants no more deliveries. */
const GONE = 410;

/**
 * One attempt of one delivery: sign now (the timestamp is the attempt's,
 * the id the event's), POST, record what happened. A 2xx delivers; anything
 * else — another status, a timeout, a refused or unreachable address — is
 * retried on the schedule until its window is spent, then the delivery
 * fails. Never throws for what the receiver does, so the queue's own retry
 * is left for what went wrong on our side (the database). A 410 fails the
 * delivery at once and disables the subscription.
 */
export class DeliverWebhookAttempt {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [WEBHOOK_DELIVERY_STORE, OUTBOUND_HTTP, WEBHOOK_SIGNER, CLOCK, WEBHOOK_DELIVERY_OPTIONS] as const;
  }

  private readonly schedule: RetrySchedule;
  private readonly random: () => number;

  constructor(
    private readonly deliveries: WebhookDeliveryStore,
    private readonly http: OutboundHttp,
    private readonly signer: WebhookSigner,
    private readonly clock: Clock,
    options: WebhookDeliveryOptions,
  ) {
    this.schedule = options.schedule ?? WEBHOOK_RETRY_SCHEDULE;
    this.random = options.random ?? Math.random;
  }

  async execute(command: DeliverWebhookAttemptCommand): Promise<void> {
    const due = await this.deliveries.dueAttempt(command.deliveryId, command.attempt);
    if (due === null) return;
    const at = this.clock.now();
    const signature = this.signer.sign({ id: due.eventId, timestamp: at, body: due.body }, due.secret);
    const outcome = await this.http.send({
      method: 'POST',
      url: due.url,
      headers: { 'content-type': 'application/json', ...signature },
      body: due.body,
    });
    const finishedAt = this.clock.now();
    const delivered = outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300;
    const gone = outcome.kind === 'answered' && outcome.status === GONE;
    const next = delivered || gone
      ? null
      : nextAttemptAt(
          this.schedule,
          {
            attempt: due.attempt,
            failedAt: finishedAt,
            startedAt: due.scheduleStartedAt,
            retryAfterMs: outcome.kind === 'answered' ? retryAfterMs(outcome.headers['retry-after'], finishedAt) : undefined,
          },
          this.random,
        );
    await this.deliveries.recordAttempt({
      deliveryId: due.deliveryId,
      attempt: due.attempt,
      at,
      durationMs: finishedAt.getTime() - at.getTime(),
      statusCode: outcome.kind === 'answered' ? outcome.status : null,
      error: delivered ? null : describe(outcome),
      result: delivered ? 'delivered' : gone ? 'gone' : next === null ? 'failed' : 'retrying',
      nextAttemptAt: next,
    });
  }
}

function describe(outcome: OutboundOutcome): string {
  switch (outcome.kind) {
    case 'answered':
      return `answered ${outcome.status}`;
    case 'timed-out':
      return 'no answer in time';
    case 'refused':
      return `refused: ${outcome.reason}`.slice(0, 512);
    case 'failed':
      return `failed: ${outcome.reason}`.slice(0, 512);
  }
}
