import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SOURCE_ADAPTERS } from '../src/modules/ingestion/sources';
import { DuplicateCandidateModel } from '../src/modules/ingestion/duplicate-candidate.model';
import { readFeedFiles } from '../src/modules/ingestion/feed-fetcher';
import { IngestionService, type IngestionReport } from '../src/modules/ingestion/ingestion.service';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedIngestionVocabulary, type IngestionFixture } from './helpers/ingestion-fixture';
import { createApiKeyAsAdmin } from './helpers/api-keys';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

const FEEDS = path.join(__dirname, 'fixtures', 'feeds');
const FIXTURE_PATHS: Record<string, string> = {
  github: 'github.json',
  udemy: 'udemy.json',
  coursera: 'coursera.json',
  edx: 'edx.json',
  'awesome-for-beginners': 'awesome-for-beginners.json',
  'confs-tech': 'confs-tech',
  'free-programming-books': 'free-programming-books.md',
};

let app: TestApp;
let fixture: IngestionFixture;
let service: IngestionService;
const firstRun: Record<string, IngestionReport> = {};

async function ingest(
  source: string,
  options: { full?: boolean; files?: Array<{ name: string; text: string }> } = {},
): Promise<IngestionReport> {
  const adapter = SOURCE_ADAPTERS[source];
  const files = options.files ?? (await readFeedFiles(path.join(FEEDS, FIXTURE_PATHS[source]), adapter));
  return service.ingest(adapter.feed, adapter.read(files), { full: options.full, batchSize: 2 });
}

/** `[recordNumber, reason]` of each rejection. */
const rejections = (report: IngestionReport) => report.rejected.map((rejection) => [rejection.recordNumber, rejection.reason]);

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedIngestionVocabulary();
  service = new IngestionService(app.entityChanges);
  // The order matters for de-duplication: GitHub first, so awesome-for-beginners finds its URLs.
  for (const source of Object.keys(FIXTURE_PATHS)) firstRun[source] = await ingest(source);
});
afterAll(() => app?.stop());

describe('per-source figures of the fixtures', () => {
  it('GitHub: 4 read, 3 created, the javascript: URL rejected', () => {
    expect(firstRun.github).toMatchObject({ read: 4, created: 3, updated: 0, listed: 0, retired: 0 });
    expect(rejections(firstRun.github)).toEqual([[4, 'url: only http and https URLs are accepted, got "javascript:"']]);
  });

  it('Udemy: 6 read, 4 created, the negative price and the HTML title rejected', () => {
    expect(firstRun.udemy).toMatchObject({ read: 6, created: 4 });
    expect(rejections(firstRun.udemy)).toEqual([
      [4, 'price: the price -10 is negative'],
      [5, 'title: the title contains HTML'],
    ]);
  });

  it('Coursera: 4 read, 3 created, the course without a slug rejected', () => {
    expect(firstRun.coursera).toMatchObject({ read: 4, created: 3 });
    expect(rejections(firstRun.coursera)).toEqual([[3, 'url: the URL is missing']]);
  });

  it('edX: 3 read, 2 created, the course without runs rejected', () => {
    expect(firstRun.edx).toMatchObject({ read: 3, created: 2 });
    expect(rejections(firstRun.edx)).toEqual([[3, 'the course has no course_runs']]);
  });

  it("awesome-for-beginners: 4 read, 1 created, 2 listed on GitHub's resources, the entry without a link rejected", () => {
    expect(firstRun['awesome-for-beginners']).toMatchObject({ read: 4, created: 1, listed: 2 });
    expect(rejections(firstRun['awesome-for-beginners'])).toEqual([
      [3, 'awesome-for-beginners repositories[2].link must be a non-empty string, got undefined'],
    ]);
  });

  it('confs.tech: 6 listings in 2 files, 5 records after merging, 3 created, 2 rejected', () => {
    expect(firstRun['confs-tech']).toMatchObject({ read: 5, created: 3 });
    expect(rejections(firstRun['confs-tech'])).toEqual([
      [4, 'endDate: the event ends before it starts'],
      [5, 'confs.tech conferences/2026/javascript.json[2].url is required, got undefined'],
    ]);
  });

  it('free-programming-books: 4 courses (one URL listed twice, merged), the line without a link rejected with its line number', () => {
    expect(firstRun['free-programming-books']).toMatchObject({ read: 5, created: 4 });
    expect(rejections(firstRun['free-programming-books'])).toEqual([
      [10, 'free-programming-books.md line 10: not a "* [Title](URL)" list item'],
    ]);
  });
});

