import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** What the proxy does with connections: pass bytes through, refuse them, or swallow them silently. */
export type ProxyMode = 'forward' | 'refuse' | 'hang';

/**
 * A TCP proxy in front of a real server (MongoDB here) that a test can break on purpose:
 * - `refuse`: existing connections are cut and new ones closed at once (the server is down);
 * - `hang`: connections stay open but nothing gets through either way (the server is hung);
 * - `forward`: everything passes again (the server is back).
 * It works the same in front of mongo-java-server or a real mongod, so outage tests need no special server.
 */
export class TcpFaultProxy {
  private mode: ProxyMode = 'forward';
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
  ) {}

  /** Starts a proxy on an ephemeral port of 127.0.0.1 in front of `host:port`. */
  static async start(host: string, port: number): Promise<TcpFaultProxy> {
    // Connections arrive only once the server listens, after `proxy` exists.
    const server = net.createServer((client) => proxy.accept(client));
    const proxy = new TcpFaultProxy(server, { host, port });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Switches the mode; `refuse` and `hang` also apply to connections already open. */
  setMode(mode: ProxyMode): void {
    this.mode = mode;
    if (mode === 'refuse') for (const pair of this.pairs) this.destroy(pair);
    for (const pair of this.pairs) this.flow(pair);
  }

  async stop(): Promise<void> {
    for (const pair of this.pairs) this.destroy(pair);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.on('error', () => undefined);
    const pair = { client, upstream };
    this.pairs.add(pair);
    // Bytes are passed by hand, not piped: a hung proxy holds them back (paused) in both directions.
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => this.destroy(pair);
    client.on('close', close);
    upstream.on('close', close);
    this.flow(pair);
  }

  private flow({ client, upstream }: { client: net.Socket; upstream: net.Socket }): void {
    if (this.mode === 'hang') {
      client.pause();
      upstream.pause();
    } else {
      client.resume();
      upstream.resume();
    }
  }

  private destroy(pair: { client: net.Socket; upstream: net.Socket }): void {
    this.pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
