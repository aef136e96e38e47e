import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedIngestionVocabulary } from './helpers/ingestion-fixture';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * The `ingest` command as an operator runs it: a child process against the test database. It runs
 * the TypeScript entry point through tsx: the CLI imports no type-graphql class, so it needs no
 * decorator metadata (`npm run ingest` runs the same file compiled).
 */
const CLI = path.join(__dirname, '..', 'src', 'modules', 'ingestion', 'ingest.cli.ts');
const FEEDS = path.join(__dirname, 'fixtures', 'feeds');
const LARGE_FEED_SIZE = 3000;

let app: TestApp;
let databaseUri: string;
let workDir: string;
let largeFeed: string;

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The test's environment with the test database, and without REDIS_URL: the child must not touch the Redis other test files share. */
function childEnvironment(): NodeJS.ProcessEnv {
  const { REDIS_URL: _redis, ...environment } = process.env;
  return { ...environment, MONGODB_URI: databaseUri, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
}

/** Runs the CLI; `killWhen` sees each stdout line and may return true to SIGKILL the process there. */
function runCli(args: string[], killWhen?: (line: string) => boolean): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: childEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (killWhen && lines.some(killWhen)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The catalogue as a comparable list: every stored field but ids and timestamps, by external id. */
async function catalogue(): Promise<unknown[]> {
  const documents = await ResourceModel.find({ 'source.feed': 'udemy' }).lean();
  return documents
    .map(({ _id, createdAt, updatedAt, source, ...fields }) => ({
      ...fields,
      source: { feed: source.feed, externalId: source.externalId },
    }))
    .sort((left, right) => left.source.externalId.localeCompare(right.source.externalId));
}

/** A Udemy course list of `size` courses; every 500th has a negative price (rejected). */
function writeLargeFeed(file: string, size: number): void {
  const results = Array.from({ length: size }, (_, index) => ({
    id: 100_000 + index,
    title: `Course number ${index} on ${['Docker', 'Kubernetes', 'Python', 'Go'][index % 4]}`,
    url: `/course/course-number-${index}/`,
    headline: `Generated course ${index}.`,
    is_paid: true,
    price_detail: { amount: index % 500 === 499 ? -1 : 10 + (index % 90), currency: 'USD' },
    num_reviews: index,
    rating: 3 + (index % 20) / 10,
    content_info: `${1 + (index % 30)} total hours`,
    instructional_level: ['Beginner Level', 'Intermediate Level', 'Expert Level', 'All Levels'][index % 4],
    locale: { locale: 'en_US' },
    primary_subcategory: { title: ['Docker', 'Kubernetes', 'Python', 'Golang'][index % 4] },
  }));
  writeFileSync(file, JSON.stringify({ count: size, next: null, previous: null, results }));
}

beforeAll(async () => {
  app = await startTestApp();
  await seedIngestionVocabulary();
  const connection = mongoose.connection;
  databaseUri = `mongodb://${connection.host}:${connection.port}/${connection.name}`;
  workDir = mkdtempSync(path.join(tmpdir(), 'ingest-cli-'));
  largeFeed = path.join(workDir, 'udemy-large.json');
  writeLargeFeed(largeFeed, LARGE_FEED_SIZE);
});
afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await app?.stop();
});

