import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import type { FeedRecord } from '../src/modules/ingestion/ingestion.types';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { backfillSearchFields } from '../src/modules/search/search-indexing';
import { fuzzyTitleWords } from '../src/modules/search/search-fields';
import { analyseQuery } from '../src/modules/search/search-query';
import { SearchService } from '../src/modules/search/search.service';
import { backfillSearchVocabulary, knownTitleKeys, recordTitleWords } from '../src/modules/search/search-vocabulary';
import { SearchVocabularyModel } from '../src/modules/search/search-vocabulary.model';
import { deletionKeys } from '../src/modules/search/text-analysis';
import { SkillModel } from '../src/modules/skill/skill.model';
import { normaliseSkillTerm } from '../src/modules/skill/skill-term';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

// Typo queries look up only the deletion keys the title vocabulary (search_vocabulary) knows; these
// tests check that every write path fills it and that typo search finds what it found before.

let app: TestApp;
let fixture: CatalogFixture;
// The service itself, not GraphQL: no response cache between a write and the search that follows it.
const service = new SearchService();
const slugsFor = async (query: string) => (await service.search({ query, first: 50 })).edges.map((edge) => edge.node.slug);
const vocabularyWords = async () => (await SearchVocabularyModel.find({}, { _id: 1 }).lean()).map((entry) => String(entry._id)).sort();
const WRITES = ['insert', 'update', 'delete', 'findAndModify'];
const writesIn = (byCommand: Record<string, number>) => WRITES.filter((command) => byCommand[command]);

async function createCourse(title: string, skillId: string): Promise<{ id: string; slug: string }> {
  const response = await app.graphql(
    `mutation($input: CreateCourseInput!) { createCourse(input: $input) { resource { id slug } userErrors { message } } }`,
    {
      input: {
        title,
        url: `https://example.com/${encodeURIComponent(title)}`,
        providerId: fixture.ids.provider.udemy,
        free: true,
        skills: [{ skillId }],
      },
    },
    { admin: true },
  );
  expect(dataOf(response).createCourse.userErrors).toEqual([]);
  return dataOf(response).createCourse.resource;
}

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedCatalog();
  // Skills answer to their names, as seeded skills do (the fixture writes no match keys).
  for (const skill of await SkillModel.find({}, { name: 1 }).lean())
    await SkillModel.updateOne({ _id: skill._id }, { $set: { matchKeys: [normaliseSkillTerm(skill.name)] } });
  // The fixture writes raw documents: the backfill gives them search fields and records their title words.
  expect(await backfillSearchFields()).toBe(15);
});
afterAll(() => app?.stop());

