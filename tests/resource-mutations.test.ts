import { Types } from 'mongoose';
import { toGlobalId } from '../src/core/relay/global-id';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { resourceGlobalId, seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { dataOf, startTestApp, type TestApp, type UntypedJson } from './helpers/test-app';

let app: TestApp;
let fixture: CatalogFixture;
beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedCatalog();
});
afterAll(() => app?.stop());

const RESOURCE_FIELDS = `
  __typename id slug title url description kind level free language tags
  price { amount currency }
  provider { slug }
  skills { level skill { slug } }
  source { feed externalId fetchedAt }
  ... on Course { durationMinutes certificate format rating { average count } }
  ... on OpenSourceProject { repositoryUrl primaryLanguage stars beginnerLabels license }
  ... on Event { startDate endDate city country online cfpUrl cfpDeadline }`;

const PAYLOAD = `{ resource { ${RESOURCE_FIELDS} } userErrors { field message code } }`;
const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) ${PAYLOAD} }`;
const CREATE_PROJECT = `mutation($input: CreateOpenSourceProjectInput!) { createOpenSourceProject(input: $input) ${PAYLOAD} }`;
const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) ${PAYLOAD} }`;
const UPDATE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) ${PAYLOAD} }`;
const DELETE = `mutation($input: DeleteResourceInput!) { deleteResource(input: $input) { deletedId userErrors { field message code } } }`;

/** A mutation's payload: the resource as PAYLOAD selects it, read field by field, and the userErrors. */
interface Payload {
  resource: UntypedJson;
  userErrors: Array<{ field: string[]; message: string; code: string }>;
}

async function mutate(mutation: string, input: Record<string, unknown>): Promise<Payload> {
  const data = dataOf(await app.graphql<Record<string, Payload>>(mutation, { input }, { admin: true }));
  return Object.values(data)[0];
}

/** `[field, code]` pairs of a payload's userErrors, in order. */
function problems(payload: { userErrors: Array<{ field: string[]; code: string }> }): Array<[string, string]> {
  return payload.userErrors.map((error) => [error.field.join('.'), error.code]);
}

/** Every stored resource, to show that a refused mutation wrote nothing. */
async function snapshot() {
  return ResourceModel.find({}).sort({ _id: 1 }).lean().exec();
}

/** Numbers the URLs of created resources: one live resource per URL, so each create needs its own. */
let urlNumber = 0;

function courseInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  urlNumber += 1;
  return {
    title: 'Learn PostgreSQL',
    url: `https://www.udemy.com/course/learn-postgresql-${urlNumber}/`,
    providerId: fixture.ids.provider.udemy,
    free: false,
    ...overrides,
  };
}

