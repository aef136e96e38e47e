import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TcpFaultProxy } from './tcp-fault-proxy';
import { isPortFree } from './redis-server-process';

const run = promisify(execFile);

/** The name the Sentinel monitors the primary under (REDIS_SENTINEL_NAME). */
export const SENTINEL_MASTER_NAME = 'skillatlas';

/**
 * A primary, one replica and one Sentinel of our own (`redis-server --sentinel` with a generated
 * config), on free ports: the data nodes in 6450-6499, the Sentinel in 26450-26499. The replica replicates through a `TcpFaultProxy`, so a test can hold
 * replication back and make a failover lose the primary's last writes, as an asynchronous replica
 * does. A short down-after (1 s) keeps a failover within seconds. Needs `redis-server` and `redis-cli`
 * on the PATH; fails loudly otherwise.
 */
export class RedisSentinelProcess {
  private readonly processes = new Map<number, ChildProcess>();
  private replicationProxy: TcpFaultProxy | undefined;

  private constructor(
    readonly masterPort: number,
    readonly replicaPort: number,
    readonly sentinelPort: number,
    private readonly directory: string,
  ) {}

  static async start(options: { downAfterMs?: number } = {}): Promise<RedisSentinelProcess> {
    const [masterPort, replicaPort] = await freePorts(2, 6450, 6499);
    const [sentinelPort] = await freePorts(1, 26450, 26499);
    const directory = await mkdtemp(path.join(os.tmpdir(), 'skillatlas-redis-sentinel-'));
    const topology = new RedisSentinelProcess(masterPort, replicaPort, sentinelPort, directory);
    try {
      await topology.startDataNode(masterPort, []);
      topology.replicationProxy = await TcpFaultProxy.start('127.0.0.1', masterPort);
      await topology.startDataNode(replicaPort, ['--replicaof', '127.0.0.1', String(topology.replicationProxy.port)]);
      await topology.waitUntil(replicaPort, ['INFO', 'replication'], (info) => info.includes('master_link_status:up'), 10_000);
      const config = path.join(directory, 'sentinel.conf');
      const downAfter = options.downAfterMs ?? 1_000;
      await writeFile(
        config,
        [
          `port ${sentinelPort}`,
          'bind 127.0.0.1',
          `dir ${directory}`,
          `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${masterPort} 1`,
          `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} ${downAfter}`,
          `sentinel failover-timeout ${SENTINEL_MASTER_NAME} ${downAfter * 5}`,
          `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
          '',
        ].join('\n'),
      );
      await topology.spawn(sentinelPort, [config, '--sentinel']);
      // The Sentinel must know the replica before a failover can promote it.
      await topology.waitUntil(
        sentinelPort,
        ['SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME],
        (reply) => reply.includes(String(replicaPort)) && !reply.includes('s_down'),
        15_000,
      );
      return topology;
    } catch (error) {
      await topology.stop();
      throw error;
    }
  }

  /** REDIS_SENTINELS for the app. */
  get sentinels(): string {
    return `127.0.0.1:${this.sentinelPort}`;
  }

  /** The primary's port as the Sentinel tells it now. */
  async currentMasterPort(): Promise<number> {
    const reply = await this.cli(this.sentinelPort, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME);
    return Number(reply.split('\n')[1]);
  }

  /**
   * Waits until the replica has applied everything the primary has (its offset caught up). Not WAIT:
   * that counts only the writes of the connection that sends it, and redis-cli's own made none.
   */
  async awaitReplicaInSync(timeoutMs = 10_000): Promise<void> {
    const offsetIn = (info: string, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec(info)?.[1] ?? -1);
    const offset = offsetIn(await this.cli(this.masterPort, 'INFO', 'replication'), 'master_repl_offset');
    // At least that far: the API keeps writing (epoch beats, acknowledgements) meanwhile.
    await this.waitUntil(this.replicaPort, ['INFO', 'replication'], (info) => offsetIn(info, 'slave_repl_offset') >= offset, timeoutMs);
  }

  /** Holds replication back (`hang`: the link stays open, nothing passes) or lets it flow again. */
  holdReplication(held: boolean): void {
    this.replicationProxy!.setMode(held ? 'hang' : 'forward');
  }

  /** Kills the primary (SIGKILL: a crash) and waits until the Sentinel has promoted the replica. Returns how long that took. */
  async killMasterAndAwaitFailover(timeoutMs = 30_000): Promise<number> {
    const started = Date.now();
    await this.kill(this.masterPort);
    await this.waitUntil(
      this.sentinelPort,
      ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME],
      (reply) => reply.endsWith(`\n${this.replicaPort}`),
      timeoutMs,
    );
    await this.waitUntil(this.replicaPort, ['INFO', 'replication'], (info) => info.includes('role:master'), timeoutMs);
    return Date.now() - started;
  }

  /** Runs redis-cli against one port and returns its output. */
  async cli(port: number, ...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-p', String(port), ...args]);
    return stdout.trim();
  }

  /** Kills every process, the proxy, and removes the files (the Sentinel rewrites its config). */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((port) => this.kill(port)));
    await this.replicationProxy?.stop();
    await rm(this.directory, { recursive: true, force: true });
  }

  private async kill(port: number): Promise<void> {
    const child = this.processes.get(port);
    this.processes.delete(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  private startDataNode(port: number, extra: string[]): Promise<void> {
    return this.spawn(port, ['--save', '', '--appendonly', 'no', '--dir', this.directory, ...extra]);
  }

  private async spawn(port: number, args: string[]): Promise<void> {
    const sentinel = args.includes('--sentinel');
    const child = spawn('redis-server', sentinel ? args : ['--port', String(port), '--bind', '127.0.0.1', ...args], { stdio: 'ignore' });
    this.processes.set(port, child);
    const failed = new Promise<never>((_resolve, reject) => {
      child.once('error', (error) => reject(new Error(`could not start redis-server: ${error.message}`)));
      child.once('exit', (code) => reject(new Error(`redis-server on ${port} exited at start (code ${code})`)));
    });
    failed.catch(() => undefined);
    await Promise.race([this.waitUntil(port, ['PING'], (reply) => reply === 'PONG', 5_000), failed]);
  }

  private async waitUntil(port: number, args: string[], done: (reply: string) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.cli(port, ...args).catch((error: Error) => error.message);
      if (done(last)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`port ${port} did not answer ${args.join(' ')} as expected within ${timeoutMs} ms; last reply: ${last}`);
  }
}

/** `count` ports of [from, to] nothing listens on. */
async function freePorts(count: number, from: number, to: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = from; port <= to && ports.length < count; port += 1) if (await isPortFree(port)) ports.push(port);
  if (ports.length < count) throw new Error(`no ${count} free ports between ${from} and ${to}`);
  return ports;
}
