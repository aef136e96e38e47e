import { selectHiddenFields } from '../src/core/hidden-fields';
import { toGlobalId } from '../src/core/relay/global-id';
import { DuplicateCandidateModel } from '../src/modules/ingestion/duplicate-candidate.model';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import type { FeedRecord } from '../src/modules/ingestion/ingestion.types';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedIngestionVocabulary, type IngestionFixture } from './helpers/ingestion-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * One write path for resources: the same course sent through each door (the admin API, a partner's
 * `upsertResources`, a feed run by the ingestion service as the seed and `npm run ingest` do) is
 * stored as the same document, apart from where it came from. Each door writes the course in turn at
 * the same URL (the previous copy removed first), so even the URL claim must agree.
 */

let app: TestApp;
let fixture: IngestionFixture;
let partnerSecret: string;

const URL = 'https://acme.example/courses/docker-101';
const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { resource { id slug } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { resource { id title } userErrors { field code message } } }`;
const UPSERT = `mutation($input: UpsertResourcesInput!) { upsertResources(input: $input) { results { status resource { id } } userErrors { field code message } } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret userErrors { field code message } } }`;

/** Where a document came from, and what only its door can know: everything else must agree. */
const PROVENANCE_FIELDS = ['_id', 'slug', 'source', 'alsoListedBy', 'createdAt', 'updatedAt', 'providerId'];
/** Sold how, in the feed's words: the schema documents it as null for resources created through the API. */
const FEED_ONLY_FIELDS = ['offerType'];

/**
 * Without the provenance fields, and each skill link without its evidence: who chose a skill (ADMIN,
 * PARTNER, the title…) is provenance too, checked on its own below.
 */
function withoutFields(document: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const kept = Object.fromEntries(Object.entries(document).filter(([field]) => !fields.includes(field)));
  if (Array.isArray(kept.skills))
    kept.skills = (kept.skills as Array<Record<string, unknown>>).map(
      ({ confidence: _confidence, matchedBy: _matchedBy, ...link }) => link,
    );
  return kept;
}

const evidenceOf = (document: Record<string, unknown>) =>
  (document.skills as Array<{ confidence: number; matchedBy: string }>).map(({ confidence, matchedBy }) => ({ confidence, matchedBy }));

/** The stored document at `URL`, every field (search fields too), then removed so the next door starts afresh. */
async function takeStored(): Promise<Record<string, unknown>> {
  const stored = await ResourceModel.findOne({ url: URL }).select(selectHiddenFields(ResourceModel)).lean<Record<string, unknown>>().exec();
  expect(stored).not.toBeNull();
  await ResourceModel.deleteMany({}).exec();
  await DuplicateCandidateModel.deleteMany({}).exec();
  // Plain JSON: ObjectIds and dates compare by value.
  return JSON.parse(JSON.stringify(stored));
}

async function createAdminCourse(input: Record<string, unknown>): Promise<{ id: string; slug: string }> {
  const payload = dataOf(await app.graphql(CREATE_COURSE, { input }, { admin: true })).createCourse;
  expect(payload.userErrors).toEqual([]);
  return payload.resource;
}

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedIngestionVocabulary();
  const key = dataOf(
    await app.graphql(
      CREATE_KEY,
      { input: { name: 'Acme sync', role: 'PARTNER', providerId: toGlobalId('Provider', fixture.providerIds['acme-academy']) } },
      { admin: true },
    ),
  ).createApiKey;
  expect(key.userErrors).toEqual([]);
  partnerSecret = key.secret;
});
afterAll(() => app?.stop());

describe('one write path for resources', () => {
  it('stores the same course through the admin API, a partner upsert and a feed as the same document', async () => {
    const title = '  Docker   for Beginners ';
    const description = 'Images, containers and volumes, step by step.';

    await createAdminCourse({
      title,
      url: URL,
      description,
      providerId: toGlobalId('Provider', fixture.providerIds['acme-academy']),
      skills: [{ skillId: toGlobalId('Skill', fixture.skillIds.docker), level: 'BEGINNER' }],
      level: 'BEGINNER',
      free: false,
      price: { amount: 10, currency: 'usd' },
      language: 'EN',
      tags: ['Containers', ' docker ', 'containers'],
      durationMinutes: 90,
      certificate: 'PAID',
      format: 'video course',
    });
    const byAdmin = await takeStored();

    const upsert = dataOf(
      await app.graphql(
        UPSERT,
        {
          input: {
            items: [
              {
                externalId: 'docker-101',
                kind: 'COURSE',
                title,
                url: URL,
                description,
                level: 'BEGINNER',
                price: { amount: 10, currency: 'usd' },
                language: 'EN',
                skills: ['Docker'],
                tags: ['Containers', ' docker ', 'containers'],
                durationMinutes: 90,
                certificate: 'PAID',
                format: 'video course',
              },
            ],
          },
        },
        { headers: { 'x-api-key': partnerSecret } },
      ),
    ).upsertResources;
    expect(upsert.userErrors).toEqual([]);
    expect(upsert.results).toEqual([expect.objectContaining({ status: 'CREATED' })]);
    const byPartner = await takeStored();

    const record: FeedRecord = {
      recordNumber: 1,
      externalId: 'docker-101',
      kind: 'COURSE',
      providerSlug: 'acme-academy',
      title,
      url: URL,
      description,
      price: 10,
      currency: 'usd',
      level: 'Beginner',
      language: 'en',
      skillTerms: ['Docker'],
      tags: ['Containers', ' docker ', 'containers'],
      duration: '1h 30m',
      certificate: 'paid',
      format: 'video course',
    };
    const report = await new IngestionService().ingest('acme-feed', { records: [record], rejected: [] });
    expect(report).toMatchObject({ created: 1, rejected: [] });
    const byFeed = await takeStored();

    // Where each came from differs, as it should.
    expect(byAdmin.source).toMatchObject({ feed: 'admin' });
    expect(byFeed.source).toMatchObject({ feed: 'acme-feed', externalId: 'docker-101' });
    for (const document of [byAdmin, byPartner, byFeed]) expect(document.slug).toMatch(/^docker-for-beginners-[0-9a-f]{6,8}$/);

    // Everything else is the same: the same rules wrote it.
    expect(byAdmin).toMatchObject({
      title: 'Docker for Beginners',
      titleKey: 'docker for beginners',
      titleFingerprint: 'beginners docker',
      urlKey: 'acme.example/courses/docker-101',
      language: 'en',
      tags: ['containers', 'docker'],
      priceCurrency: 'USD',
    });
    expect(withoutFields(byPartner, PROVENANCE_FIELDS)).toEqual(withoutFields(byFeed, PROVENANCE_FIELDS));
    expect(withoutFields(byAdmin, [...PROVENANCE_FIELDS, ...FEED_ONLY_FIELDS])).toEqual(
      withoutFields(byFeed, [...PROVENANCE_FIELDS, ...FEED_ONLY_FIELDS]),
    );
    expect(byAdmin.offerType).toBeUndefined();
    expect(byFeed.offerType).toBe('PAID');
    // The one skill matcher says who chose the link: the admin, the partner naming it, the feed's title.
    expect(evidenceOf(byAdmin)).toEqual([{ confidence: 1, matchedBy: 'ADMIN' }]);
    expect(evidenceOf(byPartner)).toEqual([{ confidence: 0.95, matchedBy: 'PARTNER' }]);
    expect(evidenceOf(byFeed)).toEqual([{ confidence: 0.9, matchedBy: 'TITLE' }]);
  });

  it('gives an admin title edit a new fingerprint, title key and search fields, and checks it for near-duplicates', async () => {
    const feedRecord: FeedRecord = {
      recordNumber: 1,
      externalId: 'k8s',
      kind: 'COURSE',
      providerSlug: 'udemy',
      title: 'Kubernetes: the Complete Guide',
      url: 'https://www.udemy.com/course/kubernetes-guide',
      price: 0,
      offer: { isPaid: false },
    };
    await new IngestionService().ingest('udemy', { records: [feedRecord], rejected: [] });
    const fromFeed = await ResourceModel.findOne({ 'source.feed': 'udemy' }).lean().exec();
    expect(fromFeed?.titleFingerprint).toBe('kubernetes');

    const course = await createAdminCourse({
      title: 'Rust in Practice',
      url: 'https://acme.example/courses/rust',
      providerId: toGlobalId('Provider', fixture.providerIds['acme-academy']),
      free: true,
    });
    const created = await ResourceModel.findOne({ slug: course.slug }).select(selectHiddenFields(ResourceModel)).lean().exec();
    expect(created?.titleFingerprint).toBe('practice rust');
    expect(await DuplicateCandidateModel.countDocuments({}).exec()).toBe(0);

    const edited = dataOf(
      await app.graphql(UPDATE, { input: { id: course.id, title: 'The Complete Kubernetes Course' } }, { admin: true }),
    ).updateResource;
    expect(edited.userErrors).toEqual([]);
    const stored = await ResourceModel.findOne({ slug: course.slug }).select(selectHiddenFields(ResourceModel)).lean().exec();
    expect(stored).toMatchObject({
      title: 'The Complete Kubernetes Course',
      titleKey: 'the complete kubernetes course',
      titleFingerprint: 'kubernetes',
    });
    // The search fields follow the new title too.
    expect(stored?.searchTitleTokens).toEqual(expect.arrayContaining(['kubernet']));
    expect(JSON.stringify(stored?.searchTitleTokens)).not.toMatch(/rust/);

    const candidates = await DuplicateCandidateModel.find({}).lean().exec();
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ titleFingerprint: 'kubernetes', status: 'OPEN' });
    expect(candidates[0].resourceIds.map(String).sort()).toEqual([String(fromFeed!._id), String(stored!._id)].sort());
  });
});
