import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxyOptions {
  /** Demand `Proxy-Authorization: Basic` with this user and password: anything else is answered 407. */
  credentials?: { user: string; password: string };
  /**
   * Where a host name leads, as the proxy's own resolver would: names no client can resolve (`bmo.provider.test`)
   * reach loopback ports only through this proxy.
   */
  hosts?: Record<string, string>;
}

/**
 * A real `CONNECT` proxy on loopback: opens a TCP tunnel per `CONNECT`, counts them by target (`host:port` as asked),
 * and keeps every `Proxy-Authorization` it was sent (to look for in the engine's output).
 */
export async function connectProxy(options: ConnectProxyOptions = {}) {
  const tunnels: string[] = [];
  const refused: string[] = [];
  const authorizations: string[] = [];
  const sockets = new Set<Socket>();
  const expected = options.credentials && `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`;
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const target = req.url ?? '';
    const given = req.headers['proxy-authorization'];
    if (given) authorizations.push(given);
    if (expected && given !== expected) {
      refused.push(target);
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="egress"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = connect(port, options.hosts?.[host] ?? host, () => {
      tunnels.push(target);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.once('close', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** Tunnels opened, by the target each `CONNECT` asked for. */
    tunnels,
    /** `CONNECT`s answered 407. */
    refused,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
