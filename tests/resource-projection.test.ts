import type { CommandStartedEvent } from 'mongodb';
import mongoose from 'mongoose';
import {
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildAppSchema } from '../src/schema';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { resourceProjection, STORED_FIELDS_BY_RESOLVER } from '../src/modules/resource/resource.projection';
import { RESOURCE_TYPE_BY_KIND } from '../src/modules/resource/resource.type';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { insertRawResources } from './helpers/raw-resource-fixture';
import { dataOf, startTestApp, type TestApp, type UntypedJson } from './helpers/test-app';

/**
 * A page of resources fetches only the stored fields its selection reads (resource.projection.ts).
 * Attacked here: every field of every resource type, selected alongside and after a small selection,
 * with every cache on, must equal what the whole document gives (`resource(slug:)`, not projected).
 */

const RESOURCE_TYPES = Object.values(RESOURCE_TYPE_BY_KIND);

/** Every field of `type` that takes no arguments, object fields `depth` levels deep: the most a client can ask without arguments. */
function everyField(schema: GraphQLSchema, type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const fields = Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>).flatMap((field) => {
    if (field.args.length > 0) return [];
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) return [field.name];
    if (depth === 0) return [];
    const implementations = isInterfaceType(inner) ? schema.getPossibleTypes(inner) : [inner];
    const selected = implementations.map(
      (implementation) => `... on ${implementation.name} { ${everyField(schema, implementation, depth - 1)} }`,
    );
    return [`${field.name} { __typename ${selected.join(' ')} }`];
  });
  return fields.join(' ');
}

let app: TestApp;
let fixture: CatalogFixture;
let schema: GraphQLSchema;
let allFields: string;
/** A fragment `All` selecting `allFields`, so a document can ask for them many times within the parser's token limit. */
let everyResourceField: string;

beforeAll(async () => {
  // Every cache on: a projected document must never reach a cache as if it were whole.
  app = await startTestApp();
  fixture = await seedCatalog();
  // A book and a course several feeds list: the fields only they have (authors, fieldSources, alsoListedBy).
  await insertRawResources([
    {
      kind: 'BOOK',
      title: 'Projected book',
      providerId: fixture.providerIds.github,
      authors: ['A. Writer'],
      formats: ['PDF'],
      accessNotes: ['registration required'],
      createdAt: new Date('2024-06-01T00:00:00.000Z'),
    },
    {
      title: 'Listed twice',
      providerId: fixture.providerIds.coursera,
      fieldSources: { durationMinutes: 'coursera', level: 'free-programming-books' },
      alsoListedBy: [{ feed: 'free-programming-books', externalId: 'fpb-1', fetchedAt: new Date('2024-05-01T00:00:00.000Z') }],
      durationMinutes: 90,
      ratingAverage: 4.5,
      ratingCount: 10,
      prerequisiteUrlKeys: [],
      description: 'Described at length.',
      createdAt: new Date('2024-06-02T00:00:00.000Z'),
    },
  ]);
  schema = await buildAppSchema();
  allFields = RESOURCE_TYPES.map((name) => `... on ${name} { ${everyField(schema, schema.getType(name)!, 2)} }`).join(' ');
  everyResourceField = `fragment All on Resource { __typename ${allFields} }`;
});
afterAll(() => app?.stop());

type Page = { edges: Array<{ node: Record<string, UntypedJson> }> };

/** Each listed node as the whole document gives it: `resource(slug:)` reads it unprojected (a few per request: the node limit). */
async function wholeDocuments(slugs: string[]): Promise<Array<Record<string, UntypedJson>>> {
  const documents: Array<Record<string, UntypedJson>> = [];
  for (let start = 0; start < slugs.length; start += 4) {
    const chunk = slugs.slice(start, start + 4);
    const aliases = chunk.map((slug, index) => `r${index}: resource(slug: ${JSON.stringify(slug)}) { ...All }`);
    const data = dataOf<Record<string, Record<string, UntypedJson>>>(
      await app.graphql(`query { ${aliases.join(' ')} } ${everyResourceField}`),
    );
    documents.push(...chunk.map((_, index) => data[`r${index}`]));
  }
  return documents;
}

