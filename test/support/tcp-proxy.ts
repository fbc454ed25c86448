import net from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of a server (PostgreSQL, in the tests
 * that need an outage): cut() closes the listening socket and every relayed
 * connection, so clients see their connections drop and new ones refused
 * (ECONNREFUSED), as when the database host goes away; restore() listens
 * again on the same port.
 */
export interface TcpProxy {
  readonly port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const listen = (port: number): Promise<number> => {
    const s = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined); // the other side's close ends both
        socket.on('close', () => {
          sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    server = s;
    return new Promise((listening, fail) => {
      s.once('error', fail);
      s.listen(port, '127.0.0.1', () => listening((s.address() as net.AddressInfo).port));
    });
  };
  const cut = (): Promise<void> => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    return new Promise((closed) => (s === undefined ? closed() : s.close(() => closed())));
  };
  const port = await listen(0);
  return {
    port,
    cut,
    restore: async () => {
      if (server === undefined) await listen(port);
    },
    close: cut,
  };
}
