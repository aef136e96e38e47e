import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sparePort } from './redis-server-process';

const PROJECT_ROOT = path.join(__dirname, '..', '..');
const ENTRY_POINT = path.join(PROJECT_ROOT, 'src', 'index.ts');
const TYPESCRIPT_HOOK = path.join(__dirname, 'typescript-register.js');
/** How much of the child's stdout and stderr is kept: its recent log, to find what it logged for a request. */
const OUTPUT_TAIL_CHARACTERS = 256 * 1024;
/** How much of it a crash report shows: the end is what explains a crash. */
const CRASH_REPORT_CHARACTERS = 8 * 1024;

/**
 * The real server (`src/index.ts`) in a process of its own, so that a crash is a process exit the test
 * can see (not a dead test runner) and the memory measured is the server's alone.
 */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private outputTail = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private exited: Promise<void> = Promise.resolve();
  private launched: Promise<void> = Promise.resolve();
  /** How many times the process was started: more than once means it was restarted after a crash. */
  launches = 0;

  private constructor(
    readonly port: number,
    private readonly environment: NodeJS.ProcessEnv,
  ) {}

  /** Starts the server with `environment` (added to this process's PATH and HOME only) on a spare port, and waits until /health/ready says 200. */
  static async start(environment: Record<string, string>): Promise<ServerProcess> {
    const port = await sparePort();
    const server = new ServerProcess(port, {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...environment,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await server.launchAndWait();
    return server;
  }

  /**
   * `start`, after a first start that only warms the TypeScript hook's cache: the hook compiles each
   * source file once and keeps the output, so the process started second loads JavaScript only, as
   * production does, instead of also holding the TypeScript compiler. For tests that measure the
   * server's memory: without it, its resident size depended on whether another test had spawned a
   * server first (178 MB after warm-up in one CI run, 284–386 MB in others, for the same code).
   */
  static async startCompiled(environment: Record<string, string>): Promise<ServerProcess> {
    const compiling = await ServerProcess.start(environment);
    await compiling.stop();
    return ServerProcess.start(environment);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the process runs. */
  get alive(): boolean {
    return this.child !== undefined && this.exit === undefined;
  }

  /** How it ended and the tail of what it printed: the text of every failure that mentions a crash. */
  describeExit(): string {
    const how = this.exit ? `exit code ${this.exit.code}, signal ${this.exit.signal}` : 'still running';
    return `server process ${this.child?.pid} (${how}); the end of its output:\n${this.outputTail.slice(-CRASH_REPORT_CHARACTERS) || '(nothing)'}`;
  }

  /** The end of what the process printed (stdout and stderr): its recent log. */
  recentOutput(): string {
    return this.outputTail;
  }

  /** Resolves true if the process has exited or exits within `milliseconds`: a crash takes a moment to be reported. */
  async exitsWithin(milliseconds: number): Promise<boolean> {
    if (!this.alive) return true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, milliseconds)))]);
    clearTimeout(timer);
    return !this.alive;
  }

  /** The resident set size of the server process in bytes (VmRSS in /proc/<pid>/status). */
  residentSetBytes(): number {
    const status = readFileSync(`/proc/${this.child!.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    if (!match) throw new Error(`no VmRSS in /proc/${this.child!.pid}/status`);
    return Number(match[1]) * 1024;
  }

  /** Resolves when the latest start has finished (rejects if it failed). */
  whenReady(): Promise<void> {
    return this.launched;
  }

  /** Starts it again on the same port and database after a crash. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launchAndWait();
  }

  private launchAndWait(): Promise<void> {
    this.launches += 1;
    this.launched = this.launch();
    return this.launched;
  }

  /** SIGTERM (the graceful stop in index.ts), SIGKILL if it has not exited after `graceMilliseconds`. */
  async stop(graceMilliseconds = 10_000): Promise<void> {
    if (!this.alive) return;
    this.child!.kill('SIGTERM');
    if (!(await this.exitsWithin(graceMilliseconds))) {
      this.child!.kill('SIGKILL');
      await this.exited;
    }
  }

  private async launch(timeoutMilliseconds = 60_000): Promise<void> {
    this.outputTail = '';
    this.exit = undefined;
    const child = spawn(process.execPath, ['-r', TYPESCRIPT_HOOK, ENTRY_POINT], {
      cwd: PROJECT_ROOT,
      env: this.environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keepTail = (chunk: Buffer) => {
      this.outputTail = (this.outputTail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARACTERS);
    };
    child.stdout.on('data', keepTail);
    child.stderr.on('data', keepTail);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
      child.once('error', (error) => {
        this.exit = { code: null, signal: null };
        keepTail(Buffer.from(`\nspawn failed: ${error.message}`));
        resolve();
      });
    });
    const deadline = Date.now() + timeoutMilliseconds;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`the server did not start: ${this.describeExit()}`);
      if (await this.isReady()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.stop();
    throw new Error(`the server was not ready within ${timeoutMilliseconds} ms: ${this.describeExit()}`);
  }

  private async isReady(): Promise<boolean> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      return response.status === 200;
    } catch {
      return false;
    }
  }
}