it("prints progress and a summary with each rejected record's number and reason", async () => {
  const run = await runCli(['--source', 'udemy', path.join(FEEDS, 'udemy.json')]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('progress 4/4');
  expect(run.stdout).toContain('feed udemy: 6 records read');
  expect(run.stdout).toMatch(/created\s+4/);
  expect(run.stdout).toContain('record 4 (104): price: the price -10 is negative');
  expect(run.stdout).toContain('record 5 (105): title: the title contains HTML');
  await ResourceModel.deleteMany({ 'source.feed': 'udemy' });
});

it('stops on malformed JSON with one clear line and writes nothing', async () => {
  const run = await runCli(['--source', 'udemy', path.join(FEEDS, 'malformed.json')]);
  expect(run.code).toBe(1);
  expect(run.stderr.trim()).toBe('ingest: malformed.json: malformed JSON (Unexpected end of JSON input)');
  const usage = await runCli(['--source', 'nope', 'x.json']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain(
    '--source must be one of coursera, udemy, edx, github, awesome-for-beginners, confs-tech, free-programming-books',
  );
  expect(await ResourceModel.countDocuments({ 'source.feed': 'udemy' })).toBe(0);
});

it('fetches a paged feed over HTTP with --url and --header', async () => {
  const github = JSON.parse(readFileSync(path.join(FEEDS, 'github.json'), 'utf8'));
  const seen: Array<string | undefined> = [];
  const server = http.createServer((request, response) => {
    seen.push(request.headers.authorization);
    const page = Number(new URL(request.url ?? '/', 'http://localhost').searchParams.get('page') ?? '1');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (page === 1) headers.link = `<http://127.0.0.1:${(server.address() as AddressInfo).port}/search?page=2>; rel="next"`;
    response.writeHead(200, headers);
    response.end(JSON.stringify({ ...github, items: github.items.slice((page - 1) * 2, page * 2) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search?page=1`;
    const run = await runCli(['--source', 'github', '--url', url, '--header', 'Authorization: token test-123', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({
      feed: 'github',
      read: 4,
      created: 3,
      rejected: [expect.objectContaining({ recordNumber: 4 })],
    });
    expect(seen).toEqual(['token test-123', 'token test-123']);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await ResourceModel.deleteMany({ 'source.feed': 'github' });
  }
});

it('after kill -9 half-way, a re-run leaves the catalogue equal to an uninterrupted run: no duplicates, nothing lost', async () => {
  const rejectedRows = LARGE_FEED_SIZE / 500;
  const expected = LARGE_FEED_SIZE - rejectedRows;

  const uninterrupted = await runCli(['--source', 'udemy', largeFeed, '--batch-size', '25']);
  expect(uninterrupted.code).toBe(0);
  expect(uninterrupted.stdout).toMatch(new RegExp(`created\\s+${expected}`));
  const reference = await catalogue();
  expect(reference).toHaveLength(expected);
  await ResourceModel.deleteMany({ 'source.feed': 'udemy' });

  // Killed once at least a third of the records are written, well before the end.
  const killed = await runCli(['--source', 'udemy', largeFeed, '--batch-size', '25'], (line) => {
    const match = /^progress (\d+)\/(\d+)$/.exec(line);
    return match !== null && Number(match[1]) >= Number(match[2]) / 3;
  });
  expect(killed.signal).toBe('SIGKILL');
  const written = await ResourceModel.countDocuments({ 'source.feed': 'udemy' });
  expect(written).toBeGreaterThan(0);
  expect(written).toBeLessThan(expected);

  const rerun = await runCli(['--source', 'udemy', largeFeed, '--batch-size', '25', '--json']);
  expect(rerun.code).toBe(0);
  const report = JSON.parse(rerun.stdout.trim().split('\n').pop()!);
  expect(report).toMatchObject({ read: LARGE_FEED_SIZE, created: expected - written, unchanged: written, updated: 0, retired: 0 });
  expect(report.rejected).toHaveLength(rejectedRows);

  expect(await catalogue()).toEqual(reference);
  const externalIds = await ResourceModel.distinct('source.externalId', { 'source.feed': 'udemy' });
  expect(externalIds).toHaveLength(expected);
}, 180_000);

describe('retiring: only a complete feed retires, and never most of a feed unless told', () => {
  // A confs.tech data set copy of three files (6 + 2 + 2 events, each listed under one topic only).
  const DATA_SET_FILES: Record<string, number> = { '2026/devops.json': 6, '2026/golang.json': 2, '2027/devops.json': 2 };
  const LIVE_TOTAL = 10;
  let dataSet: string;

  function conference(file: string, index: number): Record<string, unknown> {
    const topic = path.basename(file, '.json');
    const year = file.slice(0, 4);
    return {
      name: `${topic} summit ${year} number ${index}`,
      url: `https://${topic}-${year}-${index}.example/`,
      startDate: `${year}-0${1 + index}-10`,
      endDate: `${year}-0${1 + index}-11`,
      city: 'Lisbon',
      country: 'Portugal',
    };
  }

  /** Writes the data set's files under `folder/conferences/`, with a SOURCE.md that may declare it complete. */
  function writeDataSet(folder: string, sourceNotes: string | null): void {
    for (const [file, size] of Object.entries(DATA_SET_FILES)) {
      mkdirSync(path.join(folder, 'conferences', path.dirname(file)), { recursive: true });
      writeFileSync(
        path.join(folder, 'conferences', file),
        JSON.stringify(Array.from({ length: size }, (_, index) => conference(file, index))),
      );
    }
    if (sourceNotes !== null) writeFileSync(path.join(folder, 'SOURCE.md'), sourceNotes);
  }

  /** Every confs-tech resource as stored (retirement and fields), for before/after comparisons. */
  async function confsTechCatalogue(): Promise<unknown[]> {
    const documents = await ResourceModel.find({ 'source.feed': 'confs-tech' }).lean();
    return documents
      .map(({ createdAt, updatedAt, ...fields }) => fields)
      .sort((left, right) => left.source.externalId.localeCompare(right.source.externalId));
  }

  const liveCount = () => ResourceModel.countDocuments({ 'source.feed': 'confs-tech', retiredAt: null });
  const retiredCount = () => ResourceModel.countDocuments({ 'source.feed': 'confs-tech', retiredAt: { $ne: null } });

  beforeEach(async () => {
    await ResourceModel.deleteMany({ 'source.feed': 'confs-tech' });
    dataSet = mkdtempSync(path.join(workDir, 'confs-tech-'));
    writeDataSet(dataSet, '# confs.tech copy\n\n- **Commit:** `abc` (committed 2026-08-06)\n- **Complete:** yes. The whole data set.\n');
    const first = await runCli(['--source', 'confs-tech', dataSet, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout.trim())).toMatchObject({ created: LIVE_TOTAL, complete: true, notListed: 0, retired: 0 });
  });

  it('one file of a multi-file feed retires nothing, and the report says how many it kept', async () => {
    const run = await runCli(['--source', 'confs-tech', path.join(dataSet, 'conferences', '2026', 'golang.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /retired\s+0 \(not a complete feed: 8 live resources of confs-tech it does not list were kept; --full would retire them\)/,
    );
    expect(await liveCount()).toBe(LIVE_TOTAL);
  });

  it('--full retires what the feed no longer lists; the complete snapshot brings it back', async () => {
    const withoutSource = mkdtempSync(path.join(workDir, 'confs-tech-plain-'));
    cpSync(path.join(dataSet, 'conferences'), path.join(withoutSource, 'conferences'), { recursive: true });
    rmSync(path.join(withoutSource, 'conferences', '2027'), { recursive: true });
    // Without --full a folder without a complete SOURCE.md retires nothing.
    expect(JSON.parse((await runCli(['--source', 'confs-tech', withoutSource, '--json'])).stdout.trim())).toMatchObject({
      complete: false,
      notListed: 2,
      retired: 0,
    });
    const run = await runCli(['--source', 'confs-tech', withoutSource, '--full', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ complete: true, notListed: 2, retired: 2, unchanged: 8 });
    expect(await liveCount()).toBe(LIVE_TOTAL - 2);
    expect(JSON.parse((await runCli(['--source', 'confs-tech', dataSet, '--json'])).stdout.trim())).toMatchObject({
      updated: 2,
      retired: 0,
    });
    expect(await liveCount()).toBe(LIVE_TOTAL);
  });

  it('refuses a --full run that would retire more than half the feed: exit 3, one paragraph, nothing written; --allow-mass-retire overrides', async () => {
    // The one file also brings a new event and a changed one: a refused run must write neither.
    const golang = JSON.parse(readFileSync(path.join(dataSet, 'conferences', '2026', 'golang.json'), 'utf8'));
    golang[0].city = 'Porto';
    golang.push(conference('2026/golang.json', 7));
    const single = path.join(mkdtempSync(path.join(workDir, 'confs-tech-one-')), '2026', 'golang.json');
    mkdirSync(path.dirname(single));
    writeFileSync(single, JSON.stringify(golang));
    const before = await confsTechCatalogue();

    const refused = await runCli(['--source', 'confs-tech', single, '--full']);
    expect(refused.code).toBe(3);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('8 of the 10 live resources of feed confs-tech are not in this feed');
    expect(refused.stderr).toContain('Nothing was written');
    expect(refused.stderr).toContain('--allow-mass-retire');
    expect(await confsTechCatalogue()).toEqual(before);

    const allowed = await runCli(['--source', 'confs-tech', single, '--full', '--allow-mass-retire', '--json']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout.trim())).toMatchObject({ created: 1, updated: 1, retired: 8 });
    expect(await retiredCount()).toBe(8);
  });

  it('the root folder of a complete snapshot retires what vanished from it; --partial keeps it', async () => {
    rmSync(path.join(dataSet, 'conferences', '2027'), { recursive: true });
    const partial = await runCli(['--source', 'confs-tech', dataSet, '--partial', '--json']);
    expect(JSON.parse(partial.stdout.trim())).toMatchObject({ complete: false, notListed: 2, retired: 0 });
    expect(await liveCount()).toBe(LIVE_TOTAL);

    const run = await runCli(['--source', 'confs-tech', dataSet]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/retired\s+2 \(a complete feed/);
    expect(await liveCount()).toBe(LIVE_TOTAL - 2);
    // A file inside the same complete snapshot is still only one part of it.
    const file = await runCli(['--source', 'confs-tech', path.join(dataSet, 'conferences', '2026', 'devops.json'), '--json']);
    expect(JSON.parse(file.stdout.trim())).toMatchObject({ complete: false, retired: 0 });
  });

  it('refuses contradictory options with the usage', async () => {
    const run = await runCli(['--source', 'confs-tech', dataSet, '--full', '--partial']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--full and --partial contradict each other');
  });
});
