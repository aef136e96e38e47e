import { backfillSearchFields } from '../src/modules/search/search-indexing';
import { toGlobalId } from '../src/core/relay/global-id';
import { seedCatalog, resourceGlobalId, type CatalogFixture } from './helpers/catalog-fixture';
import { cacheStores, dataOf, startTestApp, type TestApp, type UntypedJson } from './helpers/test-app';

/**
 * The caches are never stale: for every entity type, a read is answered by MongoDB, the same read by
 * the cache with 0 round trips, and after a write through a mutation the next read shows the new
 * value, also when the change is seen through a relation. Run against both stores: the in-process
 * LRU (no REDIS_URL) and Redis.
 */
describe.each(cacheStores('t_invalidation'))('cache invalidation with the %s', (_storeName, environment) => {
  let app: TestApp;
  let fixture: CatalogFixture;
  let roleId: string;

  beforeAll(async () => {
    app = await startTestApp(environment());
    fixture = await seedCatalog();
    const created = dataOf(
      await app.graphql(
        `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } userErrors { code } } }`,
        {
          input: {
            slug: 'api-developer',
            title: 'API Developer',
            requiredSkills: [{ skillId: fixture.ids.skill.python, level: 'ADVANCED', weight: 1 }],
          },
        },
        { admin: true },
      ),
    );
    roleId = created.createRole.role.id;
  });

  afterAll(async () => {
    await app?.caches.invalidation.flushAll();
    await app?.stop();
  });

  it('uses the expected store', () => {
    expect(app.caches.store.kind).toBe(environment().REDIS_URL ? 'redis' : 'memory');
  });

  /** Runs `query` and returns its data and how many MongoDB commands it cost. */
  async function read(query: string, variables?: Record<string, unknown>) {
    const { result, commands } = await app.countDatabaseCommands(() => app.graphql(query, variables));
    return { data: dataOf(result), commands };
  }

  async function mutate(mutation: string, input: Record<string, unknown>) {
    const data = dataOf(await app.graphql(mutation, { input }, { admin: true }));
    const payload = Object.values(data)[0] as { userErrors: unknown[] };
    expect(payload.userErrors).toEqual([]);
    return payload;
  }

  /** Read (MongoDB), read again (cache, 0 round trips), write, read again (the new value). */
  async function expectNeverStale(
    query: string,
    variables: Record<string, unknown>,
    valueOf: (data: UntypedJson) => unknown,
    write: () => Promise<unknown>,
    before: unknown,
    after: unknown,
  ) {
    const cold = await read(query, variables);
    expect(valueOf(cold.data)).toEqual(before);
    expect(cold.commands).toBeGreaterThan(0);

    const warm = await read(query, variables);
    expect(valueOf(warm.data)).toEqual(before);
    expect(warm.commands).toBe(0);

    await write();
    const fresh = await read(query, variables);
    expect(valueOf(fresh.data)).toEqual(after);

    const warmAgain = await read(query, variables);
    expect(valueOf(warmAgain.data)).toEqual(after);
    expect(warmAgain.commands).toBe(0);
  }

  it('never serves a stale category', async () => {
    await expectNeverStale(
      `query($slug: String!) { category(slug: $slug) { name } }`,
      { slug: 'databases' },
      (data) => data.category.name,
      () =>
        mutate(`mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { userErrors { code } } }`, {
          id: toGlobalId('Category', fixture.categoryIds.databases),
          name: 'Data Stores',
        }),
      'Databases',
      'Data Stores',
    );
  });

  it('never serves a stale skill', async () => {
    await expectNeverStale(
      `query($slug: String!) { skill(slug: $slug) { name } }`,
      { slug: 'docker' },
      (data) => data.skill.name,
      () =>
        mutate(`mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { userErrors { code } } }`, {
          id: fixture.ids.skill.docker,
          name: 'Docker Engine',
        }),
      'Docker',
      'Docker Engine',
    );
  });

  it('never serves a stale role', async () => {
    await expectNeverStale(
      `query($slug: String!) { role(slug: $slug) { title requiredSkills { skill { name } } } }`,
      { slug: 'api-developer' },
      (data) => data.role,
      () =>
        mutate(`mutation($input: UpdateRoleInput!) { updateRole(input: $input) { userErrors { code } } }`, {
          id: roleId,
          title: 'API Engineer',
        }),
      { title: 'API Developer', requiredSkills: [{ skill: { name: 'Python' } }] },
      { title: 'API Engineer', requiredSkills: [{ skill: { name: 'Python' } }] },
    );
  });

  it('never serves a stale provider', async () => {
    await expectNeverStale(
      `query($slug: String!) { provider(slug: $slug) { name } }`,
      { slug: 'github' },
      (data) => data.provider.name,
      () =>
        mutate(`mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`, {
          id: fixture.ids.provider.github,
          name: 'GitHub, Inc.',
        }),
      'GitHub',
      'GitHub, Inc.',
    );
  });

  it('never serves a stale resource', async () => {
    await expectNeverStale(
      `query($slug: String!) { resource(slug: $slug) { title } }`,
      { slug: 'django' },
      (data) => data.resource.title,
      () =>
        mutate(`mutation($input: UpdateResourceInput!) { updateResource(input: $input) { userErrors { code } } }`, {
          id: resourceGlobalId(fixture.bySlug.django),
          title: 'Django',
        }),
      'django/django',
      'Django',
    );
  });

  it('never serves a stale list: a created resource appears in the lists that match it', async () => {
    const query = `query { skill(slug: "kubernetes") { resources(first: 50) { edges { node { title } } } } }`;
    const titles = (data: UntypedJson) => data.skill.resources.edges.map((edge: { node: { title: string } }) => edge.node.title).sort();
    const before = await read(query);
    expect((await read(query)).commands).toBe(0);
    await mutate(`mutation($input: CreateCourseInput!) { createCourse(input: $input) { userErrors { code } } }`, {
      title: 'Helm Basics',
      url: 'https://example.com/helm',
      providerId: fixture.ids.provider.udemy,
      free: true,
      skills: [{ skillId: fixture.ids.skill.kubernetes }],
    });
    expect(titles((await read(query)).data)).toEqual([...titles(before.data), 'Helm Basics'].sort());
  });

  it('shows a renamed provider through resource.provider', async () => {
    await expectNeverStale(
      `query($slug: String!) { resource(slug: $slug) { title provider { name } } }`,
      { slug: 'advanced-python' },
      (data) => data.resource.provider.name,
      () =>
        mutate(`mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`, {
          id: fixture.ids.provider.udemy,
          name: 'Udemy Business',
        }),
      'Udemy',
      'Udemy Business',
    );
  });

  it('finds resources by their provider’s new name once it is renamed, whatever search was cached', async () => {
    await backfillSearchFields();
    await expectNeverStale(
      `query($query: String!) { search(query: $query) { totalCount } }`,
      { query: 'lanyrd' },
      (data) => data.search.totalCount,
      () =>
        mutate(`mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`, {
          id: fixture.ids.provider.confs,
          name: 'Lanyrd',
        }),
      0,
      4,
    );
  });

  it('shows a renamed category through skill.category', async () => {
    await expectNeverStale(
      `query($slug: String!) { skill(slug: $slug) { name category { name } } }`,
      { slug: 'python' },
      (data) => data.skill.category.name,
      () =>
        mutate(`mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { userErrors { code } } }`, {
          id: toGlobalId('Category', fixture.categoryIds.languages),
          name: 'Languages',
        }),
      'Programming Languages',
      'Languages',
    );
  });

  it('serves entities read by id from the entity cache, and drops them when they change', async () => {
    const providerId = fixture.ids.provider.coursera;
    // Each query has its own text, so none is answered by the response cache.
    const byNode = await read(`query($id: ID!) { node(id: $id) { ... on Provider { name } } }`, { id: providerId });
    expect(byNode.data.node.name).toBe('Coursera');
    const byNodes = await read(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Provider { name slug } } }`, { ids: [providerId] });
    expect(byNodes.data.nodes).toEqual([{ name: 'Coursera', slug: 'coursera' }]);
    expect(byNodes.commands).toBe(0);

    await mutate(`mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`, {
      id: providerId,
      name: 'Coursera Plus',
    });
    const afterWrite = await read(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Provider { slug name } } }`, { ids: [providerId] });
    expect(afterWrite.data.nodes).toEqual([{ slug: 'coursera', name: 'Coursera Plus' }]);
    expect(afterWrite.commands).toBe(1);
  });

  it('loads N entities by id with one MGET and one $in query for the misses, then with none', async () => {
    const ids = [fixture.ids.skill.javascript, fixture.ids.skill.postgresql, fixture.ids.skill.kubernetes];
    await app.flushCaches();
    const cold = await app.countDatabaseCommands(() => app.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }));
    expect(cold.byCommand).toEqual({ find: 1 });
    const warm = await read(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Skill { slug } } }`, { ids });
    expect(warm.data.nodes.map((skill: { slug: string }) => skill.slug)).toEqual(['javascript', 'postgresql', 'kubernetes']);
    expect(warm.commands).toBe(0);
  });

  it('keeps ObjectIds and Dates through the entity cache', async () => {
    const query = (field: string) => `query($id: ID!) { node(id: $id) { ... on Event { ${field} } } }`;
    const id = resourceGlobalId(fixture.bySlug['jsconf-eu']);
    const cold = await read(query('startDate cfpDeadline provider { slug }'), { id });
    const warm = await read(query('provider { slug } startDate cfpDeadline'), { id });
    expect(warm.commands).toBeLessThan(cold.commands);
    expect(warm.data).toEqual(cold.data);
    expect(warm.data.node.provider).toEqual({ slug: 'confs-tech' });
    expect(String(warm.data.node.startDate)).toMatch(/^2025-06-02/);
  });

  it('never caches for a deleted entity', async () => {
    const query = `query($id: ID!) { node(id: $id) { id } }`;
    const id = roleId;
    expect((await read(query, { id })).data.node).toEqual({ id });
    expect((await read(query, { id })).commands).toBe(0);
    await mutate(`mutation($input: DeleteRoleInput!) { deleteRole(input: $input) { userErrors { code } } }`, { id });
    expect((await read(query, { id })).data.node).toBeNull();
  });
});
