import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InterfaceType,
  ObjectType,
  Query,
  Resolver,
  Root,
  buildSchema,
} from 'type-graphql';
import { callFieldResolversDirectly } from '../direct-field-resolvers';

interface Row {
  id: string;
  ownerId: string;
}
interface TestContext {
  owners: Record<string, string>;
  calls: string[];
}

@InterfaceType({ resolveType: (row: Row) => (row.id.startsWith('b') ? 'Book' : 'Talk') })
abstract class Item {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ implements: Item })
class Book extends Item {}

@ObjectType({ implements: Item })
class Talk extends Item {}

@Resolver(() => Item)
class ItemResolver {
  @Query(() => [Item])
  items(): Row[] {
    return [
      { id: 'b1', ownerId: 'o1' },
      { id: 't1', ownerId: 'o2' },
    ];
  }

  @FieldResolver(() => String)
  owner(@Root() row: Row, @Ctx() context: TestContext): string {
    context.calls.push(`owner ${row.id}`);
    return context.owners[row.ownerId];
  }

  @FieldResolver(() => String)
  label(@Root() row: Row): string {
    return `item ${row.id}`;
  }

  @FieldResolver(() => String)
  greeting(@Root() row: Row, @Arg('word') word: string): string {
    return `${word} ${row.id}`;
  }

  @Authorized('ADMIN')
  @FieldResolver(() => String)
  secret(@Root() row: Row): string {
    return `secret ${row.id}`;
  }
}

const QUERY = '{ items { __typename id owner label } }';

async function freshSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [ItemResolver], orphanedTypes: [Book, Talk], authChecker: () => false, validate: false });
}

describe('callFieldResolversDirectly', () => {
  it('gives every type implementing the interface the method itself, with the same answers and arguments as type-graphql', async () => {
    const wrapped = await freshSchema();
    const direct = await freshSchema();
    const before = (['Book', 'Talk'] as const).map((name) => direct.getType(name));
    const resolversBefore = before.map(
      (type) => (type as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields().owner.resolve,
    );
    callFieldResolversDirectly(direct, ItemResolver, ['owner', 'label']);
    const resolversAfter = before.map(
      (type) => (type as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields().owner.resolve,
    );
    expect(resolversAfter[0]).not.toBe(resolversBefore[0]);
    expect(resolversAfter[1]).not.toBe(resolversBefore[1]);

    const run = async (schema: GraphQLSchema) => {
      const contextValue: TestContext = { owners: { o1: 'Ada', o2: 'Grace' }, calls: [] };
      const result = await graphql({ schema, source: QUERY, contextValue });
      return { result, calls: contextValue.calls };
    };
    const viaTypeGraphql = await run(wrapped);
    const viaDirectCalls = await run(direct);
    expect(viaDirectCalls.result).toEqual(viaTypeGraphql.result);
    expect(viaDirectCalls.result.data).toEqual({
      items: [
        { __typename: 'Book', id: 'b1', owner: 'Ada', label: 'item b1' },
        { __typename: 'Talk', id: 't1', owner: 'Grace', label: 'item t1' },
      ],
    });
    expect(viaDirectCalls.calls).toEqual(['owner b1', 'owner t1']);
  });

  it('refuses a method that takes arguments, one behind @Authorized, and a name that is not a field resolver', async () => {
    const schema = await freshSchema();
    expect(() => callFieldResolversDirectly(schema, ItemResolver, ['greeting'])).toThrow(/takes \(root,args?\)/);
    expect(() => callFieldResolversDirectly(schema, ItemResolver, ['secret'])).toThrow(/middleware or @Authorized/);
    expect(() => callFieldResolversDirectly(schema, ItemResolver, ['items'])).toThrow(/not a @FieldResolver/);
  });
});