describe('normalised values', () => {
  it('stores prices, levels, languages, durations, certificates, offers and canonical URLs', async () => {
    const kubernetes = await ResourceModel.findOne({ 'source.feed': 'udemy', 'source.externalId': '103' }).lean();
    expect(kubernetes).toMatchObject({
      url: 'https://www.udemy.com/course/kubernetes-mastery',
      free: false,
      priceAmount: 84.99,
      priceCurrency: 'EUR',
      offerType: 'PAID',
      certificate: 'PAID',
      level: 'EXPERT',
      language: 'de',
      durationMinutes: 750,
      ratingAverage: 4.7,
      ratingCount: 20110,
      skillIds: [fixture.skillIds.kubernetes],
    });
    const cs50 = await ResourceModel.findOne({ 'source.feed': 'edx', 'source.externalId': 'HarvardX+CS50x' }).lean();
    expect(cs50).toMatchObject({
      url: 'https://www.edx.org/learn/computer-science/harvard-university-cs50-s-introduction-to-computer-science',
      free: true,
      priceAmount: null,
      offerType: 'AUDIT',
      certificate: 'PAID',
      level: 'BEGINNER',
      language: 'en',
      durationMinutes: 12 * 12 * 60,
      skillIds: [fixture.skillIds.python],
    });
    const ml = await ResourceModel.findOne({ 'source.feed': 'coursera', title: 'Machine Learning' }).lean();
    expect(ml).toMatchObject({
      offerType: 'AUDIT',
      certificate: 'PAID',
      durationMinutes: 61 * 60,
      skillIds: [fixture.skillIds['machine-learning']],
    });
    const free = await ResourceModel.findOne({ 'source.feed': 'udemy', 'source.externalId': '102' }).lean();
    expect(free).toMatchObject({
      free: true,
      priceAmount: null,
      offerType: 'FREE',
      certificate: 'NONE',
      level: 'BEGINNER',
      language: 'es',
    });
    const go = await ResourceModel.findOne({ 'source.feed': 'udemy', 'source.externalId': '106' }).lean();
    expect(go?.url).toBe('https://www.udemy.com/course/go-the-complete-developers-guide');
    expect(go?.skillIds).toEqual([fixture.skillIds.go]);
  });

  it('reports terms that named no skill', () => {
    expect(firstRun.github.unmappedTerms).toEqual(expect.arrayContaining([{ term: 'compiler', count: 1 }]));
  });
});

