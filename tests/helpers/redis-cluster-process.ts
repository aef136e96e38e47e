import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isPortFree } from './redis-server-process';

const run = promisify(execFile);

/** Redis Cluster talks to its peers on the data port + 10000 (the cluster bus). */
const BUS_PORT_OFFSET = 10_000;

/**
 * A Redis Cluster of our own: `size` primaries without replicas (redis-server --cluster-enabled yes),
 * joined by `redis-cli --cluster create`, on spare ports. `stop()` kills every node and removes their
 * files. Needs `redis-server` and `redis-cli` on the PATH; fails loudly otherwise.
 *
 * Ports: REDIS_CLUSTER_BASE_PORT (and the next size-1 ports) when set, else free ports below 55535
 * whose bus port (+10000) is free too.
 */
export class RedisClusterProcess {
  private readonly processes: ChildProcess[] = [];

  private constructor(
    readonly ports: number[],
    private readonly directory: string,
  ) {}

  static async start(size = 3): Promise<RedisClusterProcess> {
    const ports = await clusterPorts(size);
    const cluster = new RedisClusterProcess(ports, await mkdtemp(path.join(os.tmpdir(), 'skillatlas-redis-cluster-')));
    try {
      await cluster.startNodes();
      await run('redis-cli', [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ]);
      await cluster.waitUntilEveryNodeSays('cluster_state:ok', 15_000);
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** `REDIS_CLUSTER_NODES` naming only the first node: the client must discover the others. */
  get clusterNodes(): string {
    return `127.0.0.1:${this.ports[0]}`;
  }

  /** Runs redis-cli against one node (`-c`: follows MOVED redirections) and returns its output. */
  async cli(port: number, ...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-p', String(port), ...args]);
    return stdout.trim();
  }

  /** Kills every node and removes their files (node tables, logs). */
  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }),
    );
    this.processes.length = 0;
    await rm(this.directory, { recursive: true, force: true });
  }

  private async startNodes(): Promise<void> {
    for (const port of this.ports) {
      const child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          '2000',
          '--dir',
          this.directory,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      );
      this.processes.push(child);
      const failed = new Promise<never>((_resolve, reject) =>
        child.once('error', (error) => reject(new Error(`could not start redis-server: ${error.message}`))),
      );
      await Promise.race([waitForPing(port, 5_000), failed]);
    }
  }

  private async waitUntilEveryNodeSays(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const infos = await Promise.all(this.ports.map((port) => this.cli(port, 'CLUSTER', 'INFO').catch(() => '')));
      if (infos.every((info) => info.includes(text))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the Redis Cluster on ${this.ports.join(', ')} did not reach "${text}" within ${timeoutMs} ms`);
  }
}

async function clusterPorts(size: number): Promise<number[]> {
  const base = Number(process.env.REDIS_CLUSTER_BASE_PORT);
  if (Number.isInteger(base) && base > 0) return Array.from({ length: size }, (_, index) => base + index);
  const ports: number[] = [];
  while (ports.length < size) {
    const candidate = 20_000 + Math.floor(Math.random() * 35_000);
    if (ports.includes(candidate)) continue;
    if ((await isPortFree(candidate)) && (await isPortFree(candidate + BUS_PORT_OFFSET))) ports.push(candidate);
  }
  return ports;
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not start on port ${port}`);
}
