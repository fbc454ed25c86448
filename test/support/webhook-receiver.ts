import { createHmac, timingSafeEqual } from 'node:crypto';
import { LocalHttpServer, startLocalHttpServer } from './local-http-server';

/**
 * What the receiver does with the next delivery: answer with a status, hold
 * the request open and never answer, or hold it until `release`.
 */
export type ReceiverAnswer = number | 'never' | 'held';

export interface ReceivedDelivery {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: string;
  /** The signature matched the secret and the timestamp was within five minutes. */
  readonly verified: boolean;
  /** Why it was not verified, when it was not. */
  readonly rejection?: string;
  /** What the receiver answered (401 for a bad signature), or 'never'. */
  readonly answer: ReceiverAnswer;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port>/hooks */
  readonly url: string;
  readonly deliveries: readonly ReceivedDelivery[];
  /** Answers for the next deliveries in order (e.g. 500 then 200); afterwards the default. */
  plan(...answers: ReceiverAnswer[]): void;
  /** Changes the default answer for every later delivery (e.g. from 'never' to 200 once a sender was killed). */
  answerFromNowOn(answer: ReceiverAnswer): void;
  /** Answers every request held so far ('held') with `status`. */
  release(status: number): void;
  /** Resolves once `count` deliveries arrived; rejects after `timeoutMs` with what did arrive. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly ReceivedDelivery[]>;
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 5 * 60;

/**
 * The check a subscriber runs, written from the Standard Webhooks
 * specification with node:crypto only — deliberately not the
 * `standardwebhooks` package the service signs with, so a test proves the
 * two agree instead of comparing a library with itself.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string | null {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return 'missing webhook-id, webhook-timestamp or webhook-signature';
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return 'timestamp outside tolerance';
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest();
  for (const versioned of signature.split(' ')) {
    const [version, value] = versioned.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const presented = Buffer.from(value, 'base64');
    if (presented.length === expected.length && timingSafeEqual(presented, expected)) return null;
  }
  return 'no matching v1 signature';
}

/**
 * A webhook subscriber for tests: a real HTTP server on 127.0.0.1 (free
 * port) that verifies every delivery with `secret`, answers 401 to a bad
 * signature, and otherwise answers as planned (default 200).
 */
export async function startWebhookReceiver(secret: string, initialDefault: ReceiverAnswer = 200): Promise<WebhookReceiver> {
  let defaultAnswer = initialDefault;
  const deliveries: ReceivedDelivery[] = [];
  const planned: ReceiverAnswer[] = [];
  const waiters = new Set<() => void>();
  const held: ((status: number) => void)[] = [];
  const server: LocalHttpServer = await startLocalHttpServer((req, res, body) => {
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(' ') : value;
    };
    const id = header('webhook-id') ?? '';
    const timestamp = header('webhook-timestamp') ?? '';
    const signature = header('webhook-signature') ?? '';
    const rejection = verifyStandardWebhook(secret, { id, timestamp, signature }, body);
    const answer: ReceiverAnswer = rejection !== null ? 401 : (planned.shift() ?? defaultAnswer);
    deliveries.push({ id, timestamp, signature, body, verified: rejection === null, ...(rejection ? { rejection } : {}), answer });
    for (const wake of waiters) wake();
    const respond = (status: number) => void res.writeHead(status, { 'content-type': 'text/plain' }).end(String(status));
    if (answer === 'held') held.push(respond);
    else if (answer !== 'never') respond(answer);
  });
  return {
    url: `${server.origin}/hooks`,
    deliveries,
    plan: (...answers) => planned.push(...answers),
    answerFromNowOn: (answer) => {
      defaultAnswer = answer;
    },
    release: (status) => {
      for (const respond of held.splice(0)) respond(status);
    },
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (deliveries.length < count) return;
          cleanup();
          resolve(deliveries.slice());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected ${count} deliveries within ${timeoutMs} ms, got ${deliveries.length}: ${JSON.stringify(deliveries.map((d) => d.answer))}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () => server.close(),
  };
}
