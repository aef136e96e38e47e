import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { toGlobalId } from '../src/core/relay/global-id';
import { databaseCommandCounter } from '../src/core/mongo';
import { IdempotentRequests } from '../src/modules/ingestion/idempotent-requests';
import { IdempotencyRecordModel } from '../src/modules/ingestion/idempotency-record.model';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { backfillResourceUrlKeys } from '../src/modules/resource/resource-url-claims';
import { seedIngestionVocabulary, type IngestionFixture } from './helpers/ingestion-fixture';
import { createApiKeyAsAdmin } from './helpers/api-keys';
import { dataOf, errorOf, startTestApp, type GraphQLResponse, type TestApp } from './helpers/test-app';

/**
 * Attacks on the guarantee that no write is lost or doubled: callers racing with one idempotency key,
 * partners and another process racing for the same URLs. Each test fails with the protection removed
 * (the unique `urlKey` index, or the claim before the write).
 */

let app: TestApp;
let fixture: IngestionFixture;
const keys: Record<'partnerA' | 'partnerB' | 'admin', string> = {} as never;

const UPSERT = `mutation($input: UpsertResourcesInput!) { upsertResources(input: $input) {
  results { index externalId status resource { id url provider { slug } } }
  userErrors { field code message } createdCount updatedCount unchangedCount rejectedCount replayed } }`;
const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { resource { id url } userErrors { field code message } } }`;
const UPDATE_RESOURCE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { resource { id url } userErrors { field code message } } }`;

async function createKey(input: Record<string, unknown>): Promise<string> {
  return (await createApiKeyAsAdmin(app, input)).secret;
}

function as(secret: string) {
  return { headers: { 'x-api-key': secret } };
}

function course(externalId: string, url: string, overrides: Record<string, unknown> = {}) {
  return { externalId, kind: 'COURSE', title: `Course ${externalId}`, url, price: { amount: 10, currency: 'USD' }, ...overrides };
}

function upsert(input: Record<string, unknown>, options: { headers?: Record<string, string>; admin?: boolean }): Promise<GraphQLResponse> {
  return app.graphql(UPSERT, { input }, options);
}

/** Counts the write commands (insert, update) sent to `collection` while `work` runs, by any caller of this process. */
async function countWrites<T>(collection: string, work: () => Promise<T>): Promise<{ result: T; writes: number }> {
  let writes = 0;
  const unsubscribe = databaseCommandCounter.subscribe((event) => {
    if (event.command.insert === collection || event.command.update === collection) writes += 1;
  });
  try {
    return { result: await work(), writes };
  } finally {
    unsubscribe();
  }
}

/** Live resources at each URL key that starts with `prefix`, counted by key. */
async function resourcesPerUrl(prefix: string): Promise<Map<string, number>> {
  const resources = await ResourceModel.find(
    { url: new RegExp(`^https?://(www\\.)?${prefix.replace(/\./g, '\\.')}`), retiredAt: null },
    { urlKey: 1, url: 1 },
  ).lean();
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(resource.url, (counts.get(resource.url) ?? 0) + 1);
  return counts;
}

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedIngestionVocabulary();
  keys.partnerA = await createKey({
    name: 'Acme sync',
    role: 'PARTNER',
    providerId: toGlobalId('Provider', fixture.providerIds['acme-academy']),
  });
  keys.partnerB = await createKey({
    name: 'Beta sync',
    role: 'PARTNER',
    providerId: toGlobalId('Provider', fixture.providerIds['beta-learning']),
  });
  keys.admin = await createKey({ name: 'Ops', role: 'ADMIN' });
});
afterAll(() => app?.stop());

