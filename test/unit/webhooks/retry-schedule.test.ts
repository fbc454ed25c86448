import { expect } from 'chai';
import { nextAttemptAt, retryAfterMs, WEBHOOK_RETRY_SCHEDULE } from '../../../src/domain/webhooks/retry-schedule';

const start = new Date('2026-01-01T00:00:00Z');

/** Every attempt time of one delivery that never succeeds, with a fixed jitter draw. */
function attemptsOver24h(draw: number): Date[] {
  const times = [start];
  for (;;) {
    const next = nextAttemptAt(WEBHOOK_RETRY_SCHEDULE, { attempt: times.length, failedAt: times[times.length - 1], startedAt: start }, () => draw);
    if (next === null) return times;
    times.push(next);
  }
}

describe('webhook retry schedule', () => {
  it('doubles the delay after each failure, half of it jittered', () => {
    const delays = [1, 2, 3, 4].map((attempt) => nextAttemptAt(WEBHOOK_RETRY_SCHEDULE, { attempt, failedAt: start, startedAt: start }, () => 0)!.getTime() - start.getTime());
    expect(delays).to.deep.equal([2_500, 5_000, 10_000, 20_000]);
    const most = nextAttemptAt(WEBHOOK_RETRY_SCHEDULE, { attempt: 1, failedAt: start, startedAt: start }, () => 1)!;
    expect(most.getTime() - start.getTime()).to.equal(5_000);
  });

  it('never waits longer than the cap between two attempts', () => {
    const late = new Date(start.getTime() + 3_600_000);
    const next = nextAttemptAt(WEBHOOK_RETRY_SCHEDULE, { attempt: 40, failedAt: late, startedAt: start }, () => 1)!;
    expect(next.getTime() - late.getTime()).to.equal(WEBHOOK_RETRY_SCHEDULE.maxDelayMs);
  });

  it('keeps trying for 24 hours, then gives up', () => {
    for (const draw of [0, 0.5, 1]) {
      const times = attemptsOver24h(draw);
      const last = times[times.length - 1].getTime() - start.getTime();
      expect(last, `draw ${draw}`).to.be.at.most(24 * 3_600_000).and.above(22 * 3_600_000);
      expect(times.length, `draw ${draw}`).to.be.within(22, 34);
    }
  });

  it('waits as long as a Retry-After asks, up to the cap', () => {
    const wait = (ms: number) => nextAttemptAt(WEBHOOK_RETRY_SCHEDULE, { attempt: 1, failedAt: start, startedAt: start, retryAfterMs: ms }, () => 0)!.getTime() - start.getTime();
    expect(wait(60_000)).to.equal(60_000);
    expect(wait(1_000)).to.equal(2_500);
    expect(wait(10 * 3_600_000)).to.equal(WEBHOOK_RETRY_SCHEDULE.maxDelayMs);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120', start)).to.equal(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', start)).to.equal(60_000);
    expect(retryAfterMs('soon', start)).to.equal(undefined);
    expect(retryAfterMs(undefined, start)).to.equal(undefined);
  });

  it('shrinks to milliseconds for tests', () => {
    const quick = { firstDelayMs: 20, maxDelayMs: 50, windowMs: 200 };
    expect(nextAttemptAt(quick, { attempt: 1, failedAt: start, startedAt: start }, () => 1)!.getTime() - start.getTime()).to.equal(20);
    expect(nextAttemptAt(quick, { attempt: 5, failedAt: new Date(start.getTime() + 190), startedAt: start }, () => 0)).to.equal(null);
  });

  it('still schedules an attempt that falls exactly at the end of the window', () => {
    const quick = { firstDelayMs: 20, maxDelayMs: 50, windowMs: 200 };
    const failedAt = new Date(start.getTime() + 180);
    expect(nextAttemptAt(quick, { attempt: 1, failedAt, startedAt: start }, () => 1)).to.deep.equal(new Date(start.getTime() + 200));
    expect(nextAttemptAt(quick, { attempt: 1, failedAt: new Date(start.getTime() + 181), startedAt: start }, () => 1)).to.equal(null);
  });

  it('reads delay-seconds with blanks around them, and nothing else as seconds', () => {
    expect(retryAfterMs(' 120 ', start)).to.equal(120_000);
    for (const header of ['abc120', '120abc', '120 seconds']) expect(retryAfterMs(header, start), header).to.equal(undefined);
  });
});
