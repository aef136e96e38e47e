import { spawn } from 'node:child_process';
import path from 'node:path';
import mongoose from 'mongoose';
import { snapshotDateOf } from '../src/modules/ingestion/source-notes';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedDatabase, seedReferenceData } from '../seeds/seed';
import { SEED_DATA_DIR, SEED_FEEDS } from '../seeds/sources/seed-feeds';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * One path in: `npm run ingest -- --source <feed> seeds/data/<folder>` and `npm run seed` write the
 * same documents, so either after the other writes nothing. Here the database gets the taxonomy and
 * providers, then the four data sets through the real `ingest` command (a child process), then the
 * seed; then the command again. (tests/seed.test.ts checks the other order: seed first, then ingest.)
 */
const CLI = path.join(__dirname, '..', 'src', 'modules', 'ingestion', 'ingest.cli.ts');
const WRITE_COMMANDS = ['insert', 'update', 'delete', 'findAndModify'];

let app: TestApp;
let databaseUri: string;

/** The parts of the CLI's `--json` report the tests read. */
interface IngestReport {
  feed: string;
  created: number;
  updated: number;
  retired: number;
  rejected: unknown[];
}

function ingestWithCli(source: string, folder: string): Promise<IngestReport> {
  const { REDIS_URL: _redis, ...environment } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--source', source, path.join(SEED_DATA_DIR, folder), '--json', '--batch-size', '1000'],
      {
        env: { ...environment, MONGODB_URI: databaseUri, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout.trim().split('\n').pop()!) as IngestReport)
        : reject(new Error(`ingest exited ${code}: ${stderr}`)),
    );
  });
}

/** Every resource as stored, keyed by (feed, externalId), without the write times. */
async function storedResources(): Promise<Map<string, Record<string, unknown>>> {
  const documents = await ResourceModel.find().lean<Array<Record<string, unknown> & { source: { feed: string; externalId: string } }>>();
  return new Map(
    documents.map(({ createdAt: _created, updatedAt: _updated, ...document }) => [
      `${document.source.feed}|${document.source.externalId}`,
      document,
    ]),
  );
}

beforeAll(async () => {
  app = await startTestApp();
  const connection = mongoose.connection;
  databaseUri = `mongodb://${connection.host}:${connection.port}/${connection.name}`;
  // Taxonomy, providers and O*NET, as the seed writes them (`npm run ingest` writes resources only).
  await seedReferenceData();
}, 60_000);
afterAll(() => app?.stop());

describe('seed and ingest are one path', () => {
  let ingested: Map<string, Record<string, unknown>>;

  it('ingesting the four data sets with `npm run ingest` creates what the seed would (123 + 9,341 courses and books, 229 projects, 5,999 events)', async () => {
    const reports = [];
    for (const feed of SEED_FEEDS) reports.push(await ingestWithCli(feed.source, feed.folder));
    expect(reports.map((report) => [report.feed, report.created, report.rejected.length])).toEqual([
      ['ossu', 123, 0],
      ['free-programming-books', 9341, 2],
      ['awesome-for-beginners', 229, 0],
      ['confs-tech', 5999, 0],
    ]);
    ingested = await storedResources();
    expect(ingested.size).toBe(123 + 9341 + 229 + 5999);
    // The snapshot date from SOURCE.md, not the time of the run: what the seed writes too.
    for (const feed of SEED_FEEDS) {
      const fetchedAt = await snapshotDateOf(path.join(SEED_DATA_DIR, feed.folder));
      const dates = [...ingested.values()]
        .filter((document) => (document.source as { feed: string }).feed === feed.source)
        .map((document) => (document.source as { fetchedAt: Date }).fetchedAt.toISOString());
      expect(new Set(dates)).toEqual(new Set([fetchedAt!.toISOString()]));
    }
  }, 900_000);

  it('then seeding writes nothing and leaves every document as the ingest wrote it', async () => {
    const { result: report, byCommand } = await app.countDatabaseCommands(() => seedDatabase());
    expect(report.sources.map((source) => [source.feed, source.created, source.updated, source.unchanged])).toEqual([
      ['ossu', 0, 0, 123],
      ['free-programming-books', 0, 0, 9341],
      ['awesome-for-beginners', 0, 0, 229],
      ['confs-tech', 0, 0, 5999],
    ]);
    for (const [collection, counts] of Object.entries(report.collections))
      expect([collection, counts.created, counts.updated]).toEqual([collection, 0, 0]);
    expect(WRITE_COMMANDS.filter((command) => byCommand[command])).toEqual([]);
    const seeded = await storedResources();
    expect(seeded).toEqual(ingested);
  }, 900_000);

  // OSSU's folder is complete (SOURCE.md): reading it whole must keep its extras/courses.md courses, not retire them.
  it('and ingesting again writes nothing either', async () => {
    const reports = [];
    for (const feed of SEED_FEEDS) reports.push(await ingestWithCli(feed.source, feed.folder));
    expect(reports.map((report) => [report.feed, report.created, report.updated, report.retired])).toEqual([
      ['ossu', 0, 0, 0],
      ['free-programming-books', 0, 0, 0],
      ['awesome-for-beginners', 0, 0, 0],
      ['confs-tech', 0, 0, 0],
    ]);
    expect(await storedResources()).toEqual(ingested);
  }, 900_000);
});
