import type { CommandStartedEvent } from 'mongodb';
import { databaseCommandCounter } from '../src/core/mongo';
import { seedBulkCatalog } from './helpers/catalog-fixture';
import { dataOf, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './helpers/test-app';

/**
 * docs/DESIGN.md §5: a page of resources with their provider, skills and each skill's category costs a
 * constant number of MongoDB commands (≤ 4), whatever the page size; reverse relations are batched.
 */
let app: TestApp;
let catalog: Awaited<ReturnType<typeof seedBulkCatalog>>;
beforeAll(async () => {
  // These tests measure the DataLoaders' batching, so the caches that would hide it are off.
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  catalog = await seedBulkCatalog({ resourceCount: 120, providerCount: 5, skillCount: 20, categoryCount: 4 });
});
afterAll(() => app?.stop());

async function measure(query: string, variables: Record<string, unknown>) {
  const { result, commands, byCommand } = await app.countDatabaseCommands(() => app.graphql(query, variables));
  return { data: dataOf(result), commands, byCommand };
}

const PAGE = `query($first: Int) { resources(first: $first) { edges { node {
  title provider { name } skills { level skill { name category { name } } }
} } } }`;

describe('round trips', () => {
  it('costs the same ≤ 4 commands for a page of 10, 50 or 100 resources with provider, skills and categories', async () => {
    const measured: Record<number, number> = {};
    for (const first of [10, 50, 100]) {
      const { data, commands, byCommand } = await measure(PAGE, { first });
      expect(data.resources.edges).toHaveLength(first);
      // Newest first: the bulk resources were created one minute apart.
      expect(data.resources.edges[0].node.title).toBe('Bulk course 119');
      expect(data.resources.edges[0].node.skills).toEqual([
        { level: 'BEGINNER', skill: { name: 'Skill 19', category: { name: 'Category 3' } } },
        { level: 'BEGINNER', skill: { name: 'Skill 06', category: { name: 'Category 2' } } },
      ]);
      expect(data.resources.edges[0].node.provider).toEqual({ name: 'Provider 4' });
      // find page, then providers, skills and categories: one `find` each.
      expect(byCommand).toEqual({ find: 4 });
      measured[first] = commands;
    }
    expect(measured).toEqual({ 10: 4, 50: 4, 100: 4 });
  });

  it('adds exactly one command for totalCount', async () => {
    const query = `query($first: Int) { resources(first: $first) { totalCount edges { node { title provider { name } } } } }`;
    const small = await measure(query, { first: 10 });
    const large = await measure(query, { first: 100 });
    expect(small.data.resources.totalCount).toBe(120);
    expect([small.commands, large.commands]).toEqual([3, 3]);
  });

  const SKILL_RESOURCES = `query($skills: Int) { skills(first: $skills) { edges { node {
    name resources(first: 3) { edges { node { title provider { name } } } }
  } } } }`;

  it('batches Skill.resources: the same commands for 5 or 20 skills', async () => {
    const five = await measure(SKILL_RESOURCES, { skills: 5 });
    const twenty = await measure(SKILL_RESOURCES, { skills: 20 });
    expect(five.data.skills.edges).toHaveLength(5);
    expect(twenty.data.skills.edges).toHaveLength(20);
    // skills page, one aggregation for every skill's resources, providers.
    expect(five.byCommand).toEqual({ find: 2, aggregate: 1 });
    expect(twenty.byCommand).toEqual(five.byCommand);
    expect([five.commands, twenty.commands]).toEqual([3, 3]);

    // And each skill gets its own three newest resources.
    for (const edge of twenty.data.skills.edges) {
      const skill = catalog.skills.find((candidate) => candidate.name === edge.node.name)!;
      const expected = catalog.resources
        .filter((resource) => resource.skillIds.some((id) => id.equals(skill._id)))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, 3)
        .map((resource) => ({
          title: resource.title,
          provider: { name: catalog.providers.find((provider) => provider._id.equals(resource.providerId))!.name },
        }));
      expect(edge.node.resources.edges.map((inner: { node: unknown }) => inner.node)).toEqual(expected);
    }
  });

  it('batches Skill.resources totalCount: one more command whatever the number of skills', async () => {
    const query = `query($skills: Int) { skills(first: $skills) { edges { node { resources(first: 2, filter: { free: true }) { totalCount edges { node { title } } } } } } }`;
    const five = await measure(query, { skills: 5 });
    const twenty = await measure(query, { skills: 20 });
    expect(twenty.data.skills.edges.map((edge: { node: { resources: { totalCount: number } } }) => edge.node.resources.totalCount)).toEqual(
      Array(20).fill(12),
    );
    expect(five.byCommand).toEqual({ find: 1, aggregate: 2 });
    expect([five.commands, twenty.commands]).toEqual([3, 3]);
  });

  it('batches Provider.resources: the same commands for 2 or 5 providers', async () => {
    const query = `query($providers: Int) { providers(first: $providers) { edges { node { resources(first: 5) { totalCount edges { node { title skills { skill { name } } } } } } } } }`;
    const two = await measure(query, { providers: 2 });
    const five = await measure(query, { providers: 5 });
    expect(
      five.data.providers.edges.map((edge: { node: { resources: { totalCount: number } } }) => edge.node.resources.totalCount),
    ).toEqual([24, 24, 24, 24, 24]);
    expect(five.data.providers.edges[0].node.resources.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual([
      'Bulk course 115',
      'Bulk course 110',
      'Bulk course 105',
      'Bulk course 100',
      'Bulk course 95',
    ]);
    // providers page, page aggregation, count aggregation, skills.
    expect(five.byCommand).toEqual({ find: 2, aggregate: 2 });
    expect([two.commands, five.commands]).toEqual([4, 4]);
  });

  it('runs one aggregation per distinct set of arguments', async () => {
    const query = `query { skills(first: 10) { edges { node {
      newest: resources(first: 2) { edges { node { title } } }
      byTitle: resources(first: 2, orderBy: { field: TITLE }) { edges { node { title } } }
    } } } }`;
    const { byCommand } = await measure(query, {});
    expect(byCommand).toEqual({ find: 1, aggregate: 2 });
  });

  /** MongoDB commands per operation name, as each request's scope attributed them (the server's /metrics/cache). */
  async function operationRoundTrips(): Promise<Record<string, { operations: number; databaseCommands: number }>> {
    const response = await fetch(app.url.replace(/\/graphql$/, '/metrics/cache'), {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    return ((await response.json()) as { operations: Record<string, { operations: number; databaseCommands: number }> }).operations;
  }

  /**
   * What `npm run bench` does (10 connections at once), each request counted on its own. The bench once
   * reported 4.79 commands per page: it divided the process-wide count by the requests autocannon
   * completed, while the ~10 it left in flight at the end still ran their commands. Under concurrency
   * each request still costs exactly what it costs alone, and every command is some request's.
   */
  it.each([
    [
      'a page of 50 with provider, skills and categories',
      'Page',
      PAGE.replace('query(', 'query NAME(').replace('$first: Int', '$first: Int = 50'),
      { find: 4 },
    ],
    [
      'skills with their 3 newest resources',
      'SkillResources',
      SKILL_RESOURCES.replace('query(', 'query NAME(').replace('$skills: Int', '$skills: Int = 20'),
      { find: 2, aggregate: 1 },
    ],
  ])('costs the same per request under 10 concurrent requests: %s', async (_label, prefix, template, expectedByCommand) => {
    const names = Array.from({ length: 10 }, (_, index) => `${prefix}${index}_${Date.now().toString(36)}`);
    const perRequest = Object.values(expectedByCommand).reduce((sum, count) => sum + count, 0);
    const { result, commands, byCommand } = await app.countDatabaseCommands(() =>
      Promise.all(names.map((name) => app.graphql(template.replace('NAME', name), {}))),
    );
    for (const response of result)
      expect(dataOf(response).skills?.edges ?? dataOf(response).resources.edges).toHaveLength(prefix === 'Page' ? 50 : 20);
    const operations = await operationRoundTrips();
    expect(names.map((name) => operations[name])).toEqual(names.map(() => ({ operations: 1, databaseCommands: perRequest })));
    // Nothing sent outside a request, no getMore/killCursors: the process-wide count is the sum.
    expect(commands).toBe(10 * perRequest);
    expect(byCommand).toEqual(Object.fromEntries(Object.entries(expectedByCommand).map(([name, count]) => [name, 10 * count])));
  });

  /**
   * mongo-java-server answers a find in one batch whatever its size, but a real mongod puts at most 101
   * documents in a cursor's first batch unless `batchSize` says more: a batch of 102+ ids would cost a
   * `getMore`. Every query behind a loader asks for everything in its first batch.
   */
  it('asks for every document of a loader batch in the first cursor batch (no getMore on a real mongod)', async () => {
    const seen: CommandStartedEvent[] = [];
    const unsubscribe = databaseCommandCounter.subscribe((event) => seen.push(event));
    try {
      dataOf(await app.graphql(PAGE, { first: 100 }));
      dataOf(await app.graphql(SKILL_RESOURCES, { skills: 20 }));
      dataOf(await app.graphql(`{ categories { skills { name } } }`));
    } finally {
      unsubscribe();
    }
    const byId = seen.filter((event) => event.commandName === 'find' && event.command.filter?._id?.$in);
    const aggregations = seen.filter((event) => event.commandName === 'aggregate');
    expect(byId.map((event) => event.command.find).sort()).toEqual(['categories', 'providers', 'providers', 'skills']);
    for (const event of byId) expect(event.command.batchSize).toBeGreaterThan(event.command.filter._id.$in.length);
    expect(aggregations).toHaveLength(1);
    expect(aggregations[0].command.cursor.batchSize).toBeGreaterThan(101);
    const skillsByCategory = seen.find((event) => event.commandName === 'find' && event.command.filter?.categoryId?.$in);
    expect(skillsByCategory?.command.batchSize).toBeGreaterThan(101);
    expect(seen.filter((event) => event.commandName === 'getMore')).toEqual([]);
  });
});