describe('the title vocabulary', () => {
  it('holds every typo-matchable title word once, with its deletion keys, after the backfill', async () => {
    const titles = (await ResourceModel.find({}, { title: 1 }).lean()).map((resource) => resource.title);
    expect(await vocabularyWords()).toEqual([...new Set(titles.flatMap(fuzzyTitleWords))].sort());
    expect(await SearchVocabularyModel.findById('kubernetes').lean()).toEqual({ _id: 'kubernetes', keys: deletionKeys('kubernetes') });
  });

  it('answers which deletion keys of a query word some title word has', async () => {
    expect([...(await knownTitleKeys(deletionKeys('kubernets')))]).toEqual(['kubernets']);
    expect([...(await knownTitleKeys(deletionKeys('kuberentes')))].sort()).toEqual(['kuberetes', 'kuberntes']);
    expect((await knownTitleKeys(deletionKeys('zzzzzzz'))).size).toBe(0);
  });

  it('finds by a typo a title word the resource is not tagged with ("kubernets" → a Python course about Kubernetes)', async () => {
    const course = await createCourse('Running Kubernetes Workloads', fixture.ids.skill.python);
    for (const typo of ['kubernets', 'kuberentes']) {
      const found = await slugsFor(typo);
      expect({ typo, found: found.includes(course.slug) }).toEqual({ typo, found: true });
      expect(found).toContain('kubernetes-in-action');
    }
  });

  it('finds the same candidates as looking up every deletion key did', async () => {
    for (const query of ['kuberentes', 'pyhton', 'dokcer', 'postgrse', 'javscript', 'pipelnes', 'begginers', 'actoin']) {
      const [term] = analyseQuery(query).terms;
      const known = await knownTitleKeys(term.fuzzyKeys);
      const idsOf = async (keys: string[]) =>
        (
          await ResourceModel.find({ searchFuzzyKeys: { $in: keys } }, { _id: 1 })
            .sort({ _id: 1 })
            .lean()
        ).map((resource) => String(resource._id));
      const everyKey = await idsOf(term.fuzzyKeys);
      expect({ query, ids: await idsOf([...known]) }).toEqual({ query, ids: everyKey });
      expect(everyKey.length).toBeGreaterThan(0);
    }
  });

  it('costs one more small round trip only for a query looked up by typo', async () => {
    // "kuberentes" names no skill: the vocabulary is asked which of its deletion keys exist.
    expect((await app.countDatabaseCommands(() => service.search({ query: 'kuberentes' }))).byCommand).toEqual({ find: 1, aggregate: 2 });
    // Words that name skills are spelt right, and short words have no typo keys: skills, then the search.
    for (const query of ['docker kubernetes', 'python tutorial', 'web'])
      expect({ query, byCommand: (await app.countDatabaseCommands(() => service.search({ query }))).byCommand }).toEqual({
        query,
        byCommand: { find: 1, aggregate: 1 },
      });
  });

  it('records the words of a resource created or renamed through the admin API, findable by a typo right away', async () => {
    expect(await slugsFor('zookeper')).toEqual([]);
    const course = await createCourse('Zookeeper Operations', fixture.ids.skill.docker);
    expect(await SearchVocabularyModel.exists({ _id: 'zookeeper' })).toBeTruthy();
    expect(await slugsFor('zookeper')).toEqual([course.slug]);

    await app.graphql(
      `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { userErrors { message } } }`,
      { input: { id: course.id, title: 'Prometheus Operations' } },
      { admin: true },
    );
    expect(await slugsFor('promethues')).toEqual([course.slug]);
    // Append-only: the old word stays and matches nothing, which changes no result.
    expect(await SearchVocabularyModel.exists({ _id: 'zookeeper' })).toBeTruthy();
    expect(await slugsFor('zookeper')).toEqual([]);
  });

  it('records the words of resources ingested through the writer, and a re-run of the feed writes nothing', async () => {
    const ingestion = new IngestionService(app.entityChanges);
    const record: FeedRecord = {
      recordNumber: 1,
      externalId: 'wrangling-1',
      kind: 'COURSE',
      title: 'Terraform Wrangling Workshop',
      url: 'https://example.com/wrangling',
      providerSlug: 'udemy',
    };
    const reading = { records: [record], rejected: [] };
    const first = await ingestion.ingest('vocabulary-test', reading);
    expect(first).toMatchObject({ created: 1 });
    expect(await SearchVocabularyModel.exists({ _id: 'wrangling' })).toBeTruthy();
    const found = await slugsFor('wrangilng');
    expect(found).toHaveLength(1);
    expect(await ResourceModel.findOne({ slug: found[0] }, { title: 1 }).lean()).toMatchObject({ title: 'Terraform Wrangling Workshop' });

    const { result: again, byCommand } = await app.countDatabaseCommands(() => ingestion.ingest('vocabulary-test', reading));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(writesIn(byCommand)).toEqual([]);
  });

  it('writes nothing when recording words it has, or backfilling a filled vocabulary', async () => {
    const resources = await ResourceModel.find({}, { title: 1 }).lean();
    const recorded = await app.countDatabaseCommands(() => recordTitleWords(resources));
    expect(recorded.result).toBe(0);
    expect(recorded.byCommand).toEqual({ find: 1 });
    const backfilled = await app.countDatabaseCommands(() => backfillSearchVocabulary());
    expect(backfilled.result).toBe(0);
    expect(backfilled.byCommand).toEqual({ find: 1 });
    const reindexed = await app.countDatabaseCommands(() => backfillSearchFields({ skillIds: [fixture.skillIds.python] }));
    expect(writesIn(reindexed.byCommand)).toEqual(['update']);
  });

  it('fills an empty vocabulary from the existing titles (a catalogue indexed before it existed), and resumes an interrupted fill', async () => {
    const titles = (await ResourceModel.find({}, { title: 1 }).lean()).map((resource) => resource.title);
    const inTitles = [...new Set(titles.flatMap(fuzzyTitleWords))].sort();
    // Append-only: "zookeeper", renamed away above, is still recorded; a fill from the titles has no reason to.
    expect(await vocabularyWords()).toEqual([...inTitles, 'zookeeper'].sort());
    await SearchVocabularyModel.deleteMany({});
    // "actoin" names no skill: only the title word "Action" can find it, through the vocabulary.
    expect(await slugsFor('actoin')).toEqual([]);
    expect(await backfillSearchVocabulary()).toBe(inTitles.length);
    expect(await vocabularyWords()).toEqual(inTitles);
    expect(await slugsFor('actoin')).toEqual(['kubernetes-in-action']);

    // Interrupted: the marker is still there and some words are missing. The next run completes it.
    await SearchVocabularyModel.deleteMany({ _id: { $in: ['kubernetes', 'python'] } });
    await SearchVocabularyModel.create({ _id: '#filling', keys: [] });
    expect(await backfillSearchVocabulary()).toBe(2);
    expect(await vocabularyWords()).toEqual(inTitles);
    expect(await backfillSearchVocabulary()).toBe(0);
  });
});
