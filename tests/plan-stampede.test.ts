import { RoleModel } from '../src/modules/role/role.model';
import { resourceGlobalId, seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { cacheStores, dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * A catalogue write purges every cached plan while many clients ask for the same plan in different
 * queries (so the response cache cannot share one answer): the plan must be computed once in this
 * process (plan-cache.ts, miss coalescing), not once per client, and every client gets the fresh plan.
 */
describe.each(cacheStores('t_plan_stampede'))('with the %s', (_storeName, environment) => {
  let app: TestApp;
  let fixture: CatalogFixture;

  beforeAll(async () => {
    // cacheStores() already gives Redis calls 2 s: a loaded machine must not turn them into misses without coalescing.
    app = await startTestApp(environment());
    fixture = await seedCatalog();
    await RoleModel.create({
      slug: 'stampede-role',
      title: 'Stampede Role',
      titleKey: 'stampede role',
      requiredSkills: [
        { skillId: fixture.skillIds.python, level: 'INTERMEDIATE', weight: 0.8 },
        { skillId: fixture.skillIds.docker, level: 'BEGINNER', weight: 0.5 },
      ],
    });
    await app.flushCaches();
  });
  afterAll(async () => {
    await app?.flushCaches();
    await app?.stop();
  });

  /** The same plan under a different operation name: a different response-cache key, the same plan-cache key. */
  const planQuery = (name: string) =>
    `query ${name} { learningPlan(input: { role: "stampede-role", kinds: [COURSE] }) { totals { hours skillsPlanned } } }`;

  async function setPythonCourseHours(hours: number): Promise<void> {
    const course = fixture.bySlug['python-pipelines'];
    const result = dataOf(
      await app.graphql(
        `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { userErrors { code } } }`,
        { input: { id: resourceGlobalId(course), course: { durationMinutes: hours * 60 } } },
        { admin: true },
      ),
    );
    expect(result.updateResource.userErrors).toEqual([]);
  }

  it('computes a plan once for concurrent different queries that all miss it, and every one shows the write', async () => {
    await setPythonCourseHours(40);
    const alone = await app.countDatabaseCommands(() => app.graphql(planQuery('PlanAlone')));
    expect(alone.commands).toBeGreaterThanOrEqual(4);
    const hoursBefore = dataOf(alone.result).learningPlan.totals.hours as number;

    await setPythonCourseHours(55);
    const coalescedBefore = app.caches.metrics.snapshot().tiers.plan.coalesced;
    const crowd = await app.countDatabaseCommands(() =>
      Promise.all(Array.from({ length: 20 }, (_, index) => app.graphql(planQuery(`PlanCrowd${index}`)))),
    );
    // One computation's reads, not twenty.
    expect(crowd.byCommand).toEqual(alone.byCommand);
    const totals = crowd.result.map((response) => JSON.stringify(dataOf(response).learningPlan.totals));
    expect(new Set(totals).size).toBe(1);
    // The written duration shows: python-pipelines is the course planned for Python, 15 hours longer now.
    expect(JSON.parse(totals[0]).hours).toBe(hoursBefore + 15);
    expect(app.caches.metrics.snapshot().tiers.plan.coalesced - coalescedBefore).toBeGreaterThanOrEqual(1);
  });
});
