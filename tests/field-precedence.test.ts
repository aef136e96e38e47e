import path from 'node:path';
import { readFeedFiles } from '../src/modules/ingestion/feed-fetcher';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import type { FeedRecord } from '../src/modules/ingestion/ingestion.types';
import { SOURCE_ADAPTERS } from '../src/modules/ingestion/sources';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedIngestionVocabulary } from './helpers/ingestion-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * Field-level precedence: a curated list (free-programming-books) lists a Coursera course first; then
 * Coursera's own feed lists it. Coursera's duration, certificate and offer win and are recorded per
 * field; re-running the curated list, or sending it with values of its own, never takes them back.
 */

let app: TestApp;
let service: IngestionService;
const ML_URL = 'https://www.coursera.org/learn/machine-learning';
const CURATED_LIST = `### Machine Learning\n\n* [Machine Learning](${ML_URL}) - Andrew Ng\n* [Python for Everybody](https://www.py4e.com) - Charles Severance\n`;

async function ingestCurated(text = CURATED_LIST) {
  const adapter = SOURCE_ADAPTERS['free-programming-books'];
  return service.ingest(adapter.feed, adapter.read([{ name: 'free-courses-en.md', text }]), {});
}

async function ingestCoursera(options: { full?: boolean } = {}) {
  const adapter = SOURCE_ADAPTERS.coursera;
  const files = await readFeedFiles(path.join(__dirname, 'fixtures', 'feeds', 'coursera.json'), adapter);
  return service.ingest(adapter.feed, adapter.read(files), { full: options.full, allowMassRetire: true });
}

const stored = async () => (await ResourceModel.findOne({ url: ML_URL }).lean().exec())!;

const RESOURCE = `query($slug: String!) { resource(slug: $slug) { pricing free offerType levelSource fieldSources { field source } sources { feed }
  ... on Course { durationMinutes certificate } } }`;

beforeAll(async () => {
  app = await startTestApp();
  await seedIngestionVocabulary();
  service = new IngestionService(app.entityChanges);
});
afterAll(() => app?.stop());

