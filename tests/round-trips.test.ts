import { seedBulkCatalog } from './helpers/catalog-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * DESIGN.md §5: a page of resources with their provider, skills and each skill's category costs a
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
        .map((resource) => ({ title: resource.title, provider: { name: catalog.providers.find((provider) => provider._id.equals(resource.providerId))!.name } }));
      expect(edge.node.resources.edges.map((inner: any) => inner.node)).toEqual(expected);
    }
  });

  it('batches Skill.resources totalCount: one more command whatever the number of skills', async () => {
    const query = `query($skills: Int) { skills(first: $skills) { edges { node { resources(first: 2, filter: { free: true }) { totalCount edges { node { title } } } } } } }`;
    const five = await measure(query, { skills: 5 });
    const twenty = await measure(query, { skills: 20 });
    expect(twenty.data.skills.edges.map((edge: any) => edge.node.resources.totalCount)).toEqual(Array(20).fill(12));
    expect(five.byCommand).toEqual({ find: 1, aggregate: 2 });
    expect([five.commands, twenty.commands]).toEqual([3, 3]);
  });

  it('batches Provider.resources: the same commands for 2 or 5 providers', async () => {
    const query = `query($providers: Int) { providers(first: $providers) { edges { node { resources(first: 5) { totalCount edges { node { title skills { skill { name } } } } } } } } }`;
    const two = await measure(query, { providers: 2 });
    const five = await measure(query, { providers: 5 });
    expect(five.data.providers.edges.map((edge: any) => edge.node.resources.totalCount)).toEqual([24, 24, 24, 24, 24]);
    expect(five.data.providers.edges[0].node.resources.edges.map((edge: any) => edge.node.title)).toEqual(['Bulk course 115', 'Bulk course 110', 'Bulk course 105', 'Bulk course 100', 'Bulk course 95']);
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
});
