import { Types } from 'mongoose';
import { resetClock, setClock } from '../src/core/clock';
import { CategoryModel } from '../src/modules/category/category.model';
import { ProviderModel } from '../src/modules/provider/provider.model';
import { RoleModel } from '../src/modules/role/role.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { insertRawResources } from './helpers/raw-resource-fixture';
import { dataOf, errorOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * Time-aware events: every list, relation, facet and coverage figure counts upcoming events unless
 * asked otherwise, judged on the UTC day, and no cache (the response cache in Redis, HTTP max-age)
 * serves an event as upcoming after the midnight that ends it. The clock is moved, not waited for.
 */

let app: TestApp;
const skillId = new Types.ObjectId();
const providerId = new Types.ObjectId();
/** Day T of the tests; `at('23:59:00')` is a moment of it. */
const at = (time: string, day = '2026-03-10') => new Date(`${day}T${time}.000Z`);
const midnight = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** An event as confs.tech lists it: unknown price, online, linked to the one skill. */
function event(slug: string, startDate: Date, endDate?: Date) {
  return {
    kind: 'EVENT',
    slug,
    title: slug,
    url: `https://events.example/${slug}`,
    providerId,
    skillIds: [skillId],
    pricing: 'UNKNOWN',
    free: false,
    online: true,
    startDate,
    ...(endDate ? { endDate } : {}),
    createdAt: startDate,
  };
}

const EVENTS = `query($filter: ResourceFilter) { resources(first: 50, filter: $filter, orderBy: { field: TITLE }) { edges { node { slug } } } }`;
const SKILL = `query($slug: String!, $filter: ResourceFilter) { skill(slug: $slug) { resources(first: 50, filter: $filter, orderBy: { field: TITLE }) { totalCount edges { node { slug } } } } }`;
const PROVIDER = `query($filter: ResourceFilter) { providers { edges { node { slug resources(first: 50, filter: $filter, orderBy: { field: TITLE }) { totalCount } } } } }`;
const FACETS = `query($filter: ResourceFilter) { resourceFacets(filter: $filter) { total kinds { kind count } } }`;
const SEARCH = `query($filter: ResourceFilter) { search(query: "conf", first: 50, filter: $filter) { totalCount } }`;
const COVERAGE = `query($filter: ResourceFilter) { skillCoverage(filter: $filter) { skills { skill { slug } resources upcomingEvents pastEvents } } }`;
const ROLE = `query($eventTime: EventTime) { roleCoverage(roleSlug: "event-goer", eventTime: $eventTime) { skills { resources upcomingEvents pastEvents } requiredSkillsCovered } }`;

async function post(body: Record<string, unknown>) {
  const response = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    headers: response.headers,
    body: (await response.json()) as { data: { resources: { edges: Array<{ node: { slug: string } }> } } },
  };
}
const slugsOf = (body: { data: { resources: { edges: Array<{ node: { slug: string } }> } } }) =>
  body.data.resources.edges.map((edge) => edge.node.slug);

beforeAll(async () => {
  app = await startTestApp();
  const categoryId = new Types.ObjectId();
  await CategoryModel.create({ _id: categoryId, slug: 'events', name: 'Events', tier: 'FOUNDATION', position: 0 });
  await SkillModel.create({
    _id: skillId,
    slug: 'conferencing',
    name: 'Conferencing',
    nameKey: 'conferencing',
    matchKeys: ['conferencing'],
    categoryId,
  });
  await ProviderModel.create({
    _id: providerId,
    slug: 'confs',
    name: 'confs',
    nameKey: 'confs',
    kind: 'EVENTS',
    url: 'https://confs.example',
  });
  await RoleModel.create({
    slug: 'event-goer',
    title: 'Event goer',
    titleKey: 'event goer',
    description: 'Goes to events.',
    requiredSkills: [{ skillId, level: 'BEGINNER', weight: 1 }],
    additionalSkills: [],
  });
  await insertRawResources([
    event('conf-ended-yesterday', midnight('2026-03-08'), midnight('2026-03-09')),
    event('conf-ends-today', midnight('2026-03-09'), midnight('2026-03-10')),
    event('conf-one-day-today', midnight('2026-03-10')),
    event('conf-running-until-tomorrow', midnight('2026-03-07'), midnight('2026-03-11')),
    event('conf-next-month', midnight('2026-04-02'), midnight('2026-04-03')),
  ]);
});
afterAll(async () => {
  resetClock();
  await app?.stop();
});
afterEach(() => resetClock());

