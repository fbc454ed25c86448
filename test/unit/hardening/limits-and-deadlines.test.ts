import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { DatabaseDeadline, DeadlineExceededError } from '../../../src/adapters/http/shared/database-deadline';
import { HttpInputError } from '../../../src/adapters/http/shared/http-input-error';
import { RateLimits } from '../../../src/adapters/http/shared/rate-limits';
import { readyWithin, sharedFor } from '../../../src/adapters/http/operations/operations.router';
import { AesGcmSecretCipher, cipherKeyFromBase64, SecretKeyError } from '../../../src/adapters/system/aes-gcm-secret-cipher';
import { ConfigError, loadConfig } from '../../../src/bootstrap/config';
import { rejectionOf } from '../../support/rejection';

const never = <T>() => new Promise<T>(() => undefined);

describe('rate limits', () => {
  it('answers the failure that exhausts an address\'s budget with 429, and refuses the address from then on', async () => {
    const limits = new RateLimits({ perCredentialPerMinute: 0, authFailuresPerMinute: 2, refusalDelayMs: 0 });
    await limits.refuseBlockedAddress('10.0.0.1');
    expect(await limits.recordFailure('10.0.0.1')).to.equal(undefined);
    expect(await limits.recordFailure('10.0.0.1')).to.equal(undefined);
    const third = await limits.recordFailure('10.0.0.1');
    expect(third).to.be.instanceOf(HttpInputError).with.property('status', 429);
    expect(third!.retryAfterSeconds).to.be.within(1, 60);
    expect(await rejectionOf(limits.refuseBlockedAddress('10.0.0.1'))).to.be.instanceOf(HttpInputError);
    await limits.refuseBlockedAddress('10.0.0.2');
  });

  it('counts requests per credential, each credential on its own', async () => {
    const limits = new RateLimits({ perCredentialPerMinute: 2, authFailuresPerMinute: 0, refusalDelayMs: 0 });
    await limits.consumeCredential('key-a');
    await limits.consumeCredential('key-a');
    expect(await rejectionOf(limits.consumeCredential('key-a'))).to.be.instanceOf(HttpInputError).with.property('problem', 'TooManyRequests');
    await limits.consumeCredential('key-b');
  });

  it('limits nothing when set to 0', async () => {
    const limits = new RateLimits({ perCredentialPerMinute: 0, authFailuresPerMinute: 0 });
    for (let i = 0; i < 100; i++) {
      await limits.consumeCredential('k');
      expect(await limits.recordFailure('a')).to.equal(undefined);
    }
    await limits.refuseBlockedAddress('a');
  });
});

describe('database deadline and readiness', () => {
  it('abandons work past the budget with DeadlineExceededError', async () => {
    const deadline = new DatabaseDeadline(30);
    expect(await rejectionOf(deadline.run(never()))).to.be.instanceOf(DeadlineExceededError);
  });

  it('spends one budget across the phases of a request', async () => {
    const deadline = new DatabaseDeadline(60);
    await deadline.run(new Promise((done) => setTimeout(done, 40)));
    expect(await rejectionOf(deadline.run(new Promise((done) => setTimeout(done, 40))))).to.be.instanceOf(DeadlineExceededError);
  });

  it('passes results and failures through within the budget', async () => {
    const deadline = new DatabaseDeadline(1000);
    expect(await deadline.run(Promise.resolve(7))).to.equal(7);
    expect(await rejectionOf(deadline.run(Promise.reject(new Error('boom'))))).to.have.property('message', 'boom');
  });

  it('answers not ready when the check hangs or fails', async () => {
    expect(await readyWithin(never, 20)).to.equal(false);
    expect(await readyWithin(() => Promise.reject(new Error('down')), 1000)).to.equal(false);
    expect(await readyWithin(() => Promise.resolve(true), 1000)).to.equal(true);
  });
});