describe('per-selection projection of resource lists', () => {
  it('the query built from the schema selects every field, so each resource type is fully covered', () => {
    for (const field of ['description', 'fieldSources', 'sources', 'authors', 'rating', 'price', 'pricing', 'online', 'beginnerLabels'])
      expect(allFields).toMatch(new RegExp(`\\b${field}\\b`));
    expect(() => parse(`{ resources { edges { node { ${allFields} } } } }`)).not.toThrow();
  });

  it('a few fields, then every field, in one request and in the next ones (caches on): never a field missing', async () => {
    const query = `query { few: resources(first: 100) { edges { node { title } } } many: resources(first: 100) { edges { node { __typename ${allFields} } } } }`;
    const first = dataOf<{ few: Page; many: Page }>(await app.graphql(query));
    const slugs = first.many.edges.map((edge) => String(edge.node.slug));
    expect(slugs.length).toBe(fixture.resources.length + 2);
    const whole = await wholeDocuments(slugs);
    expect(first.many.edges.map((edge) => edge.node)).toEqual(whole);
    // The fields only some resources have came through (not merely null on both sides).
    const listedTwice = first.many.edges.find((edge) => edge.node.title === 'Listed twice')!.node;
    expect(listedTwice.fieldSources).toEqual([
      { __typename: 'FieldSource', field: 'durationMinutes', source: 'coursera' },
      { __typename: 'FieldSource', field: 'level', source: 'free-programming-books' },
    ]);
    expect(listedTwice.sources).toHaveLength(2);
    expect(listedTwice.description).toBe('Described at length.');
    expect(first.many.edges.find((edge) => edge.node.title === 'Projected book')!.node.authors).toEqual(['A. Writer']);

    // A small selection first, in its own request (its answer cached), then every field: still whole.
    dataOf(await app.graphql(`query { resources(first: 100) { edges { node { slug } } } }`));
    for (let round = 0; round < 2; round += 1) {
      const again = dataOf<{ resources: Page }>(
        await app.graphql(`query { resources(first: 100) { edges { node { __typename ${allFields} } } } }`),
      );
      expect(again.resources.edges.map((edge) => edge.node)).toEqual(whole);
    }
  });

  it('a listed resource and the same resource by id in one request agree field for field', async () => {
    const listed = dataOf<{ resources: Page }>(await app.graphql(`query { resources(first: 5) { edges { node { id title } } } }`));
    const ids = listed.resources.edges.map((edge) => String(edge.node.id));
    const byId = ids.map((id, index) => `n${index}: node(id: ${JSON.stringify(id)}) { ...All }`);
    const data = dataOf<Record<string, UntypedJson>>(
      await app.graphql(
        `query { resources(first: 5) { edges { node { id title } } } ${byId.join(' ')} list: resources(first: 5) { edges { node { ...All } } } } ${everyResourceField}`,
      ),
    );
    expect(ids.map((_, index) => data[`n${index}`])).toEqual((data.list as Page).edges.map((edge) => edge.node));
  });

  it('fetches only what the selection reads, in as many round trips as before', async () => {
    const commands: CommandStartedEvent[] = [];
    const client = mongoose.connection.getClient();
    const listen = (event: CommandStartedEvent) => commands.push(event);
    client.on('commandStarted', listen);
    try {
      await app.flushCaches();
      const { commands: count } = await app.countDatabaseCommands(() =>
        app.graphql(
          `query { resources(first: 10, orderBy: { field: TITLE, direction: ASC }) { edges { node { title provider { name } } } } }`,
        ),
      );
      // The page, then the providers.
      expect(count).toBe(2);
    } finally {
      client.off('commandStarted', listen);
    }
    const page = commands.find((event) => event.commandName === 'find' && event.command.find === ResourceModel.collection.collectionName);
    expect(page?.command.projection).toEqual({ _id: 1, kind: 1, titleKey: 1, title: 1, providerId: 1 });
  });

  it('falls back to the whole document for a field it does not know', () => {
    const info = (query: string) => {
      const document = parse(query);
      const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)!;
      const fragments = Object.fromEntries(
        document.definitions.flatMap((definition) =>
          definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
        ),
      );
      return { fieldNodes: [operation.selectionSet.selections[0]] as never, fragments };
    };
    expect(
      resourceProjection(info('{ resources { edges { node { title unheardOf } } } }'), ['edges', 'node'], 'createdAt'),
    ).toBeUndefined();
    // Named and inline fragments are followed, aliases resolved to field names.
    expect(
      resourceProjection(
        info('{ resources { edges { node { ...F ... on Course { label: title rating { average } } } } } } fragment F on Resource { url }'),
        ['edges', 'node'],
        'createdAt',
      ),
    ).toEqual({ _id: 1, kind: 1, createdAt: 1, url: 1, title: 1, ratingAverage: 1, ratingCount: 1 });
  });

  it('lists every field resolver of the resource types with the stored fields it reads', () => {
    const storage = getMetadataStorage();
    const resourceTargets = new Set(
      [...storage.objectTypes, ...storage.interfaceTypes]
        .filter((type) => type.name === 'Resource' || (RESOURCE_TYPES as readonly string[]).includes(type.name))
        .map((type) => type.target),
    );
    const resolved = storage.fieldResolvers
      .filter((resolver) => resolver.kind === 'external' && resourceTargets.has(resolver.getObjectType?.() as never))
      .map((resolver) => resolver.schemaName);
    expect(resolved.length).toBeGreaterThan(10);
    // Connections hung off a resource would need their own projection; none exists today.
    expect(resolved.filter((field) => !(field in STORED_FIELDS_BY_RESOLVER))).toEqual([]);
  });
});
