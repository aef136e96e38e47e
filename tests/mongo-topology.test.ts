import type { CommandStartedEvent } from 'mongodb';
import mongoose from 'mongoose';
import { databaseCommandCounter, lagTolerantRead } from '../src/core/mongo';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * The replica-set options (docs/SCALING-DATA.md) exercised on the test server: writes ask for a
 * majority, analytics and facet counts carry the configured lag-tolerant read preference, and nothing
 * else changes what the API answers. (On a single server the driver sends no read preference: what is
 * checked is the one the aggregations are given.)
 */
let app: TestApp;
let fixture: CatalogFixture;

beforeAll(async () => {
  app = await startTestApp({ MONGODB_ANALYTICS_READ_PREFERENCE: 'secondaryPreferred', MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: '120' });
  fixture = await seedCatalog();
  await app.flushCaches();
});
afterAll(() => app?.stop());

function commandsDuring(work: () => Promise<unknown>): Promise<CommandStartedEvent[]> {
  const seen: CommandStartedEvent[] = [];
  const stop = databaseCommandCounter.subscribe((event) => seen.push(event));
  return work().then(
    () => (stop(), seen),
    (error: unknown) => {
      stop();
      throw error;
    },
  );
}

describe('MongoDB topology options', () => {
  it('gives the analytics and facet aggregations the configured read preference and staleness bound', async () => {
    expect(lagTolerantRead().mode).toBe('secondaryPreferred');
    expect(lagTolerantRead().maxStalenessSeconds).toBe(120);
    // Watched, not replaced: the aggregation still runs as it would.
    const given = jest.spyOn(mongoose.Aggregate.prototype, 'read');
    try {
      const commands = await commandsDuring(async () => {
        const stats = dataOf(await app.graphql(`{ catalogStats(groupBy: [KIND]) { kind count } }`));
        expect(stats.catalogStats.length).toBeGreaterThan(0);
        const facets = dataOf(await app.graphql(`{ resourceFacets { total } }`));
        expect(facets.resourceFacets.total).toBeGreaterThan(0);
      });
      expect(commands.filter((event) => event.commandName === 'aggregate').length).toBeGreaterThanOrEqual(2);
      // Each of those aggregations was given the lag-tolerant preference, not only the config read.
      const preferences = given.mock.calls.map(([preference]) => preference as unknown as { mode: string; maxStalenessSeconds?: number });
      expect(preferences.length).toBeGreaterThanOrEqual(2);
      for (const preference of preferences) expect(preference).toMatchObject({ mode: 'secondaryPreferred', maxStalenessSeconds: 120 });
    } finally {
      given.mockRestore();
    }
  });

  it('asks for a majority acknowledgement on every write', async () => {
    const commands = await commandsDuring(async () => {
      const renamed = dataOf(
        await app.graphql(
          `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { name } userErrors { code } } }`,
          { input: { id: fixture.ids.skill.python, name: 'Python (majority)' } },
          { admin: true },
        ),
      );
      expect(renamed.updateSkill.skill.name).toBe('Python (majority)');
    });
    const writes = commands.filter((event) => ['insert', 'update', 'delete', 'findAndModify'].includes(event.commandName));
    expect(writes.length).toBeGreaterThan(0);
    for (const write of writes) expect(write.command.writeConcern).toMatchObject({ w: 'majority' });
  });
});
