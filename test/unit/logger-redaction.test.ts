import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from '../../src/bootstrap/logger';

/** One logger writing into memory; pino writes synchronously to a plain stream. */
function capture(): { lines: () => Record<string, any>[]; logger: ReturnType<typeof createLogger> } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const logger = createLogger('info', stream);
  return { logger, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line)) };
}

describe('pino logger redaction', () => {
  it('censors the Auth-Key and Authorization request headers and leaves the others', async () => {
    const { logger, lines } = capture();
    logger.info(
      { req: { method: 'PUT', url: '/api/v1/x', headers: { 'auth-key': 'brand-key-123', authorization: 'portal-token-456', 'brand-url': 'acme.example.com' } } },
      'request',
    );
    await new Promise((done) => setImmediate(done));
    const [line] = lines();
    expect(line!.req.headers).to.deep.equal({ 'auth-key': '[redacted]', authorization: '[redacted]', 'brand-url': 'acme.example.com' });
    expect(JSON.stringify(lines())).not.to.match(/brand-key-123|portal-token-456/);
  });

  it('censors clientSecret one level down, whatever the object is called', async () => {
    const { logger, lines } = capture();
    logger.info({ settings: { clientId: 'client-1', clientSecret: 'GOCSPX-EXAMPLESECRET' }, other: { clientSecret: 's2' } }, 'saved');
    await new Promise((done) => setImmediate(done));
    const [line] = lines();
    expect(line!.settings).to.deep.equal({ clientId: 'client-1', clientSecret: '[redacted]' });
    expect(line!.other.clientSecret).to.equal('[redacted]');
    expect(JSON.stringify(line)).not.to.include('GOCSPX-EXAMPLESECRET');
  });
});