describe('idempotency keys under parallel calls', () => {
  it('one key, one input, 8 parallel calls: one write, the same answer for all', async () => {
    const items = Array.from({ length: 10 }, (_, index) => course(`same-key-${index}`, `https://acme.example/same-key/${index}`));
    const input = { items, idempotencyKey: 'parallel-same-input' };
    const { result: responses, writes } = await countWrites('resources', () =>
      Promise.all(Array.from({ length: 8 }, () => upsert(input, as(keys.partnerA)))),
    );
    const payloads = responses.map((response) => dataOf(response).upsertResources);
    // One bulk write of the ten new resources, by the one call that holds the key.
    expect(writes).toBe(1);
    expect(payloads.filter((payload) => !payload.replayed)).toHaveLength(1);
    for (const payload of payloads) {
      expect({ ...payload, replayed: false }).toEqual({ ...payloads[0], replayed: false });
      expect(payload).toMatchObject({ createdCount: 10, updatedCount: 0, unchangedCount: 0, rejectedCount: 0 });
    }
    expect(await ResourceModel.countDocuments({ 'source.externalId': /^same-key-/ })).toBe(10);
    expect(await IdempotencyRecordModel.find({ key: 'parallel-same-input' }).lean()).toEqual([expect.objectContaining({ state: 'DONE' })]);
  });

  it('one key, 8 different inputs in parallel: exactly one is written, the others are refused and leave nothing', async () => {
    const inputs = Array.from({ length: 8 }, (_, caller) => ({
      idempotencyKey: 'parallel-different-inputs',
      items: Array.from({ length: 5 }, (_, index) => course(`diff-${caller}-${index}`, `https://acme.example/diff/${caller}/${index}`)),
    }));
    const responses = await Promise.all(inputs.map((input) => upsert(input, as(keys.partnerA))));
    const winners = responses.flatMap((response, caller) => (response.errors ? [] : [caller]));
    expect(winners).toHaveLength(1);
    for (const response of responses.filter((candidate) => candidate.errors)) {
      expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.idempotencyKey' });
    }
    const stored = await ResourceModel.find({ 'source.externalId': /^diff-/ }, { source: 1 }).lean();
    expect(stored.map((resource) => resource.source.externalId).sort()).toEqual(
      inputs[winners[0]].items.map((item) => item.externalId).sort(),
    );
    // A retry of the winner replays; a loser's retry is still refused.
    expect(dataOf(await upsert(inputs[winners[0]], as(keys.partnerA))).upsertResources).toMatchObject({ createdCount: 5, replayed: true });
    expect(errorOf(await upsert(inputs[(winners[0] + 1) % 8], as(keys.partnerA))).code).toBe('BAD_USER_INPUT');
  });

  it('the ADMIN_TOKEN has idempotency keys of its own: a retry replays', async () => {
    const input = {
      provider: toGlobalId('Provider', fixture.providerIds['acme-academy']),
      items: [course('admin-key-1', 'https://acme.example/admin-key/1')],
      idempotencyKey: 'admin-token-key',
    };
    const [first, second] = await Promise.all([upsert(input, { admin: true }), upsert(input, { admin: true })]).then((responses) =>
      responses.map((response) => dataOf(response).upsertResources),
    );
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    expect(first.createdCount + second.createdCount).toBe(2);
    expect(await IdempotencyRecordModel.find({ key: 'admin-token-key' }, { callerKey: 1 }).lean()).toEqual([
      expect.objectContaining({ callerKey: 'admin-token' }),
    ]);
  });
});