describe('createCourse', () => {
  it('creates a course with every field and keeps the derived fields in step', async () => {
    const before = Date.now();
    const payload = await mutate(CREATE_COURSE, {
      slug: 'sql-masterclass',
      title: '  SQL Masterclass ',
      url: 'https://www.udemy.com/course/sql-masterclass/',
      description: 'Queries, indexes and plans.',
      providerId: fixture.ids.provider.udemy,
      skills: [{ skillId: fixture.ids.skill.postgresql, level: 'ADVANCED' }, { skillId: fixture.ids.skill.python }],
      level: 'ADVANCED',
      free: false,
      price: { amount: 59.5, currency: 'eur' },
      language: 'EN',
      tags: ['Databases', ' sql ', 'databases'],
      durationMinutes: 900,
      rating: { average: 4.2, count: 31 },
      certificate: 'PAID',
      format: 'video',
    });
    expect(payload.userErrors).toEqual([]);
    const { fetchedAt, ...source } = payload.resource.source;
    expect(payload.resource).toEqual({
      __typename: 'Course',
      id: expect.any(String),
      slug: 'sql-masterclass',
      title: 'SQL Masterclass',
      url: 'https://www.udemy.com/course/sql-masterclass/',
      description: 'Queries, indexes and plans.',
      kind: 'COURSE',
      level: 'ADVANCED',
      free: false,
      language: 'en',
      tags: ['databases', 'sql'],
      price: { amount: 59.5, currency: 'EUR' },
      provider: { slug: 'udemy' },
      skills: [
        { level: 'ADVANCED', skill: { slug: 'postgresql' } },
        { level: null, skill: { slug: 'python' } },
      ],
      source: expect.any(Object),
      durationMinutes: 900,
      certificate: 'PAID',
      format: 'video',
      rating: { average: 4.2, count: 31 },
    });
    expect(source).toEqual({ feed: 'admin', externalId: 'sql-masterclass' });
    expect(Date.parse(fetchedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(fetchedAt)).toBeLessThanOrEqual(Date.now() + 1000);

    const stored = await ResourceModel.findOne({ slug: 'sql-masterclass' }).lean().exec();
    expect(resourceGlobalId(stored!)).toBe(payload.resource.id);
    expect(stored).toMatchObject({
      titleKey: 'sql masterclass',
      skillIds: [fixture.skillIds.postgresql, fixture.skillIds.python],
      providerId: fixture.providerIds.udemy,
      priceAmount: 59.5,
      priceCurrency: 'EUR',
      ratingAverage: 4.2,
      ratingCount: 31,
    });
    // It is found like any other resource.
    const found = dataOf(
      await app.graphql(`query($filter: ResourceFilter) { resources(filter: $filter) { edges { node { slug } } } }`, {
        filter: { skills: [fixture.ids.skill.postgresql], tags: ['sql'] },
      }),
    );
    expect(found.resources.edges).toEqual([{ node: { slug: 'sql-masterclass' } }]);
  });

  it('derives the slug from the title plus a short hash when none is given', async () => {
    const first = await mutate(CREATE_COURSE, courseInput({ title: 'Learn PostgreSQL: the Basics!', free: true }));
    const second = await mutate(CREATE_COURSE, courseInput({ title: 'Learn PostgreSQL: the Basics!', free: true }));
    expect(first.resource.slug).toMatch(/^learn-postgresql-the-basics-[0-9a-f]{6}$/);
    expect(second.resource.slug).toMatch(/^learn-postgresql-the-basics-[0-9a-f]{6}$/);
    expect(second.resource.slug).not.toBe(first.resource.slug);
    expect(first.resource.source).toMatchObject({ feed: 'admin', externalId: first.resource.slug });
    const symbols = await mutate(CREATE_COURSE, courseInput({ title: '¿¡…!?', free: true }));
    expect(symbols.resource.slug).toMatch(/^resource-[0-9a-f]{6}$/);
    expect(first.resource).toMatchObject({
      price: null,
      skills: [],
      tags: [],
      level: null,
      language: null,
      description: '',
      rating: null,
      durationMinutes: null,
    });
  });

  it('stores no price for a free course priced 0', async () => {
    const payload = await mutate(CREATE_COURSE, courseInput({ slug: 'free-zero', free: true, price: { amount: 0, currency: 'USD' } }));
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource.price).toBeNull();
    expect(await ResourceModel.findOne({ slug: 'free-zero' }).lean().exec()).toMatchObject({ priceAmount: null, priceCurrency: null });
  });

  const invalidCases: Array<[string, Record<string, unknown>, Array<[string, string]>]> = [
    ['an unknown provider', { providerId: toGlobalId('Provider', new Types.ObjectId()) }, [['input.providerId', 'NOT_FOUND']]],
    ['a skill id given as the provider', { providerId: 'skill' }, [['input.providerId', 'NOT_FOUND']]],
    ['an unknown skill at index 1', { skills: ['python', 'unknown'] }, [['input.skills.1.skillId', 'NOT_FOUND']]],
    ['a malformed skill id at index 0', { skills: ['garbage'] }, [['input.skills.0.skillId', 'NOT_FOUND']]],
    ['a skill listed twice', { skills: ['docker', 'python', 'docker'] }, [['input.skills.2.skillId', 'INVALID']]],
    ['a negative price', { price: { amount: -1, currency: 'USD' } }, [['input.price.amount', 'INVALID']]],
    ['a currency that is not three letters', { price: { amount: 10, currency: 'US$' } }, [['input.price.currency', 'INVALID']]],
    ['a free course with a price above 0', { free: true, price: { amount: 10, currency: 'USD' } }, [['input.price', 'INVALID']]],
    ['a rating above 5', { rating: { average: 5.1, count: 3 } }, [['input.rating.average', 'INVALID']]],
    ['a rating below 0', { rating: { average: -0.5, count: 3 } }, [['input.rating.average', 'INVALID']]],
    ['a negative rating count', { rating: { average: 4, count: -3 } }, [['input.rating.count', 'INVALID']]],
    ['a negative duration', { durationMinutes: -5 }, [['input.durationMinutes', 'INVALID']]],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, [['input.url', 'INVALID']]],
    ['a relative URL', { url: '/courses/1' }, [['input.url', 'INVALID']]],
    ['an empty title', { title: '' }, [['input.title', 'INVALID']]],
    ['a blank title', { title: '   ' }, [['input.title', 'INVALID']]],
    ['a title of 301 characters', { title: 'x'.repeat(301) }, [['input.title', 'INVALID']]],
    ['HTML in the title', { title: 'Learn <b>SQL</b>' }, [['input.title', 'INVALID']]],
    ['a script tag in the title', { title: '<script>alert(1)</script>' }, [['input.title', 'INVALID']]],
    ['an unknown tag with an event handler in the title', { title: 'Hi <x onclick=alert(1)>' }, [['input.title', 'INVALID']]],
    ['an HTML comment in the title', { title: 'Hi <!-- there -->' }, [['input.title', 'INVALID']]],
    ['a self-closing line break in the title', { title: 'Line<br/>break' }, [['input.title', 'INVALID']]],
    ['a description of 20,001 characters', { description: 'x'.repeat(20_001) }, [['input.description', 'INVALID']]],
    ['a language that is not ISO 639-1', { language: 'english' }, [['input.language', 'INVALID']]],
    ['a malformed slug', { slug: 'Not A Slug' }, [['input.slug', 'INVALID']]],
    ['an empty tag', { tags: ['ok', ''] }, [['input.tags.1', 'INVALID']]],
    [
      'several problems at once',
      {
        title: '',
        url: 'ftp://example.com',
        price: { amount: -2, currency: 'USD' },
        providerId: toGlobalId('Provider', new Types.ObjectId()),
      },
      [
        ['input.title', 'INVALID'],
        ['input.url', 'INVALID'],
        ['input.price.amount', 'INVALID'],
        ['input.providerId', 'NOT_FOUND'],
      ],
    ],
  ];

  it.each(invalidCases)('refuses %s and writes nothing', async (_name, overrides, expected) => {
    const input = courseInput({ slug: 'refused-course', ...overrides });
    if (input.providerId === 'skill') input.providerId = fixture.ids.skill.python;
    if (Array.isArray(overrides.skills)) {
      input.skills = (overrides.skills as string[]).map((name) => ({
        skillId: fixture.ids.skill[name] ?? (name === 'unknown' ? toGlobalId('Skill', new Types.ObjectId()) : name),
      }));
    }
    const before = await snapshot();
    const payload = await mutate(CREATE_COURSE, input);
    expect(payload.resource).toBeNull();
    expect(problems(payload)).toEqual(expected);
    expect(payload.userErrors.every((error) => error.message.length > 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts a title of exactly 300 characters and a description of 20,000', async () => {
    const payload = await mutate(CREATE_COURSE, courseInput({ title: 'x'.repeat(300), description: 'y'.repeat(20_000), free: true }));
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource.title).toHaveLength(300);
  });

  it('accepts angle brackets that are not HTML: generic types, "<3", comparisons', async () => {
    for (const title of ['Java Generics: List<String> and Map<K, V>', 'C++ <3', 'When a < b > c', 'Rust Vec<u8> in Depth']) {
      const payload = await mutate(CREATE_COURSE, courseInput({ title, free: true }));
      expect(payload.userErrors).toEqual([]);
      expect(payload.resource.title).toBe(title);
    }
  });

  it('refuses a duplicate slug', async () => {
    await mutate(CREATE_COURSE, courseInput({ slug: 'taken-slug', free: true }));
    const before = await snapshot();
    const payload = await mutate(CREATE_COURSE, courseInput({ slug: 'taken-slug', free: true }));
    expect(payload).toEqual({
      resource: null,
      userErrors: [{ field: ['input', 'slug'], code: 'DUPLICATE', message: 'Another resource already uses this slug.' }],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('turns a duplicate-key race (E11000) into a DUPLICATE userError', async () => {
    await mutate(CREATE_COURSE, courseInput({ slug: 'raced-slug', free: true }));
    // Simulates a writer that took the slug between our check and our insert.
    const exists = jest.spyOn(ResourceModel, 'exists').mockResolvedValue(null);
    try {
      const payload = await mutate(CREATE_COURSE, courseInput({ slug: 'raced-slug', free: true }));
      expect(exists).toHaveBeenCalled();
      expect(problems(payload)).toEqual([['input.slug', 'DUPLICATE']]);
    } finally {
      exists.mockRestore();
    }
    expect(await ResourceModel.countDocuments({ slug: 'raced-slug' })).toBe(1);
  });

  it('refuses callers without the admin token and writes nothing', async () => {
    const before = await snapshot();
    const anonymous = await app.graphql(CREATE_COURSE, { input: courseInput({ slug: 'anonymous-course' }) });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeNull();
    const wrongToken = await app.graphql(
      CREATE_COURSE,
      { input: courseInput({ slug: 'anonymous-course' }) },
      { headers: { authorization: 'Bearer not-the-admin-token-at-all' } },
    );
    expect(wrongToken.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const [mutation, input] of [
      [UPDATE, { id: resourceGlobalId(fixture.bySlug['intro-js']), title: 'Hacked' }],
      [DELETE, { id: resourceGlobalId(fixture.bySlug['intro-js']) }],
      [CREATE_EVENT, { title: 'x', url: 'https://x.example', providerId: fixture.ids.provider.confs, free: true, startDate: '2025-01-01' }],
      [
        CREATE_PROJECT,
        { title: 'x', url: 'https://x.example', providerId: fixture.ids.provider.github, free: true, repositoryUrl: 'https://x.example' },
      ],
    ] as const) {
      expect((await app.graphql(mutation, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('createOpenSourceProject', () => {
  it('creates a project with every field', async () => {
    const payload = await mutate(CREATE_PROJECT, {
      slug: 'fastify',
      title: 'fastify/fastify',
      url: 'https://github.com/fastify/fastify',
      providerId: fixture.ids.provider.github,
      skills: [{ skillId: fixture.ids.skill.javascript, level: 'INTERMEDIATE' }],
      free: true,
      language: 'en',
      tags: ['web'],
      repositoryUrl: 'https://github.com/fastify/fastify',
      primaryLanguage: 'JavaScript',
      stars: 31000,
      beginnerLabels: ['good first issue', 'good first issue', 'help wanted'],
      license: 'MIT',
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource).toMatchObject({
      __typename: 'OpenSourceProject',
      kind: 'OPEN_SOURCE_PROJECT',
      slug: 'fastify',
      price: null,
      repositoryUrl: 'https://github.com/fastify/fastify',
      primaryLanguage: 'JavaScript',
      stars: 31000,
      beginnerLabels: ['good first issue', 'help wanted'],
      license: 'MIT',
      skills: [{ level: 'INTERMEDIATE', skill: { slug: 'javascript' } }],
    });
    expect(Buffer.from(payload.resource.id, 'base64url').toString()).toMatch(/^OpenSourceProject:[0-9a-f]{24}$/);
  });

  it.each([
    ['negative stars', { stars: -1 }, [['input.stars', 'INVALID']]],
    ['a non-http repository URL', { repositoryUrl: 'git@github.com:a/b.git' }, [['input.repositoryUrl', 'INVALID']]],
    ['a blank beginner label', { beginnerLabels: [' '] }, [['input.beginnerLabels.0', 'INVALID']]],
  ] as Array<[string, Record<string, unknown>, Array<[string, string]>]>)(
    'refuses %s and writes nothing',
    async (_name, overrides, expected) => {
      const before = await snapshot();
      const payload = await mutate(CREATE_PROJECT, {
        title: 'a/b',
        url: 'https://github.com/a/b',
        providerId: fixture.ids.provider.github,
        free: true,
        repositoryUrl: 'https://github.com/a/b',
        ...overrides,
      });
      expect(payload.resource).toBeNull();
      expect(problems(payload)).toEqual(expected);
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe('createEvent', () => {
  const eventInput = (overrides: Record<string, unknown> = {}) => ({
    title: 'NodeConf EU',
    url: `https://www.nodeconf.eu/${(urlNumber += 1)}`,
    providerId: fixture.ids.provider.confs,
    free: false,
    startDate: '2025-10-06',
    ...overrides,
  });

  it('creates an event with every field', async () => {
    const payload = await mutate(
      CREATE_EVENT,
      eventInput({
        slug: 'nodeconf-eu-2025',
        skills: [{ skillId: fixture.ids.skill.javascript }],
        price: { amount: 450, currency: 'EUR' },
        endDate: '2025-10-08',
        city: 'Kilkenny',
        country: 'Ireland',
        online: false,
        cfpUrl: 'https://www.nodeconf.eu/cfp',
        cfpDeadline: '2025-06-01',
      }),
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource).toMatchObject({
      __typename: 'Event',
      kind: 'EVENT',
      startDate: '2025-10-06',
      endDate: '2025-10-08',
      city: 'Kilkenny',
      country: 'Ireland',
      online: false,
      cfpUrl: 'https://www.nodeconf.eu/cfp',
      cfpDeadline: '2025-06-01',
      price: { amount: 450, currency: 'EUR' },
    });
    const found = dataOf(
      await app.graphql(
        `query { resources(filter: { startsAfter: "2025-10-06", startsBefore: "2025-10-06" }) { edges { node { slug } } } }`,
      ),
    );
    expect(found.resources.edges).toEqual([{ node: { slug: 'nodeconf-eu-2025' } }]);
  });

  it('defaults online to false and accepts a one-day event', async () => {
    const payload = await mutate(CREATE_EVENT, eventInput({ slug: 'one-day', endDate: '2025-10-06', free: true }));
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource).toMatchObject({ online: false, startDate: '2025-10-06', endDate: '2025-10-06' });
  });

  it.each([
    ['an end before the start', { endDate: '2025-10-05' }, [['input.endDate', 'INVALID']]],
    ['a javascript: CFP URL', { cfpUrl: 'javascript:void(0)' }, [['input.cfpUrl', 'INVALID']]],
    ['a free event with a price', { free: true, price: { amount: 1, currency: 'EUR' } }, [['input.price', 'INVALID']]],
  ] as Array<[string, Record<string, unknown>, Array<[string, string]>]>)(
    'refuses %s and writes nothing',
    async (_name, overrides, expected) => {
      const before = await snapshot();
      const payload = await mutate(CREATE_EVENT, eventInput(overrides));
      expect(payload.resource).toBeNull();
      expect(problems(payload)).toEqual(expected);
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe('updateResource', () => {
  async function createCourse(slug: string, overrides: Record<string, unknown> = {}) {
    const payload = await mutate(
      CREATE_COURSE,
      courseInput({
        slug,
        price: { amount: 20, currency: 'USD' },
        skills: [{ skillId: fixture.ids.skill.python }],
        level: 'BEGINNER',
        language: 'en',
        rating: { average: 4, count: 10 },
        ...overrides,
      }),
    );
    expect(payload.userErrors).toEqual([]);
    return payload.resource;
  }

  it('changes the common and course fields and keeps titleKey and skillIds in step', async () => {
    const course = await createCourse('update-me');
    const payload = await mutate(UPDATE, {
      id: course.id,
      title: 'Update Me, Renamed',
      skills: [{ skillId: fixture.ids.skill.docker, level: 'EXPERT' }, { skillId: fixture.ids.skill.kubernetes }],
      providerId: fixture.ids.provider.coursera,
      price: { amount: 35, currency: 'gbp' },
      tags: ['Containers'],
      course: { durationMinutes: 45, rating: { average: 4.9, count: 12 }, certificate: 'NONE' },
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource).toMatchObject({
      id: course.id,
      slug: 'update-me',
      title: 'Update Me, Renamed',
      provider: { slug: 'coursera' },
      skills: [
        { level: 'EXPERT', skill: { slug: 'docker' } },
        { level: null, skill: { slug: 'kubernetes' } },
      ],
      price: { amount: 35, currency: 'GBP' },
      tags: ['containers'],
      durationMinutes: 45,
      rating: { average: 4.9, count: 12 },
      certificate: 'NONE',
      level: 'BEGINNER',
      language: 'en',
    });
    expect(await ResourceModel.findOne({ slug: 'update-me' }).lean().exec()).toMatchObject({
      titleKey: 'update me, renamed',
      skillIds: [fixture.skillIds.docker, fixture.skillIds.kubernetes],
      providerId: fixture.providerIds.coursera,
    });
  });

  it('clears optional fields given as null and keeps omitted ones', async () => {
    const course = await createCourse('clear-me', { description: 'Some text', durationMinutes: 60, format: 'book' });
    const payload = await mutate(UPDATE, {
      id: course.id,
      level: null,
      language: null,
      description: null,
      price: null,
      skills: null,
      tags: null,
      course: { rating: null, format: null },
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource).toMatchObject({
      level: null,
      language: null,
      description: '',
      price: null,
      skills: [],
      tags: [],
      rating: null,
      format: null,
      durationMinutes: 60,
      title: 'Learn PostgreSQL',
    });
    const stored = await ResourceModel.findOne({ slug: 'clear-me' }).lean().exec();
    expect(stored).toMatchObject({ skillIds: [], priceAmount: null, priceCurrency: null });
    expect(stored).not.toHaveProperty('ratingAverage');
    expect(stored).not.toHaveProperty('ratingCount');
  });

  it('renames the slug and, for admin records, the source id with it', async () => {
    const course = await createCourse('old-name');
    const payload = await mutate(UPDATE, { id: course.id, slug: 'new-name' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource.source).toMatchObject({ feed: 'admin', externalId: 'new-name' });
    expect(dataOf(await app.graphql(`query { resource(slug: "old-name") { slug } }`)).resource).toBeNull();
    // The old slug is free again, also as a source id.
    expect((await mutate(CREATE_COURSE, courseInput({ slug: 'old-name', free: true }))).userErrors).toEqual([]);
    // A feed record keeps its source id.
    const fed = await mutate(UPDATE, { id: resourceGlobalId(fixture.bySlug['pg-utils']), slug: 'pg-utilities' });
    expect(fed.resource.source).toMatchObject({ feed: 'fixture', externalId: 'pg-utils' });
  });

  it('makes a course free when the price is removed with it', async () => {
    const course = await createCourse('going-free');
    const refused = await mutate(UPDATE, { id: course.id, free: true });
    expect(problems(refused)).toEqual([['input.free', 'INVALID']]);
    const payload = await mutate(UPDATE, { id: course.id, free: true, price: null });
    expect(payload.userErrors).toEqual([]);
    expect(payload.resource).toMatchObject({ free: true, price: null });
  });

  it('changes project and event fields through their own sections', async () => {
    const project = await mutate(UPDATE, {
      id: resourceGlobalId(fixture.bySlug['tiny-docker-tool']),
      project: { stars: 12, primaryLanguage: 'Go', beginnerLabels: ['starter'] },
    });
    expect(project.userErrors).toEqual([]);
    expect(project.resource).toMatchObject({ stars: 12, primaryLanguage: 'Go', beginnerLabels: ['starter'] });
    const cleared = await mutate(UPDATE, { id: project.resource.id, project: { beginnerLabels: null, stars: null } });
    expect(cleared.resource).toMatchObject({ stars: null, beginnerLabels: [] });

    const event = await mutate(UPDATE, {
      id: resourceGlobalId(fixture.bySlug['pycon-us']),
      event: { online: true, city: null, endDate: '2025-05-15' },
    });
    expect(event.userErrors).toEqual([]);
    expect(event.resource).toMatchObject({ online: true, city: null, startDate: '2025-05-14', endDate: '2025-05-15' });
  });

  const refusals: Array<[string, () => Record<string, unknown>, Array<[string, string]>]> = [
    [
      'a kind-specific section of another kind',
      () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), event: { city: 'Rome' } }),
      [['input.event', 'INVALID']],
    ],
    [
      'the project section on an event',
      () => ({ id: resourceGlobalId(fixture.bySlug['jsconf-eu']), project: { stars: 1 } }),
      [['input.project', 'INVALID']],
    ],
    [
      'an end date before the stored start date',
      () => ({ id: resourceGlobalId(fixture.bySlug['jsconf-eu']), event: { endDate: '2025-06-01' } }),
      [['input.event.endDate', 'INVALID']],
    ],
    [
      'a start date after the stored end date',
      () => ({ id: resourceGlobalId(fixture.bySlug['jsconf-eu']), event: { startDate: '2025-06-04' } }),
      [['input.event.startDate', 'INVALID']],
    ],
    [
      'clearing the start date',
      () => ({ id: resourceGlobalId(fixture.bySlug['jsconf-eu']), event: { startDate: null } }),
      [['input.event.startDate', 'INVALID']],
    ],
    [
      'clearing the repository URL',
      () => ({ id: resourceGlobalId(fixture.bySlug.django), project: { repositoryUrl: null } }),
      [['input.project.repositoryUrl', 'INVALID']],
    ],
    ['clearing the title', () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), title: null }), [['input.title', 'INVALID']]],
    [
      'a negative duration',
      () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), course: { durationMinutes: -1 } }),
      [['input.course.durationMinutes', 'INVALID']],
    ],
    [
      'a rating above 5',
      () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), course: { rating: { average: 7, count: 1 } } }),
      [['input.course.rating.average', 'INVALID']],
    ],
    [
      'negative stars',
      () => ({ id: resourceGlobalId(fixture.bySlug.django), project: { stars: -10 } }),
      [['input.project.stars', 'INVALID']],
    ],
    [
      'a price on a free course',
      () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), price: { amount: 5, currency: 'USD' } }),
      [['input.price', 'INVALID']],
    ],
    [
      'a negative price',
      () => ({ id: resourceGlobalId(fixture.bySlug['advanced-python']), price: { amount: -5, currency: 'USD' } }),
      [['input.price.amount', 'INVALID']],
    ],
    ['HTML in the title', () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), title: '<i>x</i>' }), [['input.title', 'INVALID']]],
    ['a data: URL', () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), url: 'data:text/html,hi' }), [['input.url', 'INVALID']]],
    [
      'an unknown provider',
      () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), providerId: toGlobalId('Provider', new Types.ObjectId()) }),
      [['input.providerId', 'NOT_FOUND']],
    ],
    [
      'an unknown skill at index 2',
      () => ({
        id: resourceGlobalId(fixture.bySlug['intro-js']),
        skills: [
          { skillId: fixture.ids.skill.python },
          { skillId: fixture.ids.skill.docker },
          { skillId: toGlobalId('Skill', new Types.ObjectId()) },
        ],
      }),
      [['input.skills.2.skillId', 'NOT_FOUND']],
    ],
    [
      'a slug another resource uses',
      () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), slug: 'django' }),
      [['input.slug', 'DUPLICATE']],
    ],
    ['an unknown id', () => ({ id: toGlobalId('Course', new Types.ObjectId()), title: 'x' }), [['input.id', 'NOT_FOUND']]],
    [
      "a Course id holding an event's hex",
      () => ({ id: toGlobalId('Course', fixture.bySlug['jsconf-eu']._id), title: 'x' }),
      [['input.id', 'NOT_FOUND']],
    ],
    ['a provider id', () => ({ id: fixture.ids.provider.udemy, title: 'x' }), [['input.id', 'NOT_FOUND']]],
    [
      'several problems at once',
      () => ({ id: resourceGlobalId(fixture.bySlug['intro-js']), title: '', course: { durationMinutes: -1 }, event: { city: 'x' } }),
      [
        ['input.title', 'INVALID'],
        ['input.event', 'INVALID'],
        ['input.course.durationMinutes', 'INVALID'],
      ],
    ],
  ];

  it.each(refusals)('refuses %s and writes nothing', async (_name, input, expected) => {
    const before = await snapshot();
    const payload = await mutate(UPDATE, input());
    expect(payload.resource).toBeNull();
    expect(problems(payload)).toEqual(expected);
    expect(await snapshot()).toEqual(before);
  });

  it('turns a duplicate-key race on rename into a DUPLICATE userError', async () => {
    const course = await createCourse('race-rename');
    const exists = jest.spyOn(ResourceModel, 'exists').mockResolvedValue(null);
    try {
      expect(problems(await mutate(UPDATE, { id: course.id, slug: 'django' }))).toEqual([['input.slug', 'DUPLICATE']]);
    } finally {
      exists.mockRestore();
    }
    expect(await ResourceModel.findOne({ slug: 'race-rename' }).lean().exec()).not.toBeNull();
  });
});

