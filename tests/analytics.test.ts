import { Types } from 'mongoose';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { RoleModel } from '../src/modules/role/role.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { setClock } from '../src/core/clock';
import { CATALOG_FIXTURE_NOW, seedBulkCatalog, seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { dataOf, errorOf, startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
let fixture: CatalogFixture;
let rustId: Types.ObjectId;
beforeAll(async () => {
  // The round-trip test measures the aggregations themselves, so the caches that would hide them are off.
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  fixture = await seedCatalog();
  // A skill nothing teaches, and a role mixing covered and uncovered skills.
  rustId = new Types.ObjectId();
  await SkillModel.create({ _id: rustId, slug: 'rust', name: 'Rust', nameKey: 'rust', categoryId: fixture.categoryIds.languages });
  const s = fixture.skillIds;
  await RoleModel.create({
    slug: 'data-engineer',
    title: 'Data engineer',
    titleKey: 'data engineer',
    requiredSkills: [
      { skillId: s.python, level: 'INTERMEDIATE', weight: 1 },
      { skillId: s.postgresql, level: 'BEGINNER', weight: 0.5 },
    ],
    additionalSkills: [
      { skillId: s.docker, level: 'BEGINNER', weight: 0.3 },
      { skillId: rustId, level: 'BEGINNER', weight: 0.2 },
    ],
  });
});
afterAll(() => app?.stop());

const STATS = `query($groupBy: [CatalogDimension!]!, $filter: ResourceFilter, $first: Int) {
  catalogStats(groupBy: $groupBy, filter: $filter, first: $first) {
    provider { slug } kind level skill { slug } category { slug } language month
    count shareFree minPrice avgPrice maxPrice avgRating totalHours
  }
}`;

/** A catalogStats row as STATS selects it: the dimensions not grouped by are null. */
interface StatsRow {
  provider: { slug: string } | null;
  kind: string | null;
  level: string | null;
  skill: { slug: string } | null;
  category: { slug: string } | null;
  language: string | null;
  month: string | null;
  count: number;
  shareFree: number;
  minPrice: number | null;
  avgPrice: number | null;
  maxPrice: number | null;
  avgRating: number | null;
  totalHours: number | null;
}

const stats = async (variables: Record<string, unknown>) =>
  dataOf(await app.graphql<{ catalogStats: StatsRow[] }>(STATS, variables)).catalogStats;

/** The dimension values of a row, without the nulls of the dimensions not grouped by. */
const keyOf = (row: StatsRow) =>
  [row.provider?.slug, row.kind, row.level, row.skill?.slug, row.category?.slug, row.language, row.month]
    .filter((value) => value != null)
    .join('/') || '(none)';

describe('catalogStats', () => {
  it('groups by kind with every figure, largest group first', async () => {
    const rows = await stats({ groupBy: ['KIND'] });
    expect(rows).toEqual([
      {
        provider: null,
        kind: 'COURSE',
        level: null,
        skill: null,
        category: null,
        language: null,
        month: null,
        count: 7,
        shareFree: 0.2857,
        minPrice: 19.99,
        avgPrice: 49.59,
        maxPrice: 99,
        avgRating: 4.46,
        totalHours: 30,
      },
      {
        provider: null,
        kind: 'EVENT',
        level: null,
        skill: null,
        category: null,
        language: null,
        month: null,
        count: 4,
        shareFree: 0.5,
        minPrice: 300,
        avgPrice: 350,
        maxPrice: 400,
        avgRating: null,
        totalHours: 0,
      },
      {
        provider: null,
        kind: 'OPEN_SOURCE_PROJECT',
        level: null,
        skill: null,
        category: null,
        language: null,
        month: null,
        count: 4,
        shareFree: 1,
        minPrice: null,
        avgPrice: null,
        maxPrice: null,
        avgRating: null,
        totalHours: 0,
      },
    ]);
  });

  it('combines dimensions', async () => {
    const rows = await stats({ groupBy: ['PROVIDER', 'KIND'] });
    expect(Object.fromEntries(rows.map((row) => [keyOf(row), row.count]))).toEqual({
      'coursera/COURSE': 4,
      'udemy/COURSE': 3,
      'github/OPEN_SOURCE_PROJECT': 4,
      'confs-tech/EVENT': 4,
    });
    const levels = await stats({ groupBy: ['LEVEL'] });
    expect(Object.fromEntries(levels.map((row) => [keyOf(row), row.count]))).toEqual({
      '(none)': 8,
      BEGINNER: 3,
      ADVANCED: 2,
      INTERMEDIATE: 2,
    });
    const languages = await stats({ groupBy: ['LANGUAGE'] });
    expect(Object.fromEntries(languages.map((row) => [keyOf(row), row.count]))).toEqual({ en: 11, fr: 2, es: 1, de: 1 });
    expect(await stats({ groupBy: ['MONTH'] })).toEqual([expect.objectContaining({ month: '2024-01', count: 15 })]);
  });

  it('counts a resource once per skill, and once per category however many of its skills share it', async () => {
    const skills = await stats({ groupBy: ['SKILL'], filter: { kinds: ['COURSE'] } });
    expect(Object.fromEntries(skills.map((row) => [keyOf(row), row.count]))).toEqual({
      python: 3,
      javascript: 2,
      postgresql: 2,
      docker: 2,
      kubernetes: 2,
    });
    const categories = await stats({ groupBy: ['CATEGORY'] });
    expect(Object.fromEntries(categories.map((row) => [keyOf(row), row.count]))).toEqual({
      'programming-languages': 9,
      databases: 4,
      devops: 4,
    });
    const both = await stats({ groupBy: ['SKILL', 'CATEGORY'] });
    expect(Object.fromEntries(both.map((row) => [keyOf(row), row.count]))).toEqual({
      'python/programming-languages': 5,
      'javascript/programming-languages': 4,
      'postgresql/databases': 4,
      'docker/devops': 4,
      'kubernetes/devops': 3,
    });
  });

  it('keeps only the largest groups and refuses bad arguments', async () => {
    expect((await stats({ groupBy: ['KIND'], first: 1 })).map(keyOf)).toEqual(['COURSE']);
    expect(errorOf(await app.graphql(STATS, { groupBy: [] })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await app.graphql(STATS, { groupBy: ['KIND'], first: 0 })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await app.graphql(STATS, { groupBy: ['KIND'], filter: { minRating: 9 } })).code).toBe('BAD_USER_INPUT');
  });
});

describe('skillCoverage', () => {
  const COVERAGE = `query($filter: ResourceFilter) {
    skillCoverage(filter: $filter) {
      skills { skill { slug } resources freeResources byKind { kind resources freeResources } }
      skillsWithoutResources { slug }
      skillsWithoutFreeResources { slug }
    }
  }`;

  it('counts resources per skill and kind, gaps first', async () => {
    const report = dataOf(await app.graphql(COVERAGE)).skillCoverage;
    expect(report.skills[0]).toEqual({ skill: { slug: 'rust' }, resources: 0, freeResources: 0, byKind: [] });
    expect(report.skills.find((row: { skill: { slug: string } }) => row.skill.slug === 'python')).toEqual({
      skill: { slug: 'python' },
      resources: 5,
      freeResources: 1,
      byKind: [
        { kind: 'COURSE', resources: 3, freeResources: 0 },
        { kind: 'EVENT', resources: 1, freeResources: 0 },
        { kind: 'OPEN_SOURCE_PROJECT', resources: 1, freeResources: 1 },
      ],
    });
    expect(report.skillsWithoutResources).toEqual([{ slug: 'rust' }]);
    expect(report.skillsWithoutFreeResources).toEqual([]);
  });

  it('lists the skills no free resource teaches, under a filter', async () => {
    const report = dataOf(await app.graphql(COVERAGE, { filter: { kinds: ['COURSE'] } })).skillCoverage;
    expect(report.skillsWithoutFreeResources.map((skill: { slug: string }) => skill.slug)).toEqual([
      'docker',
      'kubernetes',
      'postgresql',
      'python',
    ]);
    expect(report.skillsWithoutResources.map((skill: { slug: string }) => skill.slug)).toEqual(['rust']);
  });
});

describe('roleCoverage', () => {
  const ROLE = `query($slug: String!) {
    roleCoverage(roleSlug: $slug) {
      role { slug }
      skills { skill { slug } required level weight resources freeResources totalHours }
      requiredSkillsCovered requiredSkillsCoveredFree requiredRequirementsCovered requiredRequirementsCoveredFree
    }
  }`;

  it('reports resources, free ones and hours per skill of the role', async () => {
    expect(dataOf(await app.graphql(ROLE, { slug: 'data-engineer' })).roleCoverage).toEqual({
      role: { slug: 'data-engineer' },
      skills: [
        { skill: { slug: 'python' }, required: true, level: 'INTERMEDIATE', weight: 1, resources: 5, freeResources: 1, totalHours: 20 },
        { skill: { slug: 'postgresql' }, required: true, level: 'BEGINNER', weight: 0.5, resources: 4, freeResources: 2, totalHours: 0 },
        { skill: { slug: 'docker' }, required: false, level: 'BEGINNER', weight: 0.3, resources: 4, freeResources: 2, totalHours: 0 },
        { skill: { slug: 'rust' }, required: false, level: 'BEGINNER', weight: 0.2, resources: 0, freeResources: 0, totalHours: 0 },
      ],
      requiredSkillsCovered: 1,
      requiredSkillsCoveredFree: 1,
      requiredRequirementsCovered: 1,
      requiredRequirementsCoveredFree: 1,
    });
  });

  it('counts a requirement group once: met when resources teach its minimum of options', async () => {
    const s = fixture.skillIds;
    // Worked by hand: "a language" = python or rust (minimum 1), then postgresql alone. Options: python and
    // postgresql are taught (python has 1 free resource, postgresql 2), rust is not. Skills covered 2 of 3;
    // requirements covered 2 of 2. With minimum 2 the group is not met: 1 of 2.
    for (const minimum of [1, 2]) {
      await RoleModel.create({
        slug: `grouped-${minimum}`,
        title: `Grouped ${minimum}`,
        titleKey: `grouped ${minimum}`,
        requiredSkills: [
          { skillId: s.python, level: 'BEGINNER', weight: 0.9, group: 'language' },
          { skillId: rustId, level: 'BEGINNER', weight: 0.9, group: 'language' },
          { skillId: s.postgresql, level: 'BEGINNER', weight: 0.5 },
        ],
        requirementGroups: [{ key: 'language', label: 'A language', minimum }],
      });
    }
    const coverage = async (slug: string) => {
      const { requiredSkillsCovered, requiredSkillsCoveredFree, requiredRequirementsCovered, requiredRequirementsCoveredFree } = dataOf(
        await app.graphql(ROLE, { slug }),
      ).roleCoverage;
      return { requiredSkillsCovered, requiredSkillsCoveredFree, requiredRequirementsCovered, requiredRequirementsCoveredFree };
    };
    expect(await coverage('grouped-1')).toEqual({
      requiredSkillsCovered: 0.6667,
      requiredSkillsCoveredFree: 0.6667,
      requiredRequirementsCovered: 1,
      requiredRequirementsCoveredFree: 1,
    });
    expect(await coverage('grouped-2')).toEqual({
      requiredSkillsCovered: 0.6667,
      requiredSkillsCoveredFree: 0.6667,
      requiredRequirementsCovered: 0.5,
      requiredRequirementsCoveredFree: 0.5,
    });
  });

  it('is null for an unknown role', async () => {
    expect(dataOf(await app.graphql(ROLE, { slug: 'astronaut' })).roleCoverage).toBeNull();
  });
});

describe('upcomingEvents', () => {
  const EVENTS = `query($bySkill: Boolean, $months: Int, $from: Date) {
    upcomingEvents(bySkill: $bySkill, months: $months, from: $from) { month skill { slug } events onlineEvents freeEvents }
  }`;

  it('counts events per month and skill from a day', async () => {
    const rows = dataOf(await app.graphql(EVENTS, { from: '2025-05-01', months: 2 })).upcomingEvents;
    expect(rows[0]).toEqual({ month: '2025-05', skill: { slug: 'python' }, events: 1, onlineEvents: 0, freeEvents: 0 });
    expect(rows.slice(1)).toEqual(
      expect.arrayContaining([
        { month: '2025-06', skill: { slug: 'javascript' }, events: 1, onlineEvents: 0, freeEvents: 0 },
        { month: '2025-06', skill: { slug: 'postgresql' }, events: 1, onlineEvents: 0, freeEvents: 1 },
      ]),
    );
    expect(rows).toHaveLength(3);
    // June 3 onwards: JSConf EU and the Postgres meetup (June 2) have started.
    expect(dataOf(await app.graphql(EVENTS, { from: '2025-06-03', months: 1 })).upcomingEvents).toEqual([]);
  });

  it('lists every month, zeros included, when not broken down by skill', async () => {
    const rows = dataOf(await app.graphql(EVENTS, { from: '2025-05-01', months: 7, bySkill: false })).upcomingEvents;
    expect(
      rows.map((row: { month: string; events: number; onlineEvents: number; freeEvents: number }) => [
        row.month,
        row.events,
        row.onlineEvents,
        row.freeEvents,
      ]),
    ).toEqual([
      ['2025-05', 1, 0, 0],
      ['2025-06', 2, 0, 1],
      ['2025-07', 0, 0, 0],
      ['2025-08', 0, 0, 0],
      ['2025-09', 0, 0, 0],
      ['2025-10', 0, 0, 0],
      ['2025-11', 1, 1, 1],
    ]);
    // From today, a day after the fixture's last event: they are all in the past.
    setClock(() => new Date('2025-11-14T08:00:00.000Z'));
    try {
      const fromToday = dataOf(await app.graphql(EVENTS, { bySkill: false })).upcomingEvents;
      expect(fromToday[0].month).toBe('2025-11');
      expect(fromToday.every((row: { events: number }) => row.events === 0)).toBe(true);
    } finally {
      setClock(() => CATALOG_FIXTURE_NOW);
    }
  });

  it('refuses an out-of-range number of months', async () => {
    for (const months of [0, 25, -3]) expect(errorOf(await app.graphql(EVENTS, { months })).code).toBe('BAD_USER_INPUT');
  });
});

describe('retired resources', () => {
  it('count in neither roleCoverage nor upcomingEvents, like every other read', async () => {
    const python = async () =>
      dataOf(await app.graphql(`{ roleCoverage(roleSlug: "data-engineer") { skills { skill { slug } resources } } }`)).roleCoverage
        .skills[0];
    const may = async () =>
      dataOf(await app.graphql(`{ upcomingEvents(from: "2025-05-01", months: 1, bySkill: false) { events } }`)).upcomingEvents[0].events;
    expect(await python()).toEqual({ skill: { slug: 'python' }, resources: 5 });
    expect(await may()).toBe(1);
    const retired = ['advanced-python', 'pycon-us'];
    await ResourceModel.updateMany({ slug: { $in: retired } }, { $set: { retiredAt: new Date() } });
    try {
      expect(await python()).toEqual({ skill: { slug: 'python' }, resources: 3 });
      expect(await may()).toBe(0);
    } finally {
      await ResourceModel.updateMany({ slug: { $in: retired } }, { $unset: { retiredAt: '' } });
    }
  });
});

describe('analytics round trips', () => {
  const queries: Record<string, string> = {
    'catalogStats(groupBy: [PROVIDER, SKILL, CATEGORY])': `{ catalogStats(groupBy: [PROVIDER, SKILL, CATEGORY]) { provider { name } skill { name } category { name } count } }`,
    skillCoverage: `{ skillCoverage { skills { skill { name } resources byKind { kind resources } } skillsWithoutResources { name } } }`,
    roleCoverage: `{ roleCoverage(roleSlug: "data-engineer") { role { title } skills { skill { name } resources } } }`,
    upcomingEvents: `{ upcomingEvents(from: "2025-01-01", months: 12) { month skill { name } events } }`,
  };

  it('stays constant however big the catalogue: one aggregation (or a fixed few queries), references batched', async () => {
    const small: Record<string, number> = {};
    for (const [name, query] of Object.entries(queries)) {
      const { result, commands, byCommand } = await app.countDatabaseCommands(() => app.graphql(query));
      dataOf(result);
      // skillCoverage: the resources, O*NET's flags per skill, and the titles naming the skills nothing teaches.
      expect({ name, aggregate: byCommand.aggregate }).toEqual({ name, aggregate: name === 'skillCoverage' ? 3 : 1 });
      small[name] = commands;
    }
    // Ten times the providers, skills and resources: the same number of round trips.
    await seedBulkCatalog({ resourceCount: 300, providerCount: 30, skillCount: 40, categoryCount: 6 });
    for (const [name, query] of Object.entries(queries)) {
      const { result, commands } = await app.countDatabaseCommands(() => app.graphql(query));
      dataOf(result);
      expect({ name, commands }).toEqual({ name, commands: small[name] });
      expect(commands).toBeLessThanOrEqual(4);
    }
    console.log(`analytics round trips: ${JSON.stringify(small)}`);
  });
});
