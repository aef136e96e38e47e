import { Types } from 'mongoose';
import { backfillHonestFields } from '../src/modules/ingestion/honest-fields-backfill';
import { DuplicateCandidateModel } from '../src/modules/ingestion/duplicate-candidate.model';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { resourceGlobalId, seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { insertRawResources } from './helpers/raw-resource-fixture';
import { dataOf, errorOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * Honest fields: prices and certificates are known free, known paid or unknown in filters, facets and
 * aggregates; unknown hours are null, never 0; stored records from before are migrated, once.
 */

let app: TestApp;
let fixture: CatalogFixture;
/** The fixture's resources and three whose price nobody knows (two events as confs.tech lists them, one course). */
let catalogue: Array<{ slug: string; kind: string; pricing: string; certificate?: string | null; durationMinutes?: number | null }>;

/** A resource whose price nobody knows: an event as confs.tech lists it, or a course. */
function unknownPriced(slug: string, kind: 'EVENT' | 'COURSE') {
  return {
    kind,
    slug,
    title: slug,
    url: `https://unknown.example/${slug}`,
    providerId: fixture.providerIds.confs,
    pricing: 'UNKNOWN',
    free: false,
    ...(kind === 'EVENT' ? { startDate: new Date('2025-09-01T00:00:00.000Z'), online: true } : {}),
    createdAt: new Date('2024-02-01T00:00:00.000Z'),
  };
}

const LIST = `query($filter: ResourceFilter) { resources(first: 100, filter: $filter) { edges { node { slug pricing free } } } }`;
const FACETS = `query($filter: ResourceFilter) { resourceFacets(filter: $filter) { total pricing { pricing count } free { free count } certificates { certificate count } } }`;
const STATS = `query { catalogStats(groupBy: [KIND], filter: { eventTime: ANY }) { kind count shareFree freeResources paidResources unknownPriceResources shareFreeOfKnown hours totalHours resourcesWithDuration } }`;

const slugs = (response: unknown) =>
  dataOf<{ resources: { edges: Array<{ node: { slug: string } }> } }>(response as never)
    .resources.edges.map((edge) => edge.node.slug)
    .sort();
const fixtureSlugs = (keep: (resource: (typeof catalogue)[number]) => boolean) =>
  catalogue
    .filter(keep)
    .map((resource) => resource.slug)
    .sort();

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedCatalog();
  const extras = [
    unknownPriced('meetup-a', 'EVENT'),
    unknownPriced('meetup-b', 'EVENT'),
    unknownPriced('course-of-unknown-price', 'COURSE'),
  ];
  await insertRawResources(extras);
  catalogue = [...fixture.resources, ...extras];
});
afterAll(() => app?.stop());