describe('deleteResource', () => {
  it('deletes a resource of each kind', async () => {
    const course = (await mutate(CREATE_COURSE, courseInput({ slug: 'doomed-course', free: true }))).resource;
    const project = (
      await mutate(CREATE_PROJECT, {
        slug: 'doomed-project',
        title: 'a/b',
        url: 'https://github.com/a/b',
        providerId: fixture.ids.provider.github,
        free: true,
        repositoryUrl: 'https://github.com/a/b',
      })
    ).resource;
    const event = (
      await mutate(CREATE_EVENT, {
        slug: 'doomed-event',
        title: 'Conf',
        url: 'https://conf.example',
        providerId: fixture.ids.provider.confs,
        free: true,
        startDate: '2026-01-01',
      })
    ).resource;
    for (const resource of [course, project, event]) {
      expect(await mutate(DELETE, { id: resource.id })).toEqual({ deletedId: resource.id, userErrors: [] });
      expect(dataOf(await app.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: resource.id })).node).toBeNull();
    }
    expect(await ResourceModel.countDocuments({ slug: { $in: ['doomed-course', 'doomed-project', 'doomed-event'] } })).toBe(0);
  });

  it('returns NOT_FOUND for an id that names no resource, deleting nothing', async () => {
    const course = (await mutate(CREATE_COURSE, courseInput({ slug: 'delete-twice', free: true }))).resource;
    expect((await mutate(DELETE, { id: course.id })).userErrors).toEqual([]);
    const before = await snapshot();
    for (const id of [course.id, 'garbage', fixture.ids.provider.udemy, toGlobalId('Course', fixture.bySlug['pycon-us']._id)]) {
      expect(await mutate(DELETE, { id })).toEqual({
        deletedId: null,
        userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'No resource has this id.' }],
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});