describe('eventTime on day T (UTC)', () => {
  it('lists upcoming events by default: those ending today or later; PAST and ANY on request', async () => {
    setClock(() => at('12:00:00'));
    expect(slugsOf((await post({ query: EVENTS })).body)).toEqual([
      'conf-ends-today',
      'conf-next-month',
      'conf-one-day-today',
      'conf-running-until-tomorrow',
    ]);
    expect(slugsOf((await post({ query: EVENTS, variables: { filter: { eventTime: 'PAST' } } })).body)).toEqual(['conf-ended-yesterday']);
    expect(slugsOf((await post({ query: EVENTS, variables: { filter: { eventTime: 'ANY' } } })).body)).toHaveLength(5);
    // A filter without `eventTime` still lists upcoming events only.
    expect(slugsOf((await post({ query: EVENTS, variables: { filter: { kinds: ['EVENT'] } } })).body)).toHaveLength(4);
  });

  it('counts the same way in skill.resources, provider.resources, facets, search and coverage, which also report both', async () => {
    setClock(() => at('12:00:00'));
    const skill = dataOf(await app.graphql(SKILL, { slug: 'conferencing' })).skill.resources;
    expect(skill.totalCount).toBe(4);
    expect(dataOf(await app.graphql(SKILL, { slug: 'conferencing', filter: { eventTime: 'PAST' } })).skill.resources.totalCount).toBe(1);
    expect(dataOf(await app.graphql(PROVIDER, {})).providers.edges).toEqual([{ node: { slug: 'confs', resources: { totalCount: 4 } } }]);
    expect(dataOf(await app.graphql(PROVIDER, { filter: { eventTime: 'ANY' } })).providers.edges[0].node.resources.totalCount).toBe(5);
    expect(dataOf(await app.graphql(FACETS, {})).resourceFacets).toEqual({ total: 4, kinds: [{ kind: 'EVENT', count: 4 }] });
    expect(dataOf(await app.graphql(FACETS, { filter: { eventTime: 'PAST' } })).resourceFacets.total).toBe(1);
    expect(dataOf(await app.graphql(SEARCH, {})).search.totalCount).toBe(4);
    expect(dataOf(await app.graphql(SEARCH, { filter: { eventTime: 'ANY' } })).search.totalCount).toBe(5);
    expect(dataOf(await app.graphql(COVERAGE, {})).skillCoverage.skills).toEqual([
      { skill: { slug: 'conferencing' }, resources: 4, upcomingEvents: 4, pastEvents: 1 },
    ]);
    expect(dataOf(await app.graphql(COVERAGE, { filter: { eventTime: 'PAST' } })).skillCoverage.skills[0].resources).toBe(1);
    expect(dataOf(await app.graphql(ROLE, {})).roleCoverage.skills).toEqual([{ resources: 4, upcomingEvents: 4, pastEvents: 1 }]);
    expect(dataOf(await app.graphql(ROLE, { eventTime: 'ANY' })).roleCoverage.skills[0].resources).toBe(5);
  });

  it('refuses an eventTime that is not one of the three with BAD_USER_INPUT', async () => {
    const response = await app.graphql(EVENTS, { filter: { eventTime: 'TOMORROW' } });
    expect(errorOf(response).code).toBe('BAD_USER_INPUT');
  });
});

describe('caches across midnight', () => {
  it('does not serve an event as upcoming from the response cache after the midnight that ends it', async () => {
    setClock(() => at('23:59:00'));
    const cold = await post({ query: EVENTS });
    expect(slugsOf(cold.body)).toContain('conf-ends-today');
    // The lifetime stops at midnight: 60 s left of day T, though events may be cached for 120 s.
    expect(cold.headers.get('cache-control')).toBe('public, max-age=60');
    const warm = await post({ query: EVENTS });
    expect(warm.headers.get('x-cache')).toBe('HIT');
    expect(warm.headers.get('cache-control')).toBe('public, max-age=60');
    setClock(() => at('23:59:30'));
    // A hit half a minute later tells the client the 30 s that are left, not the 60 it was stored with.
    expect((await post({ query: EVENTS })).headers.get('cache-control')).toBe('public, max-age=30');

    // 30 s later it is day T+1: the entry of day T (still alive in Redis) is not the answer.
    setClock(() => at('00:00:30', '2026-03-11'));
    const nextDay = await post({ query: EVENTS });
    expect(nextDay.headers.get('x-cache')).toBeNull();
    expect(slugsOf(nextDay.body)).toEqual(['conf-next-month', 'conf-running-until-tomorrow']);
    expect((await post({ query: EVENTS })).headers.get('x-cache')).toBe('HIT');
  });

  it('keeps nothing in the last second of a day', async () => {
    setClock(() => new Date(at('23:59:59').getTime() + 600));
    const query = `query { resources(first: 3, orderBy: { field: START_DATE }) { edges { node { slug } } } }`;
    expect((await post({ query })).headers.get('cache-control')).toBe('private, no-store');
    expect((await post({ query })).headers.get('x-cache')).toBeNull();
  });

  it('does not let the entity cache or a relation answer across midnight either', async () => {
    setClock(() => at('23:00:00'));
    const before = dataOf(await app.graphql(SKILL, { slug: 'conferencing' })).skill.resources;
    expect(before.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toContain('conf-ends-today');
    setClock(() => at('01:00:00', '2026-03-11'));
    const after = dataOf(await app.graphql(SKILL, { slug: 'conferencing' })).skill.resources;
    expect(after.totalCount).toBe(2);
    expect(after.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).not.toContain('conf-ends-today');
  });
});
