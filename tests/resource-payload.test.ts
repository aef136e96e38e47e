import mongoose from 'mongoose';
import type { CommandSucceededEvent } from 'mongodb';
import { SEARCH_FIELD_NAMES } from '../src/modules/search/search-fields';
import { backfillSearchFields } from '../src/modules/search/search-indexing';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

// The search fields are three quarters of a stored resource. Reads that only show resources must not
// carry them over the wire: this watches the replies MongoDB actually sends.
let app: TestApp;
let fixture: CatalogFixture;
beforeAll(async () => {
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  fixture = await seedCatalog();
  await backfillSearchFields();
});
afterAll(() => app?.stop());

/** Every document of every reply MongoDB sent while `work` ran (cursor batches, raw or not, flattened one level for `$lookup` rows). */
async function documentsReceived(work: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const received: Array<Record<string, unknown>> = [];
  // Raw reads (src/core/lean-read.ts) leave the batch, or the whole cursor of an aggregation, as bytes in the event.
  const asDocument = (value: unknown) => (value instanceof Uint8Array ? mongoose.mongo.BSON.deserialize(value) : value);
  const listener = (event: CommandSucceededEvent) => {
    const cursor = asDocument((event.reply as { cursor?: unknown }).cursor) as
      { firstBatch?: unknown[]; nextBatch?: unknown[] } | undefined;
    for (const document of [...(cursor?.firstBatch ?? []), ...(cursor?.nextBatch ?? [])].map(asDocument) as Array<
      Record<string, unknown>
    >) {
      received.push(document);
      for (const value of Object.values(document)) if (value && typeof value === 'object' && 'title' in value) received.push(value);
    }
  };
  const client = mongoose.connection.getClient();
  client.on('commandSucceeded', listener);
  try {
    await work();
  } finally {
    client.off('commandSucceeded', listener);
  }
  return received;
}

const searchFieldsIn = (documents: Array<Record<string, unknown>>) =>
  documents.flatMap((document) => SEARCH_FIELD_NAMES.filter((name) => name in document));

describe('resource reads leave the search fields in MongoDB', () => {
  it('a page of resources, a skill’s resources and a resource by id', async () => {
    const page = dataOf(await app.graphql(`query { resources(first: 50) { edges { node { id title provider { name } } } } }`)).resources
      .edges;
    expect(page.length).toBe(15);
    const documents = await documentsReceived(async () => {
      dataOf(await app.graphql(`query { resources(first: 50) { edges { node { id title url } } } }`));
      dataOf(await app.graphql(`query($id: ID!) { node(id: $id) { id ... on Course { title } } }`, { id: page[0].node.id }));
      const skill = dataOf(
        await app.graphql(`query($id: ID!) { node(id: $id) { ... on Skill { resources(first: 5) { edges { node { title } } } } } }`, {
          id: fixture.ids.skill.docker,
        }),
      );
      expect(skill.node.resources.edges.length).toBeGreaterThan(0);
    });
    const resources = documents.filter((document) => 'title' in document && 'kind' in document);
    expect(resources.length).toBeGreaterThanOrEqual(15 + 1 + 1);
    expect(searchFieldsIn(resources)).toEqual([]);
  });

  it('search results, though the search itself reads and scores them', async () => {
    const documents = await documentsReceived(async () => {
      const found = dataOf(await app.graphql(`query { search(query: "docker") { edges { score node { title } } } }`)).search.edges;
      expect(found.length).toBeGreaterThan(0);
    });
    const resources = documents.filter((document) => 'title' in document && 'kind' in document);
    expect(resources.length).toBeGreaterThan(0);
    expect(searchFieldsIn(resources)).toEqual([]);
  });

  it('while the stored documents do hold them (this test would pass vacuously otherwise)', async () => {
    const stored = await mongoose.connection.collection('resources').findOne({});
    expect(Object.keys(stored!)).toEqual(expect.arrayContaining([...SEARCH_FIELD_NAMES]));
  });
});
