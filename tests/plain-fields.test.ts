import 'reflect-metadata';
import { execute, GraphQLObjectType, GraphQLSchema, GraphQLString, isObjectType, parse } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { abandonAbortedResolvers } from '../src/core/abandoned-requests';
import { buildAppSchema } from '../src/schema';

/** `Type.field` of every object-type field the built schema leaves to graphql's default resolver. */
function defaultResolvedFields(schema: GraphQLSchema): Set<string> {
  const found = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (!field.resolve) found.add(`${type.name}.${field.name}`);
  }
  return found;
}

describe('fields left to the default resolver (`simpleResolvers: true`)', () => {
  it('are the plain lean-document types, and none of them is guarded by @Authorized or a middleware', async () => {
    const plain = defaultResolvedFields(await buildAppSchema());
    // The hot read path: a page of resources with their skills, categories and providers.
    for (const field of [
      'Course.title',
      'Event.url',
      'SkillCoverage.level',
      'Skill.name',
      'Category.name',
      'Provider.name',
      'ResourceEdge.node',
    ])
      expect(plain).toContain(field);
    const storage = getMetadataStorage();
    const typeNames = new Map<unknown, string[]>();
    for (const type of [...storage.objectTypes, ...storage.interfaceTypes]) typeNames.set(type.target, [type.name]);
    // An interface's guarded field is guarded on every object type implementing it.
    for (const type of storage.objectTypes)
      for (const implemented of type.interfaceClasses ?? []) typeNames.get(implemented)?.push(type.name);
    const guardedEntries = [...storage.authorizedFields, ...storage.middlewares];
    // Every guard sits on a type's field or on a resolver class (whose fields always keep a resolver):
    // a guard on anything else would be skipped by the check below without a word.
    const resolverClasses = new Set(storage.resolverClasses.map((resolver) => resolver.target));
    expect(guardedEntries.length).toBeGreaterThan(0);
    expect(guardedEntries.filter((entry) => !typeNames.has(entry.target) && !resolverClasses.has(entry.target))).toEqual([]);
    const guarded = guardedEntries.flatMap((entry) =>
      (typeNames.get(entry.target) ?? []).map((typeName) => `${typeName}.${entry.fieldName}`),
    );
    expect(guarded.filter((field) => plain.has(field))).toEqual([]);
  });

  it("keep a resolver where reading the value starts a query: a connection's totalCount is refused once the request is abandoned", async () => {
    const schema = await buildAppSchema();
    const resourceConnection = schema.getType('ResourceConnection') as GraphQLObjectType;
    expect(resourceConnection.getFields().totalCount.resolve).toBeDefined();
    expect(defaultResolvedFields(schema).has('ResourceConnection.totalCount')).toBe(false);
  });
});

describe('abandonAbortedResolvers', () => {
  function schemaWith(counted: { calls: number }): GraphQLSchema {
    return abandonAbortedResolvers(
      new GraphQLSchema({
        query: new GraphQLObjectType({
          name: 'Query',
          fields: {
            plain: { type: GraphQLString },
            queried: {
              type: GraphQLString,
              resolve: () => {
                counted.calls += 1;
                return 'read';
              },
            },
          },
        }),
      }),
    );
  }

  it('refuses resolvers of an abandoned request without starting them, and leaves plain property reads alone', async () => {
    const counted = { calls: 0 };
    const schema = schemaWith(counted);
    expect(schema.getQueryType()!.getFields().plain.resolve).toBeUndefined();
    const controller = new AbortController();
    controller.abort(new Error('request abandoned'));
    const result = await execute({
      schema,
      document: parse('{ plain queried }'),
      rootValue: { plain: 'stored' },
      contextValue: { abortSignal: controller.signal },
    });
    expect(result.data).toEqual({ plain: 'stored', queried: null });
    expect(result.errors?.map((error) => error.message)).toEqual(['request abandoned']);
    expect(counted.calls).toBe(0);
  });

  it('runs every resolver of a live request', async () => {
    const counted = { calls: 0 };
    const result = await execute({
      schema: schemaWith(counted),
      document: parse('{ plain queried }'),
      rootValue: { plain: 'stored' },
      contextValue: { abortSignal: new AbortController().signal },
    });
    expect(result).toEqual({ data: { plain: 'stored', queried: 'read' } });
    expect(counted.calls).toBe(1);
  });
});