describe('idempotency claims (IdempotentRequests against MongoDB)', () => {
  const claim = (key: string, inputHash = 'hash-1') => ({ callerKey: 'claims-test', operation: 'test', key, inputHash });

  /** A piece of work that runs until `finish` is called, counting its runs. */
  function controlledWork(result: string) {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const state = { runs: 0, finish: () => finish() };
    return {
      state,
      work: async () => {
        state.runs += 1;
        await done;
        return result;
      },
    };
  }

  it('a call with a key in use waits for the answer and replays it; past its wait bound it gets IDEMPOTENCY_KEY_IN_USE', async () => {
    const first = controlledWork('first answer');
    const running = new IdempotentRequests().runOnce(claim('in-use'), first.work);
    await waitFor(async () => (await IdempotencyRecordModel.countDocuments({ key: 'in-use', state: 'PENDING' })) === 1);
    const impatient = new IdempotentRequests({ waitMs: 100 }).runOnce(claim('in-use'), first.work);
    await expect(impatient).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENCY_KEY_IN_USE' } });
    const patient = new IdempotentRequests({ waitMs: 10_000 }).runOnce(claim('in-use'), first.work);
    const otherInput = new IdempotentRequests({ waitMs: 10_000 }).runOnce(claim('in-use', 'hash-2'), first.work);
    await expect(otherInput).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    first.state.finish();
    expect(await running).toEqual({ result: 'first answer', replayed: false });
    expect(await patient).toEqual({ result: 'first answer', replayed: true });
    expect(first.state.runs).toBe(1);
  });

  it('a PENDING claim of a dead caller is taken over by exactly one of the callers that find it', async () => {
    await IdempotencyRecordModel.create({
      ...claim('dead-holder'),
      state: 'PENDING',
      claimToken: 'dead',
      claimedAt: new Date(Date.now() - 120_000),
    });
    const work = controlledWork('after takeover');
    const callers = Array.from({ length: 5 }, () =>
      new IdempotentRequests({ staleAfterMs: 60_000 }).runOnce(claim('dead-holder'), work.work),
    );
    await waitFor(() => Promise.resolve(work.state.runs > 0));
    work.state.finish();
    const answers = await Promise.all(callers);
    expect(work.state.runs).toBe(1);
    expect(answers.map((answer) => answer.result)).toEqual(Array(5).fill('after takeover'));
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect(await IdempotencyRecordModel.findOne({ key: 'dead-holder' }).lean()).toMatchObject({ state: 'DONE', result: 'after takeover' });
  });

  it('a fresh PENDING claim is not taken over', async () => {
    await IdempotencyRecordModel.create({ ...claim('live-holder'), state: 'PENDING', claimToken: 'alive', claimedAt: new Date() });
    const work = controlledWork('never');
    await expect(
      new IdempotentRequests({ waitMs: 200, staleAfterMs: 60_000 }).runOnce(claim('live-holder'), work.work),
    ).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENCY_KEY_IN_USE' } });
    expect(work.state.runs).toBe(0);
    expect(await IdempotencyRecordModel.findOne({ key: 'live-holder' }).lean()).toMatchObject({ state: 'PENDING', claimToken: 'alive' });
  });

  it('a call whose work fails releases the key: the retry runs the work', async () => {
    const requests = new IdempotentRequests();
    await expect(requests.runOnce(claim('released'), () => Promise.reject(new Error('database went away')))).rejects.toThrow(
      'database went away',
    );
    expect(await IdempotencyRecordModel.countDocuments({ key: 'released' })).toBe(0);
    expect(await requests.runOnce(claim('released'), () => Promise.resolve('second try'))).toEqual({
      result: 'second try',
      replayed: false,
    });
  });
});