describe('tri-state prices and certificates', () => {
  it('filters on pricing FREE, PAID and UNKNOWN, and reads the events as UNKNOWN', async () => {
    const unknown = fixtureSlugs((resource) => resource.pricing === 'UNKNOWN');
    expect(unknown).toEqual(['course-of-unknown-price', 'meetup-a', 'meetup-b']);
    expect(slugs(await app.graphql(LIST, { filter: { pricing: ['UNKNOWN'] } }))).toEqual(unknown);
    expect(slugs(await app.graphql(LIST, { filter: { pricing: ['PAID'] } }))).toEqual(
      fixtureSlugs((resource) => resource.pricing === 'PAID'),
    );
    expect(slugs(await app.graphql(LIST, { filter: { pricing: ['FREE', 'UNKNOWN'] } }))).toEqual(
      fixtureSlugs((resource) => resource.pricing !== 'PAID'),
    );
    const read = dataOf(await app.graphql(LIST, { filter: { pricing: ['UNKNOWN'] } })).resources.edges;
    expect(read.map((edge: { node: { pricing: string; free: boolean } }) => edge.node)).toContainEqual({
      slug: 'meetup-a',
      pricing: 'UNKNOWN',
      free: false,
    });
  });

  it('keeps the deprecated `free: false` to known paid: an unknown price is not "paid"', async () => {
    const paid = slugs(await app.graphql(LIST, { filter: { free: false } }));
    expect(paid).toEqual(fixtureSlugs((resource) => resource.pricing === 'PAID'));
    expect(paid).not.toContain('meetup-a');
  });

  it('filters on certificates, UNKNOWN meaning the source said nothing', async () => {
    const none = fixtureSlugs((resource) => resource.certificate == null);
    expect(slugs(await app.graphql(LIST, { filter: { certificates: ['UNKNOWN'] } }))).toEqual(none);
    expect(slugs(await app.graphql(LIST, { filter: { certificates: ['PAID', 'UNKNOWN'] } }))).toEqual(
      fixtureSlugs((resource) => resource.certificate == null || resource.certificate === 'PAID'),
    );
    expect(slugs(await app.graphql(LIST, { filter: { certificates: ['FREE'] } }))).toEqual(
      fixtureSlugs((resource) => resource.certificate === 'FREE'),
    );
    expect(errorOf(await app.graphql(LIST, { filter: { pricing: ['MAYBE'] } })).code).toBe('BAD_USER_INPUT');
  });

  it('counts facets per pricing and certificate, each bucket once, UNKNOWN included, ignoring its own condition', async () => {
    const { resourceFacets } = dataOf(await app.graphql(FACETS, { filter: { pricing: ['UNKNOWN'] } }));
    const count = (value: string) => catalogue.filter((resource) => resource.pricing === value).length;
    expect(resourceFacets.total).toBe(count('UNKNOWN'));
    expect(Object.fromEntries(resourceFacets.pricing.map((row: { pricing: string; count: number }) => [row.pricing, row.count]))).toEqual({
      FREE: count('FREE'),
      PAID: count('PAID'),
      UNKNOWN: count('UNKNOWN'),
    });
    // The deprecated facet: `false` lumps paid and unknown together, as its description says.
    const all = dataOf(await app.graphql(FACETS, {})).resourceFacets;
    expect(all.free.find((row: { free: boolean }) => !row.free).count).toBe(count('PAID') + count('UNKNOWN'));
    const certificates = Object.fromEntries(
      all.certificates.map((row: { certificate: string; count: number }) => [row.certificate, row.count]),
    );
    expect(certificates.UNKNOWN).toBe(catalogue.filter((resource) => resource.certificate == null).length);
    expect(Object.values(certificates).reduce((sum: number, value) => sum + (value as number), 0)).toBe(all.total);
  });

  it('aggregates: unknown prices apart, share free among the known, and null hours when no duration is known', async () => {
    const rows = dataOf(await app.graphql(STATS, {})).catalogStats as Array<Record<string, unknown>>;
    const events = rows.find((row) => row.kind === 'EVENT')!;
    const fixtureEvents = fixture.resources.filter((resource) => resource.kind === 'EVENT');
    const freeEvents = fixtureEvents.filter((resource) => resource.pricing === 'FREE').length;
    const paidEvents = fixtureEvents.filter((resource) => resource.pricing === 'PAID').length;
    // The deprecated share counts the unknown ones as not free; the new one leaves them out.
    expect(events).toMatchObject({
      count: fixtureEvents.length + 2,
      freeResources: freeEvents,
      paidResources: paidEvents,
      unknownPriceResources: 2,
    });
    expect(events.shareFree).toBe(Math.round((freeEvents / (fixtureEvents.length + 2)) * 10000) / 10000);
    expect(events.shareFreeOfKnown).toBe(Math.round((freeEvents / (freeEvents + paidEvents)) * 10000) / 10000);
    expect(events).toMatchObject({ hours: null, totalHours: 0, resourcesWithDuration: 0 });
    const courses = catalogue.filter((resource) => resource.kind === 'COURSE');
    const timed = courses.filter((resource) => resource.durationMinutes != null);
    const course = rows.find((row) => row.kind === 'COURSE')!;
    expect(course.resourcesWithDuration).toBe(timed.length);
    expect(course.hours).toBe(Math.round((timed.reduce((sum, resource) => sum + resource.durationMinutes!, 0) / 60) * 10) / 10);
  });
});