describe('AES-GCM tag length', () => {
  const cipher = new AesGcmSecretCipher(cipherKeyFromBase64(randomBytes(32).toString('base64')));

  it('refuses a stored value whose tag was truncated to 4 bytes (a prefix of the right tag)', () => {
    const parts = cipher.encrypt('GOCSPX-secret', 'ctx').split('.');
    for (const length of [4, 8, 12, 15]) {
      const truncated = [...parts.slice(0, 3), Buffer.from(parts[3], 'base64url').subarray(0, length).toString('base64url'), parts[4]].join('.');
      expect(() => cipher.decrypt(truncated, 'ctx'), `${length} bytes`).to.throw(SecretKeyError);
    }
    expect(cipher.decrypt(parts.join('.'), 'ctx')).to.equal('GOCSPX-secret');
  });

  it('writes 16-byte tags and 12-byte IVs', () => {
    const [, , iv, tag] = cipher.encrypt('x', 'ctx').split('.');
    expect(Buffer.from(iv, 'base64url')).to.have.length(12);
    expect(Buffer.from(tag, 'base64url')).to.have.length(16);
  });
});

describe('sharedFor: one computation for many callers', () => {
  it('shares a running computation, reuses its value for ttl, then computes again', async () => {
    let clock = 0;
    let runs = 0;
    let release!: (n: number) => void;
    const shared = sharedFor(1000, () => new Promise<number>((done) => { runs++; release = done; }), () => clock);
    const a = shared();
    const b = shared();
    release(7);
    expect([await a, await b, runs]).to.deep.equal([7, 7, 1]);
    clock = 999;
    expect([await shared(), runs]).to.deep.equal([7, 1]);
    clock = 1000;
    const c = shared();
    release(8);
    expect([await c, runs]).to.deep.equal([8, 2]);
  });

  it('keeps no failure: the next caller computes again', async () => {
    let runs = 0;
    const shared = sharedFor(1000, async () => {
      runs++;
      if (runs === 1) throw new Error('down');
      return 'up';
    }, () => 0);
    expect(await rejectionOf(shared())).to.have.property('message', 'down');
    expect(await shared()).to.equal('up');
    expect(await shared()).to.equal('up');
    expect(runs).to.equal(2);
  });
});

describe('configuration of the limits', () => {
  it('has the contract\'s defaults', () => {
    expect(loadConfig({})).to.include({ rateLimitPerMinute: 1200, authFailuresPerMinute: 20, maxConnections: 1000, maxConnectionsPerAddress: 64, dbTimeoutMs: 5000 });
  });

  it('takes 0 to turn a rate limit off, and names each bad variable', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0', AUTH_FAILURES_PER_MINUTE: '0' })).to.include({ rateLimitPerMinute: 0, authFailuresPerMinute: 0 });
    const error = (() => {
      try {
        loadConfig({ RATE_LIMIT_PER_MINUTE: '-1', AUTH_FAILURES_PER_MINUTE: 'x', MAX_CONNECTIONS: '0', MAX_CONNECTIONS_PER_ADDRESS: '-3', DB_TIMEOUT_MS: '1.5' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.problems.map((p) => p.split(':')[0])).to.deep.equal(['RATE_LIMIT_PER_MINUTE', 'AUTH_FAILURES_PER_MINUTE', 'MAX_CONNECTIONS', 'MAX_CONNECTIONS_PER_ADDRESS', 'DB_TIMEOUT_MS']);
  });

  it('takes a METRICS_TOKEN of 16 or more printable characters, none by default', () => {
    expect(loadConfig({}).metricsToken).to.equal(undefined);
    expect(loadConfig({ METRICS_TOKEN: ' 0123456789abcdef ' }).metricsToken).to.equal('0123456789abcdef');
    for (const bad of ['short', 'has a space in it here', 'x'.repeat(513)]) {
      expect(() => loadConfig({ METRICS_TOKEN: bad }), bad.slice(0, 10)).to.throw(ConfigError, 'METRICS_TOKEN');
    }
  });
});
