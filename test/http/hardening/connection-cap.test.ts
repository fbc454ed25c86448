import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, Socket } from 'node:net';
import { expect } from 'chai';
import { createHttpServer } from '../../../src/adapters/http/http-server';

/** A socket from `localAddress`; resolves once connected, and records whether the server closed it. */
async function open(port: number, localAddress: string): Promise<{ socket: Socket; closed: () => boolean }> {
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  let closed = false;
  socket.on('close', () => (closed = true)).on('error', () => undefined);
  await once(socket, 'connect');
  return { socket, closed: () => closed };
}

const settle = () => new Promise((done) => setTimeout(done, 150));

describe('HTTP server: connections per client address', () => {
  it('closes a socket that would take one address past MAX_CONNECTIONS_PER_ADDRESS, and only that address\'s', async () => {
    const server = createHttpServer((_req, res) => res.end('ok'), { maxConnections: 100, maxConnectionsPerAddress: 3 });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const sockets: { socket: Socket; closed: () => boolean }[] = [];
    try {
      for (let i = 0; i < 5; i++) sockets.push(await open(port, '127.0.0.1'));
      const other = await open(port, '127.0.0.2');
      sockets.push(other);
      await settle();
      expect(sockets.slice(0, 5).map((s) => s.closed())).to.deep.equal([false, false, false, true, true]);
      expect(other.closed(), 'another address').to.equal(false);
      // A slot freed by a close is usable again.
      sockets[0].socket.destroy();
      await settle();
      const again = await open(port, '127.0.0.1');
      sockets.push(again);
      await settle();
      expect(again.closed(), 'after one of the three closed').to.equal(false);
    } finally {
      for (const s of sockets) s.socket.destroy();
      server.closeAllConnections();
      server.close();
    }
  });

  it('caps nothing per address when set to 0', async () => {
    const server = createHttpServer((_req, res) => res.end('ok'), { maxConnections: 100, maxConnectionsPerAddress: 0 });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const sockets: { socket: Socket; closed: () => boolean }[] = [];
    try {
      for (let i = 0; i < 70; i++) sockets.push(await open(port, '127.0.0.1'));
      await settle();
      expect(sockets.filter((s) => s.closed())).to.have.length(0);
    } finally {
      for (const s of sockets) s.socket.destroy();
      server.closeAllConnections();
      server.close();
    }
  });

  it('caps one address at 64 by default', async () => {
    const server = createHttpServer((_req, res) => res.end('ok'), { maxConnections: 1000 });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const sockets: { socket: Socket; closed: () => boolean }[] = [];
    try {
      for (let i = 0; i < 70; i++) sockets.push(await open(port, '127.0.0.1'));
      await settle();
      expect(sockets.filter((s) => s.closed())).to.have.length(6);
    } finally {
      for (const s of sockets) s.socket.destroy();
      server.closeAllConnections();
      server.close();
    }
  });
});