describe('a Coursera course first listed by free-programming-books', () => {
  it("takes Coursera's duration, certificate and offer, records them per field, and keeps the curated record's own", async () => {
    const curated = await ingestCurated();
    expect(curated.created).toBe(2);
    const before = await stored();
    expect(before).toMatchObject({ pricing: 'FREE', source: { feed: 'free-programming-books' } });
    expect(before.durationMinutes).toBeUndefined();
    expect(before.certificate).toBeUndefined();

    const coursera = await ingestCoursera();
    expect(coursera.listed).toBe(1);
    const after = await stored();
    // Coursera's own feed: "Approx. 61 hours to complete" and a paid (verified) certificate; free to audit.
    expect(after).toMatchObject({ durationMinutes: 61 * 60, certificate: 'PAID', offerType: 'AUDIT', pricing: 'FREE', free: true });
    expect(after.fieldSources).toEqual({
      certificate: 'coursera',
      durationMinutes: 'coursera',
      format: 'coursera',
      language: 'coursera',
      pricing: 'coursera',
      // Coursera's own record says which skills it teaches: its links replace the curated list's.
      skills: 'coursera',
    });
    expect(after.skillIds.length).toBeGreaterThan(0);
    // The record stays the curated list's: its slug, title and source.
    expect(after).toMatchObject({ slug: before.slug, title: before.title, source: { feed: 'free-programming-books' } });

    const resource = dataOf(await app.graphql(RESOURCE, { slug: after.slug })).resource;
    expect(resource).toMatchObject({ durationMinutes: 3660, certificate: 'PAID', pricing: 'FREE', offerType: 'AUDIT' });
    expect(resource.fieldSources).toEqual([
      { field: 'certificate', source: 'coursera' },
      { field: 'durationMinutes', source: 'coursera' },
      { field: 'format', source: 'coursera' },
      { field: 'language', source: 'coursera' },
      { field: 'pricing', source: 'coursera' },
      { field: 'skills', source: 'coursera' },
    ]);
    expect(resource.sources).toEqual([{ feed: 'free-programming-books' }, { feed: 'coursera' }]);
  });

  it('re-running the curated list takes nothing back and writes nothing; re-running Coursera writes nothing', async () => {
    const before = await stored();
    const curated = await ingestCurated();
    expect(curated).toMatchObject({ created: 0, updated: 0 });
    const coursera = await ingestCoursera();
    expect(coursera).toMatchObject({ created: 0, updated: 0 });
    expect(await stored()).toEqual(before);
  });

  it('the curated list sending values of its own for those fields does not overwrite them, but fills what nobody had', async () => {
    const id = (await stored())._id;
    const adapter = SOURCE_ADAPTERS['free-programming-books'];
    const record = adapter.read([{ name: 'free-courses-en.md', text: CURATED_LIST }]).records.find((entry) => entry.url === ML_URL)!;
    const hostile: FeedRecord = {
      ...record,
      duration: '2 hours',
      certificate: 'none',
      price: '$10',
      offer: { isPaid: true },
      rating: { average: 4.1, count: 12 },
    };
    const report = await service.ingest(adapter.feed, { records: [hostile], rejected: [] }, {});
    expect(report.rejected).toEqual([]);
    const after = (await ResourceModel.findById(id).lean().exec())!;
    expect(after).toMatchObject({ durationMinutes: 3660, certificate: 'PAID', pricing: 'FREE', free: true, offerType: 'AUDIT' });
    expect(after.priceAmount ?? null).toBeNull();
    // Coursera gives no rating: the curated list's is the best there is, and says so.
    expect(after).toMatchObject({ ratingAverage: 4.1, ratingCount: 12 });
    expect((after.fieldSources as Record<string, string>).rating).toBe('free-programming-books');
    expect((after.fieldSources as Record<string, string>).durationMinutes).toBe('coursera');
  });

  it('when Coursera stops listing it, the fields go back to the best source that still has them', async () => {
    await ingestCurated();
    await ingestCoursera({ full: true });
    const adapter = SOURCE_ADAPTERS.coursera;
    const files = await readFeedFiles(path.join(__dirname, 'fixtures', 'feeds', 'coursera.json'), adapter);
    const withoutMl = adapter.read(files).records.filter((entry) => !String(entry.url).endsWith('/machine-learning'));
    await service.ingest(adapter.feed, { records: withoutMl, rejected: [] }, { full: true, allowMassRetire: true });
    await ingestCurated();
    const after = await stored();
    expect(after.alsoListedBy ?? []).toEqual([]);
    expect(after.durationMinutes).toBeUndefined();
    expect(after.certificate).toBeUndefined();
    expect(after.fieldSources).toBeUndefined();
    expect(after).toMatchObject({ pricing: 'FREE', offerType: 'FREE' });
  });
});

describe("an admin's edit of a resource a feed owns", () => {
  const UPDATE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { userErrors { field code } } }`;

  it('outranks every feed: re-running the provider and the curated list takes back neither a value nor a cleared one', async () => {
    await ingestCurated();
    await ingestCoursera();
    const before = await stored();
    expect(before.durationMinutes).toBe(61 * 60);
    const { resource } = dataOf(await app.graphql(RESOURCE, { slug: before.slug }));
    const id = dataOf(await app.graphql(`query($slug: String!) { resource(slug: $slug) { id } }`, { slug: before.slug })).resource.id;
    expect(resource.fieldSources).toContainEqual({ field: 'durationMinutes', source: 'coursera' });

    // A corrected duration, and a certificate the admin knows nothing sure about (cleared: unknown).
    const edit = await app.graphql(
      UPDATE,
      { input: { id, level: 'ADVANCED', course: { durationMinutes: 1200, certificate: null } } },
      { admin: true },
    );
    expect(dataOf(edit).updateResource.userErrors).toEqual([]);

    for (const run of [ingestCoursera, ingestCurated, ingestCoursera]) await run();
    const after = await stored();
    expect(after).toMatchObject({ durationMinutes: 1200, level: 'ADVANCED' });
    expect(after.certificate ?? null).toBeNull();
    expect(after.fieldSources).toMatchObject({ durationMinutes: 'admin', certificate: 'admin', level: 'admin', pricing: 'coursera' });
    const read = dataOf(await app.graphql(RESOURCE, { slug: after.slug })).resource;
    expect(read.fieldSources).toContainEqual({ field: 'durationMinutes', source: 'admin' });
    expect(read).toMatchObject({ durationMinutes: 1200 });
  });
});
