import { expect } from 'chai';
import { createServer, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { portalClient, PortalClient } from '../portal/portal-http.support';

/** One GET with the header lines exactly as given (two Authorization lines are sent as two). */
function get(server: Server, path: string, headers: Record<string, string | string[]>): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('two Authorization headers on the portal are no credential', () => {
  let portal: PortalClient;
  let server: Server;

  before(async () => {
    portal = await portalClient();
    server = createServer(portal.t.server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers 401 to the admin\'s token sent twice, or with another value first or last; once it is 200', async () => {
    expect(await get(server, '/portal-api/users', { Authorization: portal.token })).to.equal(200);
    for (const twice of [[portal.token, portal.token], ['not-a-token', portal.token], [portal.token, 'not-a-token']]) {
      expect(await get(server, '/portal-api/users', { Authorization: twice }), JSON.stringify(twice.map((v) => v === portal.token ? 'token' : v))).to.equal(401);
    }
  });
});
