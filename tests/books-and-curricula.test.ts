import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import { SOURCE_ADAPTERS } from '../src/modules/ingestion/sources';
import { SEED_DATA_DIR } from '../seeds/sources/seed-feeds';
import { seedIngestionVocabulary } from './helpers/ingestion-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * Books and curricula through the real pipeline and GraphQL: a book list and OSSU's curriculum are
 * ingested by their adapters into MongoDB, then read back as `Book`s and as `Course`s with their
 * schedules and prerequisites (a DataLoader: one query for a whole page, however many courses).
 */
const README = readFileSync(path.join(SEED_DATA_DIR, 'ossu-computer-science', 'README.md'), 'utf8');
const BOOKS = `### Index

* [PostgreSQL](#postgresql)

### PostgreSQL

* [PostgreSQL kompakt](https://books.example.de/pg) - Erika Muster, Max Muster (PDF, EPUB) (email address *requested*, not required)
* [Datenbanken ohne Umwege](https://books.example.de/db) (HTML)
`;

let app: TestApp;
let ingestion: IngestionService;

async function ingestCurriculum(markdown: string) {
  const adapter = SOURCE_ADAPTERS.ossu;
  return ingestion.ingest(adapter.feed, adapter.read([{ name: 'README.md', text: markdown }]), { full: true, allowMassRetire: true });
}

beforeAll(async () => {
  // Round trips are counted, so the caches that would hide them are off.
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  await seedIngestionVocabulary();
  ingestion = new IngestionService(app.entityChanges);
  const books = SOURCE_ADAPTERS['free-programming-books'];
  await ingestion.ingest(books.feed, books.read([{ name: 'books/free-programming-books-de.md', text: BOOKS }]));
  expect((await ingestCurriculum(README)).created).toBe(63);
}, 120_000);
afterAll(() => app?.stop());

const COURSES = `query($withPrerequisites: Boolean!) {
  resources(first: 100, filter: { kinds: [COURSE] }) { edges { node { ... on Course {
    id title durationMinutes weeks { minWeeks maxWeeks } weeklyEffort { minMinutes maxMinutes } durationRange { minMinutes maxMinutes }
    prerequisites @include(if: $withPrerequisites) { __typename title }
  } } } }
}`;

type CourseNode = {
  id: string;
  title: string;
  durationMinutes: number | null;
  weeks: { minWeeks: number; maxWeeks: number } | null;
  weeklyEffort: { minMinutes: number; maxMinutes: number } | null;
  durationRange: { minMinutes: number; maxMinutes: number } | null;
  prerequisites?: Array<{ __typename: string; title: string }>;
};

async function courses(withPrerequisites: boolean) {
  const { result, byCommand } = await app.countDatabaseCommands(() => app.graphql(COURSES, { withPrerequisites }));
  const nodes: CourseNode[] = dataOf(result).resources.edges.map((edge: { node: CourseNode }) => edge.node);
  return { byTitle: new Map(nodes.map((node) => [node.title, node])), count: nodes.length, byCommand };
}

describe('books', () => {
  it('are Books with authors, formats, access notes and the language of their list', async () => {
    const data = dataOf(
      await app.graphql(`query { resources(first: 10, filter: { kinds: [BOOK] }) { totalCount edges { node {
        __typename kind title language free offerType ... on Book { authors formats accessNotes }
      } } } }`),
    );
    expect(data.resources.totalCount).toBe(2);
    const byTitle = Object.fromEntries(data.resources.edges.map((edge: { node: { title: string } }) => [edge.node.title, edge.node]));
    expect(byTitle['PostgreSQL kompakt']).toEqual({
      __typename: 'Book',
      kind: 'BOOK',
      title: 'PostgreSQL kompakt',
      language: 'de',
      free: true,
      offerType: 'FREE',
      authors: ['Erika Muster', 'Max Muster'],
      formats: ['PDF', 'EPUB'],
      accessNotes: ['email address requested, not required'],
    });
    // What the line does not say is empty, not invented.
    expect(byTitle['Datenbanken ohne Umwege']).toMatchObject({ authors: [], formats: ['HTML'], accessNotes: [] });
  });

  it('are found by node(id) as Books, and never under another type', async () => {
    const data = dataOf(await app.graphql(`query { resources(first: 1, filter: { kinds: [BOOK] }) { edges { node { id } } } }`));
    const id = data.resources.edges[0].node.id;
    expect(
      dataOf(await app.graphql(`query($id: ID!) { node(id: $id) { __typename ... on Book { authors } } }`, { id })).node,
    ).toMatchObject({
      __typename: 'Book',
    });
    expect(Buffer.from(id, 'base64url').toString()).toMatch(/^Book:/);
    const asCourse = Buffer.from(
      Buffer.from(id, 'base64url')
        .toString()
        .replace(/^Book:/, 'Course:'),
    ).toString('base64url');
    expect(dataOf(await app.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: asCourse })).node).toBeNull();
  });

  it('are counted in the kind facet', async () => {
    const data = dataOf(await app.graphql(`query { resourceFacets { kinds { kind count } } }`));
    expect(data.resourceFacets.kinds).toEqual(expect.arrayContaining([{ kind: 'BOOK', count: 2 }]));
  });
});

describe("OSSU's courses", () => {
  it('carry their schedule as ranges in minutes, with null for what the curriculum does not give', async () => {
    const { byTitle, count } = await courses(false);
    expect(count).toBe(63);
    expect(byTitle.get('Operating Systems: Three Easy Pieces')).toMatchObject({
      durationMinutes: null,
      weeks: { minWeeks: 10, maxWeeks: 12 },
      weeklyEffort: { minMinutes: 360, maxMinutes: 600 },
      durationRange: { minMinutes: 3600, maxMinutes: 7200 },
    });
    expect(byTitle.get('Mathematics for Computer Science')).toMatchObject({ durationMinutes: 3900 });
    expect(byTitle.get('Essence of Linear Algebra')).toMatchObject({
      durationMinutes: null,
      weeks: null,
      weeklyEffort: null,
      durationRange: null,
    });
  });

  it('list their prerequisite courses, and a page of 63 courses costs one query more for all of them', async () => {
    const without = await courses(false);
    const withPrerequisites = await courses(true);
    expect(withPrerequisites.byTitle.get('Calculus 1C: Coordinate Systems & Infinite Series')?.prerequisites).toEqual([
      { __typename: 'Course', title: 'Calculus 1B: Integration' },
    ]);
    expect(withPrerequisites.byTitle.get('Systematic Program Design')?.prerequisites).toEqual([]);
    expect(withPrerequisites.byCommand.find).toBe((without.byCommand.find ?? 0) + 1);
  });

  it('drop a prerequisite the curriculum no longer lists (retired), and get it back when it returns', async () => {
    const withoutCalculus1B = README.split('\n')
      .filter((line) => !line.startsWith('[Calculus 1B: Integration]'))
      .join('\n');
    expect((await ingestCurriculum(withoutCalculus1B)).retired).toBe(1);
    const after = await courses(true);
    expect(after.count).toBe(62);
    expect(after.byTitle.get('Calculus 1C: Coordinate Systems & Infinite Series')?.prerequisites).toEqual([]);

    await ingestCurriculum(README);
    const restored = await courses(true);
    expect(restored.byTitle.get('Calculus 1C: Coordinate Systems & Infinite Series')?.prerequisites).toEqual([
      { __typename: 'Course', title: 'Calculus 1B: Integration' },
    ]);
  });
});
