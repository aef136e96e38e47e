import path from 'node:path';
import { readFeedFiles } from '../src/modules/ingestion/feed-fetcher';
import { PRECEDENCE_FIELDS } from '../src/modules/ingestion/field-precedence';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import { partnerFeed } from '../src/modules/ingestion/partner-feed';
import { PartnerResourceService } from '../src/modules/ingestion/partner-resources.service';
import type { UpsertResourcesInput } from '../src/modules/ingestion/partner-resources.input';
import { SOURCE_ADAPTERS } from '../src/modules/ingestion/sources';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedIngestionVocabulary } from './helpers/ingestion-fixture';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * Field-level precedence under parallel writers. Three sources list one Coursera course: Coursera's
 * own feed (provider), a partner bound to Coursera, and free-programming-books (curated). They write
 * it at the same time, in a random order, each twice (the partner changing its values the second
 * time), round after round. What is attacked: a writer that decides from a read another writer's
 * write has since made stale (a lost update), so that a less authoritative source overwrites a more
 * authoritative one, or `fieldSources` names a feed whose value is not the one stored. After every
 * round: one resource for the URL, listed by all three, every field group from the most authoritative
 * source that has it, and exactly what the same writes done one after another give.
 */
jest.setTimeout(180_000);

const ML_URL = 'https://www.coursera.org/learn/machine-learning';
const CURATED_LIST = `### Machine Learning\n\n* [Machine Learning](${ML_URL}) - Andrew Ng\n`;
const ROUNDS = 80;

let app: TestApp;
let service: IngestionService;
let partners: PartnerResourceService;
let partnerFeedName: string;
let courseraCaller: { callerKey: string; boundProviderId: string };

beforeAll(async () => {
  app = await startTestApp();
  const { providerIds } = await seedIngestionVocabulary();
  service = new IngestionService(app.entityChanges);
  partners = new PartnerResourceService(service);
  courseraCaller = { callerKey: 'coursera-partner', boundProviderId: String(providerIds.coursera) };
  partnerFeedName = partnerFeed(String(providerIds.coursera));
});
afterAll(() => app?.stop());

const ingestCurated = async () => {
  const adapter = SOURCE_ADAPTERS['free-programming-books'];
  return service.ingest(adapter.feed, adapter.read([{ name: 'free-courses-en.md', text: CURATED_LIST }]), {});
};

const ingestCoursera = async () => {
  const adapter = SOURCE_ADAPTERS.coursera;
  const files = await readFeedFiles(path.join(__dirname, 'fixtures', 'feeds', 'coursera.json'), adapter);
  const records = adapter.read(files).records.filter((record) => String(record.url).endsWith('/learn/machine-learning'));
  expect(records).toHaveLength(1);
  return service.ingest(adapter.feed, { records, rejected: [] }, {});
};

/** The partner's record: values for every group, some Coursera also has (it must lose those), some nobody else has. */
const upsertPartner = async (version: 1 | 2) => {
  const result = await partners.upsert(courseraCaller, {
    items: [
      {
        externalId: 'ml-course',
        kind: 'COURSE',
        title: 'Machine Learning',
        url: ML_URL,
        level: version === 1 ? 'BEGINNER' : 'INTERMEDIATE',
        price: { amount: 49 + version, currency: 'USD' },
        language: 'de',
        durationMinutes: 1_000 * version,
        certificate: 'FREE',
        rating: { average: 4 + version / 10, count: 100 * version },
        format: 'partner video course',
      },
    ],
  } as unknown as UpsertResourcesInput);
  expect(result.userErrors).toEqual([]);
  return result;
};

/** One writer's turn: a random pause (0-4 ms), so the writers interleave differently every round. */
const later = async <T>(work: () => Promise<T>) => {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
  return work();
};

/** What precedence decides, plus who is listed: the state every round must end in. */
async function precedenceState() {
  const stored = await ResourceModel.find({ url: ML_URL }).lean().exec();
  expect(stored).toHaveLength(1);
  const [resource] = stored as Array<Record<string, unknown> & { source: { feed: string }; alsoListedBy?: Array<{ feed: string }> }>;
  return {
    feeds: [resource.source.feed, ...(resource.alsoListedBy ?? []).map((listing) => listing.feed)].sort(),
    fields: Object.fromEntries(PRECEDENCE_FIELDS.map((field) => [field, resource[field] ?? null])),
  };
}

describe('three sources writing one course in parallel', () => {
  let expected: Awaited<ReturnType<typeof precedenceState>>;

  it('one after another: each group from the most authoritative source that has it (the baseline)', async () => {
    await ingestCurated();
    await upsertPartner(1);
    await ingestCoursera();
    await upsertPartner(2);
    await ingestCurated();
    await ingestCoursera();
    expected = await precedenceState();
    expect(expected.feeds).toEqual(['coursera', 'free-programming-books', partnerFeedName].sort());
    // Coursera's own feed beats the partner where it has a value; the partner fills what Coursera lacks.
    expect(expected.fields).toMatchObject({
      durationMinutes: 61 * 60,
      certificate: 'PAID',
      pricing: 'FREE',
      offerType: 'AUDIT',
      level: 'INTERMEDIATE',
      ratingAverage: 4.2,
      ratingCount: 200,
    });
    const sources = expected.fields.fieldSources as Record<string, string>;
    expect(sources).toMatchObject({ durationMinutes: 'coursera', certificate: 'coursera', pricing: 'coursera', language: 'coursera' });
    expect(sources.level).toBe(partnerFeedName);
    expect(sources.rating).toBe(partnerFeedName);
    expect(Object.values(sources)).not.toContain('free-programming-books');
  });

  it(`in parallel, ${ROUNDS} rounds in random orders: always the same state, never a lower source over a higher one`, async () => {
    expect(expected).toBeDefined();
    const owners: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      await ResourceModel.deleteMany({}).exec();
      await Promise.all([
        later(async () => {
          await ingestCurated();
          await later(ingestCurated);
        }),
        later(async () => {
          await upsertPartner(1);
          await later(() => upsertPartner(2));
        }),
        later(async () => {
          await ingestCoursera();
          await later(ingestCoursera);
        }),
      ]);
      const state = await precedenceState();
      expect({ round, ...state }).toEqual({ round, ...expected });
      const owner = (await ResourceModel.findOne({ url: ML_URL }, { source: 1 }).lean().exec())!.source.feed;
      owners[owner] = (owners[owner] ?? 0) + 1;
    }
    // The races were real: more than one source got to create the resource first.
    expect(Object.keys(owners).length).toBeGreaterThan(1);
  });
});
