import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * `npm start` as an operator meets it: the whole server in a child process (src/index.ts, transpiled
 * with decorator metadata by tests/helpers/typescript-register.js), against the test MongoDB server.
 * Every expected start-up failure must print one paragraph, once, without a stack, naming what to set.
 */
const PROJECT = path.join(__dirname, '..');
const ENTRY = path.join(PROJECT, 'src', 'index.ts');
const REGISTER = path.join(__dirname, 'helpers', 'typescript-register.js');
const READY = 'SkillAtlas is serving GraphQL';

let app: TestApp;
let serverUri: string;
let workDir: string;
const databases: string[] = [];

interface ServerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface RunningServer {
  child: ChildProcess;
  /** Resolves when stdout holds `text`; rejects, with the output, if the server exits first. */
  waitFor(text: string): Promise<void>;
  /** Stops a server that has said it serves on `port` with SIGTERM, once it answers (its signal handlers are set by then). */
  stop(port: number): Promise<ServerRun>;
  /** The run, once the process has exited. */
  done: Promise<ServerRun>;
}

/** Starts the server with this environment: none of the test's own MongoDB, Redis, mongodb-memory-server or listening settings leak in. */
function startServer(environment: Record<string, string>): RunningServer {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(MONGODB_|MONGOMS_|REDIS_|SEED_ON_START$|HOST$|PORT$|EMBEDDED_MONGO_)/.test(name)),
  );
  const child = spawn(process.execPath, ['-r', REGISTER, ENTRY], {
    cwd: PROJECT,
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'info', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  // A server that neither fails nor gets stopped would hang the suite: it is killed within the test's time, and the test fails on its exit.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const done = new Promise<ServerRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal, ...output });
    });
  });
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.stdout.includes(text)) return;
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
      void done.then((run) =>
        reject(new Error(`the server exited (${run.code ?? run.signal}) before printing "${text}":\n${run.stdout}\n${run.stderr}`)),
      );
    });
  const stop = async (port: number) => {
    await waitFor(READY);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    child.kill('SIGTERM');
    return done;
  };
  return { child, waitFor, stop, done };
}

/** A TCP port nothing listens on (free a moment ago). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fresh database on the test server, dropped after the file. */
function freshDatabaseUri(suffix: string): { uri: string; name: string } {
  const name = `${app.databaseName.slice(0, 45)}_${suffix}`;
  databases.push(name);
  const uri = new URL(serverUri);
  uri.pathname = `/${name}`;
  return { uri: uri.toString(), name };
}

/** The one paragraph an expected failure prints: exactly once on stderr, no stack on either stream. */
function expectOneParagraph(run: ServerRun, distinctive: string): string {
  expect(run.code).toBe(1);
  expect(run.stderr.split(distinctive)).toHaveLength(2);
  expect(run.stdout).not.toContain(distinctive);
  expect(run.stderr + run.stdout).not.toContain('    at ');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  return run.stderr;
}

beforeAll(async () => {
  app = await startTestApp();
  const connection = mongoose.connection;
  serverUri = `mongodb://${connection.host}:${connection.port}/`;
  workDir = mkdtempSync(path.join(tmpdir(), 'startup-'));
});
afterAll(async () => {
  for (const name of databases) await mongoose.connection.useDb(name).dropDatabase();
  rmSync(workDir, { recursive: true, force: true });
  await app?.stop();
});