describe('one resource per URL under parallel writers', () => {
  it('partners of two providers racing for the same 20 new URLs: 20 resources, each CREATED once, the other side DUPLICATE', async () => {
    const urls = Array.from({ length: 20 }, (_, index) => `https://contested.example/course-${index}`);
    const calls = [keys.partnerA, keys.partnerB].flatMap((secret, side) =>
      // Four calls of five per partner, all at once, in opposite orders so the two meet mid-way.
      Array.from({ length: 4 }, (_, chunk) => {
        const ordered = side === 0 ? urls : [...urls].reverse();
        return upsert(
          { items: ordered.slice(chunk * 5, chunk * 5 + 5).map((url) => course(`contested-${url.split('-').pop()}`, url)) },
          as(secret),
        );
      }),
    );
    const payloads = (await Promise.all(calls)).map((response) => dataOf(response).upsertResources);
    const perUrl = await resourcesPerUrl('contested.example/');
    expect([...perUrl.values()]).toEqual(Array(20).fill(1));
    const results = payloads.flatMap((payload) => payload.results);
    const created = results.filter((result: { status: string }) => result.status === 'CREATED');
    expect(new Set(created.map((result: { resource: { url: string } }) => result.resource.url)).size).toBe(20);
    expect(created).toHaveLength(20);
    expect(results.filter((result: { status: string }) => result.status === 'REJECTED')).toHaveLength(20);
    for (const payload of payloads)
      for (const error of payload.userErrors)
        expect(error).toMatchObject({ code: 'DUPLICATE', field: ['input', 'items', expect.any(String), 'url'] });
  });

  it('6 parallel identical calls without a key: each URL one resource, CREATED counted exactly once per item', async () => {
    const items = Array.from({ length: 20 }, (_, index) => course(`no-key-${index}`, `https://acme.example/no-key/${index}`));
    const payloads = (await Promise.all(Array.from({ length: 6 }, () => upsert({ items }, as(keys.partnerA))))).map(
      (response) => dataOf(response).upsertResources,
    );
    expect(payloads.reduce((sum, payload) => sum + payload.createdCount, 0)).toBe(20);
    expect(payloads.reduce((sum, payload) => sum + payload.rejectedCount, 0)).toBe(0);
    for (const payload of payloads) expect(payload.createdCount + payload.updatedCount + payload.unchangedCount).toBe(20);
    items.forEach((_, index) => expect(payloads.filter((payload) => payload.results[index].status === 'CREATED')).toHaveLength(1));
    expect([...(await resourcesPerUrl('acme.example/no-key/')).values()]).toEqual(Array(20).fill(1));
  });

  it('`npm run ingest` in another process racing the API for the same URLs: no URL gets two resources', async () => {
    const size = 80;
    const urls = Array.from({ length: size }, (_, index) => `https://race-process.example/conf-${index}`);
    const feedDir = mkdtempSync(path.join(tmpdir(), 'write-races-'));
    try {
      mkdirSync(path.join(feedDir, 'conferences', '2027'), { recursive: true });
      const conferences = urls.map((url, index) => ({
        name: `Race Conf ${index}`,
        url,
        startDate: '2027-05-01',
        endDate: '2027-05-02',
        city: 'Berlin',
        country: 'Germany',
      }));
      writeFileSync(path.join(feedDir, 'conferences', '2027', 'javascript.json'), JSON.stringify(conferences));
      const items = urls.map((url, index) => ({
        externalId: `race-process-${index}`,
        kind: 'EVENT',
        title: `Race Conf ${index}`,
        url,
        startDate: '2027-05-01',
      }));
      let startApi!: () => void;
      const cliWriting = new Promise<void>((resolve) => (startApi = resolve));
      const cli = runIngestCli(['--source', 'confs-tech', '--batch-size', '1', feedDir], startApi);
      await cliWriting;
      // The API works from the other end, five items a call, two calls at a time, until the two meet.
      const reversed = [...items].reverse();
      const payloads: Array<{ createdCount: number }> = [];
      for (let start = 0; start < size; start += 10) {
        const pair = await Promise.all(
          [reversed.slice(start, start + 5), reversed.slice(start + 5, start + 10)].map((chunk) =>
            upsert({ items: chunk }, as(keys.partnerA)),
          ),
        );
        payloads.push(...pair.map((response) => dataOf(response).upsertResources));
      }
      const run = await cli;
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const cliCreated = Number(/created\s+(\d+)/.exec(run.stdout)?.[1]);
      const cliRejected = run.stdout.split('\n').filter((line) => /^\s+record \d+/.test(line));
      const apiCreated = payloads.reduce((sum, payload) => sum + payload.createdCount, 0);
      // Every URL was created by exactly one side; the other side was refused it (each may not join the other's).
      expect(apiCreated + cliCreated).toBe(size);
      expect(apiCreated).toBeGreaterThan(0);
      expect(cliCreated).toBeGreaterThan(0);
      expect(cliRejected).toHaveLength(size - cliCreated);
      for (const line of cliRejected) expect(line).toContain('which a partner (partner:');
      expect([...(await resourcesPerUrl('race-process.example/')).values()]).toEqual(Array(size).fill(1));
    } finally {
      rmSync(feedDir, { recursive: true, force: true });
    }
    // A child process compiling TypeScript on a busy machine: as long as tests/ingestion-cli.test.ts allows.
  }, 180_000);

  it('parallel admin createCourse calls for one URL (spelt differently): one resource, the others DUPLICATE on input.url', async () => {
    const spellings = [
      'https://admin-race.example/course',
      'http://www.admin-race.example/course/',
      'https://ADMIN-RACE.example/course?utm_source=x',
      'https://admin-race.example/course#top',
    ];
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        app.graphql(
          CREATE_COURSE,
          {
            input: {
              title: `Admin race ${index}`,
              url: spellings[index % 4],
              providerId: toGlobalId('Provider', fixture.providerIds.independent),
              free: true,
            },
          },
          { admin: true },
        ),
      ),
    );
    const payloads = responses.map((response) => dataOf(response).createCourse);
    expect(payloads.filter((payload) => payload.resource)).toHaveLength(1);
    for (const payload of payloads.filter((candidate) => !candidate.resource))
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'url'], code: 'DUPLICATE' })]);
    expect(await ResourceModel.countDocuments({ urlKey: 'admin-race.example/course' })).toBe(1);
    // Moving another resource onto the URL is refused too.
    const other = dataOf(
      await app.graphql(
        CREATE_COURSE,
        {
          input: {
            title: 'Elsewhere',
            url: 'https://admin-race.example/elsewhere',
            providerId: toGlobalId('Provider', fixture.providerIds.independent),
            free: true,
          },
        },
        { admin: true },
      ),
    ).createCourse;
    const moved = dataOf(
      await app.graphql(
        UPDATE_RESOURCE,
        { input: { id: other.resource.id, url: 'https://www.admin-race.example/course' } },
        { admin: true },
      ),
    ).updateResource;
    expect(moved).toEqual({
      resource: null,
      userErrors: [
        expect.objectContaining({
          field: ['input', 'url'],
          code: 'DUPLICATE',
          message: expect.stringContaining(payloads.find((payload) => payload.resource).resource.id),
        }),
      ],
    });
  });
});

