import { Types } from 'mongoose';
import { resetClock, setClock } from '../src/core/clock';
import { CategoryModel } from '../src/modules/category/category.model';
import { SkillTechnologyModel } from '../src/modules/occupation/occupation.model';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { computeSearchFields } from '../src/modules/search/search-fields';
import { SkillModel } from '../src/modules/skill/skill.model';
import { dataOf, errorOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * `skillCoverage` against the coverage target (at least 3 resources that are not events, one free),
 * on a fixture catalogue built so that each skill falls short for one known reason, or meets it.
 * Coverage counts upcoming events by default, so the clock is set and the events are dated from it:
 * two upcoming ones, and one past one that only `eventTime: PAST` or `ANY` counts.
 */
const NOW = new Date('2026-03-10T12:00:00.000Z');
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * 24 * 60 * 60 * 1000);

let app: TestApp;
beforeAll(async () => {
  setClock(() => NOW);
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  const categoryId = new Types.ObjectId();
  await CategoryModel.create({ _id: categoryId, slug: 'servers', name: 'Servers', tier: 'FOUNDATION', position: 0 });
  const skill = (slug: string, name: string, fromArticle: boolean, aliases: string[] = []) => ({
    _id: new Types.ObjectId(),
    slug,
    name,
    nameKey: name.toLowerCase(),
    aliases,
    categoryId,
    fromArticle,
  });
  const skills = {
    covered: skill('covered', 'Covered', true),
    few: skill('few', 'Few', true),
    paid: skill('paid', 'Paid', false),
    fewPaid: skill('few-paid', 'Few paid', false),
    events: skill('events', 'Events', true),
    nginx: skill('nginx', 'Nginx', true),
    postgresql: skill('postgresql', 'PostgreSQL', true, ['Postgres']),
    rust: skill('rust', 'Rust', false),
  };
  await SkillModel.insertMany(Object.values(skills));
  const providerId = new Types.ObjectId();
  let count = 0;
  const resource = (
    kind: 'COURSE' | 'EVENT',
    title: string,
    skillIds: Types.ObjectId[],
    free: boolean,
    extra: Record<string, unknown> = {},
  ) => {
    count += 1;
    return {
      kind,
      slug: `resource-${count}`,
      title,
      titleKey: title.toLowerCase(),
      url: `https://example.com/${count}`,
      providerId,
      free,
      pricing: free ? 'FREE' : 'PAID',
      skills: skillIds.map((skillId) => ({ skillId, level: null })),
      skillIds,
      source: { feed: 'fixture', externalId: String(count), fetchedAt: new Date('2026-01-01') },
      // The search fields every write computes: the title check reads `searchTitleTokens`.
      ...computeSearchFields({ title, skills: [], skillIds }),
      ...extra,
    };
  };
  const s = skills;
  await ResourceModel.collection.insertMany([
    resource('COURSE', 'Covered one', [s.covered._id], true),
    resource('COURSE', 'Covered two', [s.covered._id, s.paid._id], false),
    resource('COURSE', 'Covered three', [s.covered._id, s.paid._id, s.few._id], false),
    resource('COURSE', 'Few one', [s.few._id], true),
    resource('COURSE', 'Paid one', [s.paid._id, s.fewPaid._id], false),
    resource('EVENT', 'Free conference', [s.fewPaid._id, s.events._id], true, { startDate: daysFromNow(30), online: true }),
    resource('EVENT', 'Another conference', [s.events._id], false, { startDate: daysFromNow(60), endDate: daysFromNow(62), online: true }),
    // Ended yesterday: counted apart as past, never as a resource by default.
    resource('EVENT', 'Last conference', [s.events._id, s.few._id], true, {
      startDate: daysFromNow(-3),
      endDate: daysFromNow(-1),
      online: true,
    }),
    // Named in a title, linked to another skill: a linking gap for Nginx, and for PostgreSQL by its alias. Its price is not known.
    resource('COURSE', 'The Nginx Cookbook', [s.covered._id], false, { pricing: 'UNKNOWN' }),
    resource('COURSE', 'Postgres in Practice', [], true),
    // A retired resource is history: its title does not count as a source of Rust.
    resource('COURSE', 'The Rust Book', [], true, { retiredAt: new Date('2026-02-01') }),
  ]);
  // O*NET flags for two skills, as the seed writes them.
  const technology = (skillId: Types.ObjectId, hotTechnology: boolean, inDemand: boolean, example: string) => ({
    skillId,
    occupationCode: '15-1252.00',
    example,
    commodityCode: '1',
    commodityTitle: 'x',
    hotTechnology,
    inDemand,
  });
  await SkillTechnologyModel.insertMany([
    technology(s.postgresql._id, true, true, 'PostgreSQL'),
    technology(s.paid._id, true, false, 'Paid one'),
    technology(s.paid._id, false, false, 'Paid two'),
  ]);
});
afterAll(async () => {
  resetClock();
  await app?.stop();
});