describe('de-duplication', () => {
  it('makes one resource with two sources of a URL two feeds list (spelt differently)', async () => {
    const freeCodeCamp = await ResourceModel.find({ url: /freecodecamp\/freecodecamp/i }).lean();
    expect(freeCodeCamp).toHaveLength(1);
    expect(freeCodeCamp[0].source).toMatchObject({ feed: 'github', externalId: 'freecodecamp/freecodecamp' });
    expect(freeCodeCamp[0].alsoListedBy).toEqual([
      expect.objectContaining({ feed: 'awesome-for-beginners', externalId: 'github.com/freeCodeCamp/freeCodeCamp' }),
    ]);
    // "https://www.github.com/rust-lang/rust#readme" is GitHub's rust-lang/rust.
    const rust = await ResourceModel.find({ url: /rust-lang\/rust/ }).lean();
    expect(rust).toHaveLength(1);
    expect(rust[0].alsoListedBy?.map((source) => source.feed)).toEqual(['awesome-for-beginners']);
  });

  it('keeps one live resource per URL within a feed: a second record of the URL is rejected, naming the first', async () => {
    const records = [
      { recordNumber: 1, externalId: 'same-url-1', kind: 'COURSE' as const, title: 'Same URL one', url: 'https://same-url.example/course' },
      {
        recordNumber: 2,
        externalId: 'same-url-2',
        kind: 'COURSE' as const,
        title: 'Same URL two',
        url: 'http://www.same-url.example/course/',
      },
    ];
    const report = await service.ingest('same-url-feed', { records, rejected: [] }, { full: false });
    expect(report).toMatchObject({
      created: 1,
      listed: 0,
      rejected: [{ recordNumber: 2, reason: 'the record "same-url-1" of the same feed already has this URL' }],
    });
    expect(await ResourceModel.countDocuments({ urlKey: 'same-url.example/course' })).toBe(1);
    await ResourceModel.deleteMany({ 'source.feed': 'same-url-feed' });
  });

  it('tells the editions of an event apart: one homepage, one resource per start date', async () => {
    const edition = (recordNumber: number, startDate: string) => ({
      recordNumber,
      externalId: `conf@${startDate}#${recordNumber}`,
      kind: 'EVENT' as const,
      title: 'Yearly Conf',
      url: 'https://yearly-conf.example',
      startDate,
    });
    const report = await service.ingest(
      'editions-feed',
      { records: [edition(1, '2026-05-01'), edition(2, '2027-05-01'), edition(3, '2027-05-01')], rejected: [] },
      { full: false },
    );
    expect(report).toMatchObject({
      created: 2,
      rejected: [{ recordNumber: 3, reason: 'the record "conf@2027-05-01#2" of the same feed already has this URL' }],
    });
    const keys = await ResourceModel.find({ 'source.feed': 'editions-feed' }, { urlKey: 1 }).sort({ urlKey: 1 }).lean();
    expect(keys.map((resource) => resource.urlKey)).toEqual(['yearly-conf.example@2026-05-01', 'yearly-conf.example@2027-05-01']);
    await ResourceModel.deleteMany({ 'source.feed': 'editions-feed' });
  });

  it('flags near-duplicate titles of different providers for review without merging them', async () => {
    const dockerCourses = await ResourceModel.find({ titleFingerprint: 'docker' }).lean();
    expect(dockerCourses.map((resource) => resource.title).sort()).toEqual(['Docker: The Complete Course', 'The Complete Docker Course']);
    const candidates = await DuplicateCandidateModel.find().lean();
    expect(candidates).toEqual([
      expect.objectContaining({
        titleFingerprint: 'docker',
        status: 'OPEN',
        resourceIds: expect.arrayContaining(dockerCourses.map((resource) => resource._id)),
      }),
    ]);
  });
});