describe('URL claims on a database written before they existed', () => {
  it('the unique index builds over old data; the backfill gives the oldest of each URL the claim and reports the rest', async () => {
    const legacy = (id: string, url: string, extra: Record<string, unknown> = {}) => ({
      _id: new mongoose.Types.ObjectId(id),
      kind: 'COURSE',
      slug: `legacy-${id}`,
      title: 'Legacy',
      titleKey: 'legacy',
      url,
      providerId: fixture.providerIds.independent,
      free: true,
      source: { feed: 'legacy-feed', externalId: id, fetchedAt: new Date() },
      ...extra,
    });
    await ResourceModel.collection.dropIndex('urlKey_1');
    await ResourceModel.collection.insertMany([
      legacy('000000000000000000000001', 'https://legacy.example/a'),
      legacy('000000000000000000000002', 'http://www.legacy.example/a/?utm_source=mail'),
      legacy('000000000000000000000003', 'https://legacy.example/c'),
      legacy('000000000000000000000004', 'https://legacy.example/a', { retiredAt: new Date() }),
    ]);
    await ResourceModel.createIndexes();
    expect((await ResourceModel.collection.indexes()).find((index) => index.name === 'urlKey_1')).toMatchObject({
      unique: true,
      sparse: true,
    });

    const first = await backfillResourceUrlKeys();
    expect(first.claimed).toBe(2);
    expect(first.unclaimed).toEqual([
      { resourceId: '000000000000000000000002', url: 'http://www.legacy.example/a/?utm_source=mail', heldBy: '000000000000000000000001' },
    ]);
    const keys = await ResourceModel.find({ 'source.feed': 'legacy-feed' }, { urlKey: 1 }).sort({ _id: 1 }).lean();
    expect(keys.map((resource) => resource.urlKey)).toEqual(['legacy.example/a', undefined, 'legacy.example/c', undefined]);
    // Idempotent: nothing more to claim, the same conflict reported.
    expect(await backfillResourceUrlKeys()).toEqual({ claimed: 0, unclaimed: first.unclaimed });
    // The unclaimed duplicate's next write is refused, never a second claim.
    const report = await new IngestionService().ingest(
      'legacy-feed',
      {
        records: [
          { recordNumber: 1, externalId: '000000000000000000000002', kind: 'COURSE', title: 'Legacy', url: 'https://legacy.example/a' },
        ],
        rejected: [],
      },
      { full: false },
    );
    expect(report.rejected).toEqual([expect.objectContaining({ reason: 'another resource already holds this URL' })]);
    expect(await ResourceModel.countDocuments({ urlKey: 'legacy.example/a' })).toBe(1);
  });
});

/** Polls `condition` every 10 ms, for at most 5 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('waitFor: the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs `npm run ingest`'s entry point in a child process against the test database (through tsx, as
 * tests/ingestion-cli.test.ts does), calling `onWriting` when it reports its first progress: it is
 * about to write.
 */
function runIngestCli(args: string[], onWriting: () => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const connection = mongoose.connection;
  const { REDIS_URL: _redis, ...environment } = process.env;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '..', 'src', 'modules', 'ingestion', 'ingest.cli.ts'), ...args],
    {
      env: {
        ...environment,
        MONGODB_URI: `mongodb://${connection.host}:${connection.port}/${connection.name}`,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('progress ')) onWriting();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      onWriting();
      resolve({ code, stdout, stderr });
    });
  });
}
