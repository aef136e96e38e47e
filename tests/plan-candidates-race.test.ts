import { spawn, type ChildProcess } from 'node:child_process';
import { createRequestScope, requestScopeStorage } from '../src/core/cache/request-scope';
import {
  candidateReads,
  MAX_CONCURRENT_CANDIDATE_READS,
  MAX_WAITING_CANDIDATE_READS,
  readCandidates,
} from '../src/modules/learning-plan/plan-catalogue';
import { unconstrainedPlan } from '../src/modules/learning-plan/plan-model';
import { seedBulkCatalog } from './helpers/catalog-fixture';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * A plan's candidates are read in two queries (plan-catalogue.ts): the links of every resource passing
 * the constraints, then the chosen ones by id. Attacked here: a writer in another process flips half
 * of a skill's resources between free and paid, and back, as fast as it can, while free-only reads
 * run. Every candidate a read returns must be free as it was read, never a resource that was free at
 * the first query and paid by the second.
 */

let app: TestApp;
let writer: ChildProcess | undefined;
let bulk: Awaited<ReturnType<typeof seedBulkCatalog>>;

beforeAll(async () => {
  app = await startTestApp();
  bulk = await seedBulkCatalog({ resourceCount: 160, providerCount: 2, skillCount: 2, categoryCount: 1 });
});

afterAll(async () => {
  writer?.kill('SIGKILL');
  await app?.stop();
});

/** Flips the given resources' price, half at a time, every 0–30 ms until killed; prints each flip ("flip") so the test can count them. */
function startPriceFlipper(uri: string, ids: string[]): ChildProcess {
  const script = `
    const { MongoClient, ObjectId } = require('mongodb');
    const ids = ${JSON.stringify(ids)}.map((id) => new ObjectId(id));
    const evens = ids.filter((_, index) => index % 2 === 0), odds = ids.filter((_, index) => index % 2 === 1);
    const paid = { pricing: 'PAID', free: false, priceAmount: 20, priceCurrency: 'USD' };
    const free = { pricing: 'FREE', free: true, priceAmount: null, priceCurrency: null };
    (async () => {
      const client = await MongoClient.connect(${JSON.stringify(uri)});
      const resources = client.db().collection('resources');
      for (let turn = 0; ; turn += 1) {
        const [nowPaid, nowFree] = turn % 2 === 0 ? [evens, odds] : [odds, evens];
        // Free first: at no moment are fewer than half free, so a read with fewer than 40 was cut by the re-check.
        await resources.updateMany({ _id: { $in: nowFree } }, { $set: free });
        await resources.updateMany({ _id: { $in: nowPaid } }, { $set: paid });
        process.stdout.write('flip\\n');
        // A pause of 0–30 ms: some reads fall between flips (and return candidates), others straddle one.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
      }
    })().catch((error) => { console.error(error); process.exit(1); });`;
  return spawn(process.execPath, ['-e', script], { cwd: __dirname, stdio: ['ignore', 'pipe', 'inherit'] });
}

it('never returns a candidate that stopped passing the constraints between its two queries', async () => {
  const { skills, resources } = bulk;
  const skillId = String(skills[0]._id);
  const uri = app.databaseUri;
  writer = startPriceFlipper(
    uri,
    resources.map((resource) => String(resource._id)),
  );
  let flips = 0;
  writer.stdout!.on('data', (chunk: Buffer) => (flips += chunk.toString().split('flip').length - 1));
  const writerDeadline = Date.now() + 15_000;
  while (flips < 2) {
    if (Date.now() > writerDeadline) throw new Error('the price-flipping writer did not start within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const freeOnly = { ...unconstrainedPlan(), freeOnly: true };
  let reads = 0;
  let candidatesSeen = 0;
  let shortReads = 0;
  const flipsAtStart = flips;
  const giveUpAt = Date.now() + 60_000;
  while ((reads < 40 || flips - flipsAtStart < 20) && Date.now() < giveUpAt) {
    const candidates = (await readCandidates([skillId], freeOnly)).get(skillId) ?? [];
    for (const candidate of candidates) expect(candidate.pricing).toBe('FREE');
    candidatesSeen += candidates.length;
    // 80 of the resources are free at any moment: fewer than 40 means the second query dropped some that a flip made paid.
    if (candidates.length < 40) shortReads += 1;
    reads += 1;
  }
  // The reads raced real flips and returned something to check.
  expect(flips - flipsAtStart).toBeGreaterThanOrEqual(20);
  expect(candidatesSeen).toBeGreaterThan(reads);
  // And some reads straddled a flip, so the re-check had something to refuse.
  expect(shortReads).toBeGreaterThan(0);
});

it('runs at most a few candidate reads at once, each still counted for the request that asked, and queues the rest', async () => {
  writer?.kill('SIGKILL');
  const skillIds = bulk.skills.map((skill) => String(skill._id));
  // Twelve different cold reads at once (distinct constraints), each in a request scope of its own.
  const scopes = Array.from({ length: 12 }, () => createRequestScope());
  const reading = Promise.all(
    scopes.map((scope, index) =>
      requestScopeStorage.run(scope, () => readCandidates(skillIds, { ...unconstrainedPlan(), languages: ['en', `x${index}`] })),
    ),
  );
  // A few promise jobs later (no I/O can complete in between): the first few run, the rest wait.
  for (let job = 0; job < 5; job += 1) await Promise.resolve();
  expect([candidateReads.activeCount, candidateReads.pendingCount]).toEqual([
    MAX_CONCURRENT_CANDIDATE_READS,
    scopes.length - MAX_CONCURRENT_CANDIDATE_READS,
  ]);
  const reads = await reading;
  // Each read sent its two queries (links, then the chosen by id) in its own request's scope, queued or not.
  expect(scopes.map((scope) => scope.databaseCommands)).toEqual(scopes.map(() => 2));
  for (const read of reads) expect(read.get(skillIds[0])?.length).toBe(40);
});

it('refuses reads beyond the queue with RATE_LIMITED instead of queueing without end', async () => {
  const skillIds = bulk.skills.map((skill) => String(skill._id));
  const calls = Array.from({ length: MAX_WAITING_CANDIDATE_READS + 8 }, (_, index) =>
    readCandidates(skillIds, { ...unconstrainedPlan(), languages: ['en', `y${index}`] }).then(
      (read) => ({ ok: read.get(skillIds[0])?.length }),
      (error: { extensions?: { code?: string } }) => ({ refused: error.extensions?.code }),
    ),
  );
  const outcomes = await Promise.all(calls);
  expect(outcomes.filter((outcome) => 'ok' in outcome)).toEqual(Array.from({ length: MAX_WAITING_CANDIDATE_READS }, () => ({ ok: 40 })));
  expect(outcomes.filter((outcome) => 'refused' in outcome)).toEqual(Array.from({ length: 8 }, () => ({ refused: 'RATE_LIMITED' })));
  // Nothing is left waiting, and the next read is served.
  expect(candidateReads.activeCount + candidateReads.pendingCount).toBe(0);
  expect((await readCandidates(skillIds, unconstrainedPlan())).get(skillIds[0])).toHaveLength(40);
});