describe('start-up failures: one paragraph that says what to set', () => {
  it('the embedded MongoDB cannot be downloaded: names MONGODB_URI, docker compose and the MONGOMS_ settings', async () => {
    const { done } = startServer({
      // Port 1 refuses at once, so the download fails without waiting; one attempt, no retries.
      MONGOMS_DOWNLOAD_MIRROR: 'https://127.0.0.1:1',
      MONGOMS_MAX_RETRIES: '1',
      MONGOMS_DOWNLOAD_DIR: path.join(workDir, 'download'),
      EMBEDDED_MONGO_DATA_DIR: path.join(workDir, 'embedded-download'),
      PORT: String(await closedPort()),
    });
    const paragraph = expectOneParagraph(await done, 'could not start its embedded MongoDB');
    expect(paragraph).toContain('downloading mongod from https://127.0.0.1:1/');
    expect(paragraph).toContain('MONGODB_URI=mongodb://');
    expect(paragraph).toContain('docker compose up');
    expect(paragraph).toContain('MONGOMS_DOWNLOAD_MIRROR');
  });

  it('the embedded mongod is there but cannot start (a missing library): the same paragraph, with the reason', async () => {
    const mongod = path.join(workDir, 'mongod');
    writeFileSync(
      mongod,
      '#!/bin/sh\n[ "$1" = "--version" ] && { echo "db version v8.2.6"; exit 0; }\necho "mongod: error while loading shared libraries: libcrypto.so.1.1: cannot open shared object file" >&2\nexit 127\n',
    );
    chmodSync(mongod, 0o755);
    const run = await startServer({
      MONGOMS_SYSTEM_BINARY: mongod,
      EMBEDDED_MONGO_DATA_DIR: path.join(workDir, 'embedded-start'),
      PORT: String(await closedPort()),
    }).done;
    const paragraph = expectOneParagraph(run, 'could not start its embedded MongoDB');
    expect(paragraph).toContain('libcrypto.so.1.1');
    expect(paragraph).toContain('MONGODB_URI=mongodb://');
  });

  it('MONGODB_URI names a server that does not answer: names host:port and what to check, never the password', async () => {
    const port = await closedPort();
    const run = await startServer({
      MONGODB_URI: `mongodb://operator:hunter2-secret@127.0.0.1:${port}/skillatlas?authSource=admin`,
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '300',
      PORT: String(await closedPort()),
    }).done;
    const paragraph = expectOneParagraph(run, 'could not connect to MongoDB');
    expect(paragraph).toContain(`at 127.0.0.1:${port} (MONGODB_URI) within 300 ms`);
    expect(paragraph).toContain('MONGODB_SERVER_SELECTION_TIMEOUT_MS');
    expect(run.stderr + run.stdout).not.toContain('hunter2');
    expect(run.stderr + run.stdout).not.toContain('operator:');
  });

  it('the port is taken: names the address, PORT and HOST', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const run = await startServer({
        MONGODB_URI: freshDatabaseUri('port').uri,
        SEED_ON_START: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
      }).done;
      const paragraph = expectOneParagraph(run, 'could not listen on');
      expect(paragraph).toContain(`127.0.0.1:${port}: the port is already in use`);
      expect(paragraph).toContain('set PORT');
      expect(paragraph).toContain('HOST');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe('seeding on start and the default interface', () => {
  it('SEED_ON_START=false never seeds, says so, and the server listens on 127.0.0.1 only by default', async () => {
    const { uri, name } = freshDatabaseUri('noseed');
    const port = await closedPort();
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    // Without another interface there is nothing to show the server is not reachable from: fail rather than pass unseen.
    expect(external).toBeDefined();
    const server = startServer({ MONGODB_URI: uri, SEED_ON_START: 'false', PORT: String(port) });
    await server.waitFor(READY);
    const loopback = (await fetch(`http://127.0.0.1:${port}/health/live`)).status;
    const outside = await fetch(`http://${external}:${port}/health/live`).then(
      (response) => `answered ${response.status}`,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );
    const run = await server.stop(port);
    expect({ loopback, outside }).toEqual({ loopback: 200, outside: 'ECONNREFUSED' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SEED_ON_START is false: not seeding');
    expect(await mongoose.connection.useDb(name).collection('skills').countDocuments()).toBe(0);
  });

  it('with MONGODB_URI set, a database that already holds skills is left alone', async () => {
    const { uri, name } = freshDatabaseUri('kept');
    await mongoose.connection.useDb(name).collection('skills').insertOne({ slug: 'only-skill', name: 'Only skill', nameKey: 'only skill' });
    const port = await closedPort();
    const run = await startServer({ MONGODB_URI: uri, PORT: String(port) }).stop(port);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('database already holds the taxonomy: not seeding');
    const database = mongoose.connection.useDb(name);
    expect([await database.collection('skills').countDocuments(), await database.collection('resources').countDocuments()]).toEqual([1, 0]);
  });

  it('with MONGODB_URI set, an empty database is seeded by default (stopped once the taxonomy is in: the full seed is tests/seed.test.ts)', async () => {
    const { uri, name } = freshDatabaseUri('seeded');
    const server = startServer({ MONGODB_URI: uri, PORT: String(await closedPort()) });
    await server.waitFor('taxonomy, providers and O*NET occupations seeded');
    server.child.kill('SIGKILL');
    const run = await server.done;
    expect(run.stdout).toContain('database holds no skills: seeding it');
    const database = mongoose.connection.useDb(name);
    expect(await database.collection('skills').countDocuments()).toBeGreaterThan(50);
    expect(await database.collection('providers').countDocuments()).toBeGreaterThan(5);
    expect(await database.collection('occupations').countDocuments()).toBeGreaterThan(0);
  });
});
