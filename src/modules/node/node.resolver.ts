import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { parseGlobalId } from '../../core/relay/global-id';
import { Node } from './node.type';
import { RESOURCE_TYPE_BY_KIND } from '../resource/resource.type';

const MAX_NODES = 100;

/** `node` and `nodes`: refetch anything by its global id, batched through the same loaders as relations. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Fetches any object by its global id; null when it does not exist or the id is not one of ours.',
  })
  node(@Arg('id', () => ID, { description: 'A global id from any `id` field.' }) id: string, @Ctx() context: Context) {
    return loadNode(id, context);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Fetches up to ${MAX_NODES} objects by global id, in the order given; null in place of each id that names nothing.`,
  })
  nodes(@Arg('ids', () => [ID], { description: `Global ids, at most ${MAX_NODES}.` }) ids: string[], @Ctx() context: Context) {
    if (ids.length > MAX_NODES) throw new BadUserInputError(`"ids" may hold at most ${MAX_NODES} ids, got ${ids.length}.`, 'ids');
    return Promise.all(ids.map((id) => loadNode(id, context)));
  }
}

async function loadNode(globalId: string, { loaders }: Context): Promise<object | null> {
  const parsed = parseGlobalId(globalId);
  if (!parsed) return null;
  const key = parsed.objectId.toHexString();
  switch (parsed.typeName) {
    case 'Category':
      return withTypename(await loaders.categoryById.load(key), 'Category');
    case 'Skill':
      return withTypename(await loaders.skillById.load(key), 'Skill');
    case 'Role':
      return withTypename(await loaders.roleById.load(key), 'Role');
    case 'Provider':
      return withTypename(await loaders.providerById.load(key), 'Provider');
    case 'Course':
    case 'OpenSourceProject':
    case 'Event':
    case 'Book': {
      const resource = await loaders.resourceById.load(key);
      return resource && RESOURCE_TYPE_BY_KIND[resource.kind] === parsed.typeName ? withTypename(resource, parsed.typeName) : null;
    }
  }
}

function withTypename<T extends object>(document: T | null, typename: string): (T & { __typename: string }) | null {
  return document ? { ...document, __typename: typename } : null;
}