const COVERAGE = `query($shortfallsOnly: Boolean, $fromArticle: Boolean, $hotTechnology: Boolean, $inDemand: Boolean, $filter: ResourceFilter) {
  skillCoverage(shortfallsOnly: $shortfallsOnly, fromArticle: $fromArticle, hotTechnology: $hotTechnology, inDemand: $inDemand, filter: $filter) {
    skills { skill { slug fromArticle } resources nonEventResources freeNonEventResources unknownPriceResources upcomingEvents pastEvents shortfalls hotTechnology inDemand }
    skillsShortOfTarget
  }
}`;

type Row = {
  skill: { slug: string; fromArticle: boolean };
  resources: number;
  nonEventResources: number;
  freeNonEventResources: number;
  unknownPriceResources: number;
  upcomingEvents: number;
  pastEvents: number;
  shortfalls: string[];
  hotTechnology: boolean;
  inDemand: boolean;
};
const coverage = async (variables: Record<string, unknown> = {}) =>
  dataOf(await app.graphql<{ skillCoverage: { skills: Row[]; skillsShortOfTarget: number } }>(COVERAGE, variables)).skillCoverage;
const bySlug = (rows: Row[]) => Object.fromEntries(rows.map(({ skill, ...row }) => [skill.slug, row]));

describe('skillCoverage shortfalls', () => {
  it('gives each skill short of the target its reasons, and none to a skill that meets it', async () => {
    const report = await coverage();
    expect(report.skillsShortOfTarget).toBe(7);
    expect(bySlug(report.skills)).toEqual({
      covered: {
        resources: 4,
        nonEventResources: 4,
        freeNonEventResources: 1,
        unknownPriceResources: 1,
        upcomingEvents: 0,
        pastEvents: 0,
        shortfalls: [],
        hotTechnology: false,
        inDemand: false,
      },
      few: {
        resources: 2,
        nonEventResources: 2,
        freeNonEventResources: 1,
        unknownPriceResources: 0,
        upcomingEvents: 0,
        pastEvents: 1,
        shortfalls: ['FEWER_THAN_THREE'],
        hotTechnology: false,
        inDemand: false,
      },
      paid: {
        resources: 3,
        nonEventResources: 3,
        freeNonEventResources: 0,
        unknownPriceResources: 0,
        upcomingEvents: 0,
        pastEvents: 0,
        shortfalls: ['NO_FREE_RESOURCE'],
        hotTechnology: true,
        inDemand: false,
      },
      'few-paid': {
        resources: 2,
        nonEventResources: 1,
        freeNonEventResources: 0,
        unknownPriceResources: 0,
        upcomingEvents: 1,
        pastEvents: 0,
        shortfalls: ['FEWER_THAN_THREE', 'NO_FREE_RESOURCE'],
        hotTechnology: false,
        inDemand: false,
      },
      events: {
        resources: 2,
        nonEventResources: 0,
        freeNonEventResources: 0,
        unknownPriceResources: 0,
        upcomingEvents: 2,
        pastEvents: 1,
        shortfalls: ['ONLY_EVENTS'],
        hotTechnology: false,
        inDemand: false,
      },
      nginx: {
        resources: 0,
        nonEventResources: 0,
        freeNonEventResources: 0,
        unknownPriceResources: 0,
        upcomingEvents: 0,
        pastEvents: 0,
        shortfalls: ['NO_RESOURCES'],
        hotTechnology: false,
        inDemand: false,
      },
      postgresql: {
        resources: 0,
        nonEventResources: 0,
        freeNonEventResources: 0,
        unknownPriceResources: 0,
        upcomingEvents: 0,
        pastEvents: 0,
        shortfalls: ['NO_RESOURCES'],
        hotTechnology: true,
        inDemand: true,
      },
      rust: {
        resources: 0,
        nonEventResources: 0,
        freeNonEventResources: 0,
        unknownPriceResources: 0,
        upcomingEvents: 0,
        pastEvents: 0,
        shortfalls: ['NO_SOURCE'],
        hotTechnology: false,
        inDemand: false,
      },
    });
  });

  it('lists only the shortfalls when asked, gaps first', async () => {
    const report = await coverage({ shortfallsOnly: true });
    expect(report.skills.map((row) => row.skill.slug)).toEqual(['nginx', 'postgresql', 'rust', 'events', 'few', 'few-paid', 'paid']);
    expect(report.skills.every((row) => row.shortfalls.length > 0)).toBe(true);
  });

  it('measures the skills the article names on their own', async () => {
    const report = await coverage({ shortfallsOnly: true, fromArticle: true });
    expect(report.skills.map((row) => [row.skill.slug, row.skill.fromArticle])).toEqual([
      ['nginx', true],
      ['postgresql', true],
      ['events', true],
      ['few', true],
    ]);
    expect(report.skillsShortOfTarget).toBe(4);
    expect((await coverage({ fromArticle: false })).skills.map((row) => row.skill.slug).sort()).toEqual(['few-paid', 'paid', 'rust']);
  });

  it('filters by O*NET flags: hot skills, in-demand skills, and those O*NET does not mark', async () => {
    expect((await coverage({ hotTechnology: true })).skills.map((row) => row.skill.slug)).toEqual(['postgresql', 'paid']);
    expect((await coverage({ inDemand: true })).skills.map((row) => row.skill.slug)).toEqual(['postgresql']);
    expect((await coverage({ hotTechnology: false })).skills).toHaveLength(6);
  });

  it('judges the target on the resources the filter keeps: with only events kept, no skill meets it', async () => {
    const rows = bySlug((await coverage({ filter: { kinds: ['EVENT'] } })).skills);
    expect(rows.events.shortfalls).toEqual(['ONLY_EVENTS']);
    // Titles outside the filter name nothing: with only events kept, no course title makes Nginx a linking gap.
    expect(rows.nginx.shortfalls).toEqual(['NO_SOURCE']);
    expect(rows.covered.shortfalls).toEqual(['NO_SOURCE']);
  });

  it('counts the events `eventTime` asks for, past and upcoming ones apart whatever it says; events never meet the target', async () => {
    const counts = (rows: Row[]) =>
      Object.fromEntries(rows.map((row) => [row.skill.slug, [row.resources, row.upcomingEvents, row.pastEvents, row.shortfalls]]));
    const past = counts((await coverage({ filter: { eventTime: 'PAST' } })).skills);
    expect(past.events).toEqual([1, 2, 1, ['ONLY_EVENTS']]);
    expect(past['few-paid']).toEqual([1, 1, 0, ['FEWER_THAN_THREE', 'NO_FREE_RESOURCE']]);
    expect(past.few).toEqual([3, 0, 1, ['FEWER_THAN_THREE']]);
    const any = counts((await coverage({ filter: { eventTime: 'ANY' } })).skills);
    expect(any.events).toEqual([3, 2, 1, ['ONLY_EVENTS']]);
    // A free past event next to two courses is three resources, but still not three a learner can start.
    expect(any.few).toEqual([3, 0, 1, ['FEWER_THAN_THREE']]);
    expect(any['few-paid']).toEqual([2, 1, 0, ['FEWER_THAN_THREE', 'NO_FREE_RESOURCE']]);
  });

  it('refuses a flag of the wrong type with BAD_USER_INPUT, not a crash', async () => {
    expect(errorOf(await app.graphql(COVERAGE, { shortfallsOnly: 'yes' })).code).toBe('BAD_USER_INPUT');
  });

  it('costs a fixed number of queries whatever the skills: skills, resources, O*NET flags, and one title check', async () => {
    const { commands, byCommand } = await app.countDatabaseCommands(() => app.graphql(COVERAGE, { shortfallsOnly: true }));
    expect(byCommand).toEqual({ find: 1, aggregate: 3 });
    expect(commands).toBe(4);
  });
});