describe('migrating stored records', () => {
  it('rewrites records from before tri-state prices once, and drops open mixed-kind pairs only', async () => {
    const legacy = (slug: string, fields: Record<string, unknown>) => ({
      _id: new Types.ObjectId(),
      kind: 'COURSE',
      slug,
      title: slug,
      titleKey: slug,
      url: `https://legacy.example/${slug}`,
      providerId: fixture.providerIds.udemy,
      level: null,
      priceAmount: null,
      source: { feed: 'legacy-feed', externalId: slug, fetchedAt: new Date() },
      ...fields,
    });
    const docs = [
      legacy('legacy-free', { free: true, level: 'BEGINNER' }),
      legacy('legacy-priced', { free: false, priceAmount: 20, priceCurrency: 'USD' }),
      legacy('legacy-subscription', { free: false, offerType: 'SUBSCRIPTION' }),
      legacy('legacy-admin', { free: false, source: { feed: 'admin', externalId: 'legacy-admin', fetchedAt: new Date() } }),
      legacy('legacy-event', { kind: 'EVENT', free: false, startDate: new Date('2020-01-01') }),
    ];
    await ResourceModel.collection.insertMany(docs);
    const [course, event, other] = [docs[0]._id, docs[4]._id, docs[1]._id];
    await DuplicateCandidateModel.collection.insertMany([
      { pairKey: 'mixed', resourceIds: [course, event], titleFingerprint: 'x', reason: 'r', status: 'OPEN' },
      { pairKey: 'mixed-dismissed', resourceIds: [other, event], titleFingerprint: 'x', reason: 'r', status: 'DISMISSED' },
      { pairKey: 'same-kind', resourceIds: [course, other], titleFingerprint: 'x', reason: 'r', status: 'OPEN' },
    ]);

    const first = await backfillHonestFields();
    expect(first).toMatchObject({ pricing: { FREE: 1, PAID: 3, UNKNOWN: 1 }, mixedKindCandidates: 1 });
    // Every stored level without a recorded source (the fixture's too): SOURCE, until a feed says TITLE.
    expect(first.levelSource).toBe(await ResourceModel.countDocuments({ level: { $ne: null } }).exec());
    expect((await ResourceModel.collection.findOne({ slug: 'legacy-free' }))!.levelSource).toBe('SOURCE');
    const pricingOf = async (slug: string) => (await ResourceModel.collection.findOne({ slug }))!.pricing;
    expect(await pricingOf('legacy-free')).toBe('FREE');
    expect(await pricingOf('legacy-priced')).toBe('PAID');
    expect(await pricingOf('legacy-subscription')).toBe('PAID');
    expect(await pricingOf('legacy-admin')).toBe('PAID');
    expect(await pricingOf('legacy-event')).toBe('UNKNOWN');
    expect((await DuplicateCandidateModel.find({}).lean().exec()).map((pair) => pair.pairKey).sort()).toEqual([
      'mixed-dismissed',
      'same-kind',
    ]);

    expect(await backfillHonestFields()).toEqual({ pricing: { FREE: 0, PAID: 0, UNKNOWN: 0 }, levelSource: 0, mixedKindCandidates: 0 });
    // The fixture's own records already had a pricing: none was touched.
    expect(await ResourceModel.countDocuments({ pricing: { $exists: false } }).exec()).toBe(0);
  });
});

describe('interactive tutorials', () => {
  it('filters on interactive: true the ones a source lists as interactive, false everything else (unknown included)', async () => {
    const course = catalogue.find((resource) => resource.kind === 'COURSE' && resource.slug !== 'course-of-unknown-price');
    expect(course).toBeDefined();
    await ResourceModel.collection.updateOne({ slug: course!.slug }, { $set: { interactive: true } });
    try {
      const everything = slugs(await app.graphql(LIST, { filter: { eventTime: 'ANY' } }));
      expect(slugs(await app.graphql(LIST, { filter: { interactive: true, eventTime: 'ANY' } }))).toEqual([course!.slug]);
      expect(slugs(await app.graphql(LIST, { filter: { interactive: false, eventTime: 'ANY' } }))).toEqual(
        everything.filter((slug) => slug !== course!.slug),
      );
      const wrongType = await app.graphql(LIST, { filter: { interactive: 'yes' } });
      expect(errorOf(wrongType).code).toBe('BAD_USER_INPUT');
    } finally {
      await ResourceModel.collection.updateOne({ slug: course!.slug }, { $unset: { interactive: '' } });
    }
  });
});

describe('an admin saying the price is unknown', () => {
  const UPDATE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { resource { ... on Course { pricing free price { amount currency } } } userErrors { field code } } }`;

  it('sets pricing UNKNOWN with `free: null`, removes the price, and refuses a price sent with it without writing', async () => {
    const paid = catalogue.find((resource) => resource.kind === 'COURSE' && resource.pricing === 'PAID');
    expect(paid).toBeDefined();
    const stored = (await ResourceModel.findOne({ slug: paid!.slug }).lean().exec())!;
    const id = resourceGlobalId(stored);

    const refused = dataOf(
      await app.graphql(UPDATE, { input: { id, free: null, price: { amount: 5, currency: 'USD' } } }, { admin: true }),
    );
    expect(refused.updateResource).toEqual({ resource: null, userErrors: [{ field: ['input', 'price'], code: 'INVALID' }] });
    expect((await ResourceModel.findById(stored._id).lean().exec())!.pricing).toBe('PAID');

    try {
      const made = dataOf(await app.graphql(UPDATE, { input: { id, free: null } }, { admin: true }));
      expect(made.updateResource).toEqual({ resource: { pricing: 'UNKNOWN', free: false, price: null }, userErrors: [] });
      expect(slugs(await app.graphql(LIST, { filter: { pricing: ['UNKNOWN'] } }))).toContain(paid!.slug);
      expect(slugs(await app.graphql(LIST, { filter: { pricing: ['PAID'] } }))).not.toContain(paid!.slug);
    } finally {
      await ResourceModel.collection.replaceOne({ _id: stored._id }, stored);
    }
  });
});
