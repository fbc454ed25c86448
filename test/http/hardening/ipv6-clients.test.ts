import { once } from 'node:events';
import { Agent, Server } from 'node:http';
import { AddressInfo, connect, createServer as createTcpServer, Server as TcpServer, Socket } from 'node:net';
import { expect } from 'chai';
import { createHttpServer, ServerLimits } from '../../../src/adapters/http/http-server';
import { send } from '../../support/attacks';
import { aBrandWithKey, createTestApp } from '../../support/test-app';

const settle = () => new Promise((done) => setTimeout(done, 150));

interface Opened {
  readonly socket: Socket;
  closed(): boolean;
}

/** A socket to `host:port` from `localAddress`; resolves once connected, and records whether the server closed it. */
async function open(host: string, port: number, localAddress: string): Promise<Opened> {
  const socket = connect({ host, port, localAddress });
  let closed = false;
  socket.on('close', () => (closed = true)).on('error', () => undefined);
  await once(socket, 'connect');
  return { socket, closed: () => closed };
}

/**
 * The per-address limits with `HOST=::` (a dual-stack socket), over real
 * connections from ::1 and 127.0.0.1. This machine has one IPv6 address per
 * /64 (::1 on loopback), so peers sharing a /64 are stated instead: `statedPeers`
 * accepts real sockets on 127.0.0.1 and hands each to the service's HTTP server
 * through its `connection` event (Node documents injecting connections so)
 * with `remoteAddress` set to the address it stands for.
 */
describe('per-address limits for IPv6 clients (by /64)', () => {
  const servers: Server[] = [];
  const fronts: TcpServer[] = [];
  const sockets: Opened[] = [];
  const agent = new Agent({ keepAlive: false });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.socket.destroy();
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
    for (const front of fronts.splice(0)) front.close();
  });
  after(() => agent.destroy());

  async function dualStack(handler: Parameters<typeof createHttpServer>[0], limits: ServerLimits): Promise<number> {
    const server = createHttpServer(handler, limits);
    servers.push(server);
    server.listen(0, '::');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  }

  /** A front on 127.0.0.1 whose n-th accepted socket reaches `server` as coming from `peers[n]`. */
  async function statedPeers(limits: ServerLimits, peers: readonly string[]): Promise<number> {
    const server = createHttpServer((_req, res) => res.end('ok'), limits);
    servers.push(server);
    let n = 0;
    const front = createTcpServer((socket) => {
      Object.defineProperty(socket, 'remoteAddress', { value: peers[n++] });
      server.emit('connection', socket);
    });
    front.listen(0, '127.0.0.1');
    await once(front, 'listening');
    fronts.push(front);
    return (front.address() as AddressInfo).port;
  }

  it('caps the connections of one /64 together, and not those of the next /64', async () => {
    const peers = ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::3', '2001:db8:1:3::1', '2001:db8:1:3::2'];
    const port = await statedPeers({ maxConnections: 100, maxConnectionsPerAddress: 2 }, peers);
    for (let i = 0; i < peers.length; i++) sockets.push(await open('127.0.0.1', port, '127.0.0.1'));
    await settle();
    expect(sockets.map((s) => s.closed())).to.deep.equal([false, false, true, false, false]);
  });

  it('on a dual-stack socket, counts an IPv4 client as its IPv4 address, apart from ::1 (both in ::/64 as IPv6)', async () => {
    const port = await dualStack((_req, res) => res.end('ok'), { maxConnections: 100, maxConnectionsPerAddress: 2 });
    for (let i = 0; i < 3; i++) sockets.push(await open('127.0.0.1', port, '127.0.0.1'));
    for (let i = 0; i < 2; i++) sockets.push(await open('::1', port, '::1'));
    await settle();
    expect(sockets.map((s) => s.closed())).to.deep.equal([false, false, true, false, false]);
  });

  it('on a dual-stack socket, an IPv4 client spending its failed authentications does not lock out ::1', async () => {
    const t = createTestApp({ rateLimits: { perCredentialPerMinute: 0, authFailuresPerMinute: 2, refusalDelayMs: 0 } });
    const port = await dualStack(t.server, { maxConnections: 100 });
    const { headers } = await aBrandWithKey(t.container);
    const fail = async (base: string, from: string) =>
      (await send(base, agent, from, { method: 'GET', path: '/api/v1/app-integrations/authentication', headers: { ...headers, 'Auth-Key': 'wrong' } })).status;
    const v4 = `http://127.0.0.1:${port}`;
    const v6 = `http://[::1]:${port}`;
    expect([await fail(v4, '127.0.0.1'), await fail(v4, '127.0.0.1'), await fail(v4, '127.0.0.1')]).to.deep.equal([401, 401, 429]);
    expect([await fail(v6, '::1'), await fail(v6, '::1'), await fail(v6, '::1')]).to.deep.equal([401, 401, 429]);
  });
});