describe('ingestion fields in GraphQL', () => {
  const CANDIDATES = `query($first: Int, $after: String) { duplicateCandidates(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id similarity titleFingerprint reason status createdAt resources { title provider { slug } sources { feed } } } } } }`;

  async function apiKey(role: string, providerSlug?: string): Promise<Record<string, string>> {
    const input = { name: `${role} key`, role, ...(providerSlug ? { providerId: toProviderId(providerSlug) } : {}) };
    return { 'x-api-key': (await createApiKeyAsAdmin(app, input)).secret };
  }

  it('shows how a course is sold (offerType) and every feed that lists a resource (sources)', async () => {
    const data = dataOf(
      await app.graphql(`{
      courses: resources(first: 100, filter: { kinds: [COURSE] }) { edges { node { title offerType } } }
      projects: resources(first: 100, filter: { kinds: [OPEN_SOURCE_PROJECT] }) { edges { node { url offerType source { feed } sources { feed externalId fetchedAt } } } }
    }`),
    );
    const offers = Object.fromEntries(
      data.courses.edges.map((edge: { node: { title: string; offerType: string | null } }) => [edge.node.title, edge.node.offerType]),
    );
    expect(offers).toMatchObject({ 'Machine Learning': 'AUDIT', 'The Complete Docker Course': 'PAID', 'Python for Everybody': 'FREE' });
    const freeCodeCamp = data.projects.edges
      .map((edge: { node: unknown }) => edge.node)
      .find((node: { url: string }) => /freecodecamp\/freecodecamp/i.test(node.url));
    expect(freeCodeCamp.offerType).toBeNull();
    expect(freeCodeCamp.sources).toEqual([
      { feed: 'github', externalId: 'freecodecamp/freecodecamp', fetchedAt: expect.any(String) },
      { feed: 'awesome-for-beginners', externalId: 'github.com/freeCodeCamp/freeCodeCamp', fetchedAt: expect.any(String) },
    ]);
    expect(freeCodeCamp.sources[0]).toEqual({
      ...freeCodeCamp.source,
      externalId: 'freecodecamp/freecodecamp',
      fetchedAt: expect.any(String),
    });
    const single = data.projects.edges
      .map((edge: { node: unknown }) => edge.node)
      .find((node: { sources: unknown[] }) => node.sources.length === 1);
    expect(single.sources).toEqual([expect.objectContaining({ feed: single.source.feed })]);
  });

  it('lists near-duplicate pairs, with both resources and their title similarity, to admins and analysts', async () => {
    const analyst = await apiKey('ANALYST');
    for (const options of [{ admin: true }, { headers: analyst }]) {
      const page = dataOf(await app.graphql(CANDIDATES, { first: 10 }, options)).duplicateCandidates;
      expect(page.totalCount).toBe(1);
      expect(page.pageInfo.hasNextPage).toBe(false);
      const [{ node }] = page.edges;
      expect(node).toMatchObject({
        titleFingerprint: 'docker',
        status: 'OPEN',
        reason: 'same title fingerprint and kind, different providers',
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
      });
      expect(node.resources.map((resource: { title: string }) => resource.title).sort()).toEqual([
        'Docker: The Complete Course',
        'The Complete Docker Course',
      ]);
      expect(node.resources.map((resource: { provider: { slug: string } }) => resource.provider.slug).sort()).toEqual([
        'coursera',
        'udemy',
      ]);
      // The same words: {docker, the, complete, course} on both sides.
      expect(node.similarity).toBe(1);
    }
  });

  it('pages the review queue newest first with cursors', async () => {
    const [docker] = await ResourceModel.find({ titleFingerprint: 'docker' }).lean();
    const extra = await DuplicateCandidateModel.create({
      pairKey: 'x:y',
      resourceIds: [docker._id, docker._id],
      titleFingerprint: 'docker',
      reason: 'test',
      status: 'DISMISSED',
    });
    try {
      const first = dataOf(await app.graphql(CANDIDATES, { first: 1 }, { admin: true })).duplicateCandidates;
      expect(first.totalCount).toBe(2);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.edges[0].node.id).toBe(String(extra._id));
      const second = dataOf(
        await app.graphql(CANDIDATES, { first: 1, after: first.pageInfo.endCursor }, { admin: true }),
      ).duplicateCandidates;
      expect(second.edges[0].node.titleFingerprint).toBe('docker');
      expect(second.edges[0].node.id).not.toBe(String(extra._id));
      expect(second.pageInfo.hasNextPage).toBe(false);
      const open = dataOf(
        await app.graphql(`{ duplicateCandidates(status: OPEN) { totalCount } }`, {}, { admin: true }),
      ).duplicateCandidates;
      expect(open.totalCount).toBe(1);
    } finally {
      await DuplicateCandidateModel.deleteOne({ _id: extra._id });
    }
  });

  it('refuses the review queue to anonymous callers and partners', async () => {
    const anonymous = await app.graphql(CANDIDATES, { first: 1 });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const partner = await app.graphql(CANDIDATES, { first: 1 }, { headers: await apiKey('PARTNER', 'acme-academy') });
    expect(partner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(partner.data?.duplicateCandidates ?? null).toBeNull();
  });
});

describe('idempotency and retirement', () => {
  it('writes nothing when the same feeds are ingested again', async () => {
    for (const source of Object.keys(FIXTURE_PATHS)) {
      const { result, byCommand } = await app.countDatabaseCommands(() => ingest(source));
      expect({ source, created: result.created, updated: result.updated, retired: result.retired, listed: result.listed }).toEqual({
        source,
        created: 0,
        updated: 0,
        retired: 0,
        listed: firstRun[source].listed,
      });
      expect(result.unchanged).toBe(firstRun[source].created + firstRun[source].updated + firstRun[source].unchanged);
      expect({ source, update: byCommand.update ?? 0, insert: byCommand.insert ?? 0, delete: byCommand.delete ?? 0 }).toEqual({
        source,
        update: 0,
        insert: 0,
        delete: 0,
      });
    }
  });

  it('updates only what changed, retires what a full feed no longer lists, and brings it back when it returns', async () => {
    const udemy = JSON.parse(readFileSync(path.join(FEEDS, 'udemy.json'), 'utf8'));
    const changed = {
      ...udemy,
      results: udemy.results
        .filter((course: { id: number }) => course.id !== 106)
        .map((course: { id: number }) => (course.id === 101 ? { ...course, rating: 4.8 } : course)),
    };
    const report = await ingest('udemy', { full: true, files: [{ name: 'udemy.json', text: JSON.stringify(changed) }] });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 2, retired: 1 });
    const retired = await ResourceModel.findOne({ 'source.feed': 'udemy', 'source.externalId': '106' }).lean();
    expect(retired?.retiredAt).toEqual(expect.any(Date));

    const listed = dataOf(
      await app.graphql(
        `{ resources(first: 100, filter: { providers: ["${toProviderId('udemy')}"] }) { totalCount edges { node { title } } } }`,
      ),
    ).resources;
    expect(listed.edges.map((edge: { node: { title: string } }) => edge.node.title)).not.toContain(
      "Go: The Complete Developer's Guide (Golang)",
    );
    expect(listed.totalCount).toBe(3);

    // A partial feed retires nothing; the full one brings the course back.
    expect(
      await ingest('udemy', {
        full: false,
        files: [{ name: 'udemy.json', text: JSON.stringify({ ...udemy, results: udemy.results.slice(0, 1) }) }],
      }),
    ).toMatchObject({ updated: 1, retired: 0 });
    const back = await ingest('udemy');
    expect(back).toMatchObject({ updated: 1, unchanged: 3, retired: 0 });
    expect((await ResourceModel.findOne({ 'source.feed': 'udemy', 'source.externalId': '106' }).lean())?.retiredAt).toBeUndefined();
  });

  it('keeps the resource of a record that is rejected this time (a bad row is not a withdrawal)', async () => {
    const github = JSON.parse(readFileSync(path.join(FEEDS, 'github.json'), 'utf8'));
    github.items[1].html_url = 'javascript:void(0)';
    const report = await ingest('github', { files: [{ name: 'github.json', text: JSON.stringify(github) }] });
    expect(report).toMatchObject({
      retired: 0,
      rejected: [expect.objectContaining({ recordNumber: 2 }), expect.objectContaining({ recordNumber: 4 })],
    });
    expect((await ResourceModel.findOne({ 'source.externalId': 'kubernetes/kubernetes' }).lean())?.retiredAt).toBeUndefined();
  });

  it('refuses a malformed file as a whole with a clear error', () => {
    const adapter = SOURCE_ADAPTERS.udemy;
    expect(() => adapter.read([{ name: 'malformed.json', text: readFileSync(path.join(FEEDS, 'malformed.json'), 'utf8') }])).toThrow(
      /^malformed\.json: malformed JSON/,
    );
    expect(() => adapter.read([{ name: 'wrong.json', text: '{"items": []}' }])).toThrow(
      'wrong.json: a Udemy course list response is an object with a "results" array',
    );
  });
});

function toProviderId(slug: string): string {
  return Buffer.from(`Provider:${fixture.providerIds[slug].toHexString()}`).toString('base64url');
}
