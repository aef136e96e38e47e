import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { BadUserInputError } from '../errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow the last edge of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede the first edge of this page (the page was requested with `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; pass it as `after` to get the next page. Null for an empty page.',
  })
  endCursor!: string | null;
}

/** Arguments every paginated list takes. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, 1–${MAX_PAGE_SIZE}. Defaults to ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (an `endCursor` or edge `cursor` from an earlier page of the same list and ordering).',
  })
  after?: string | null;
}

/** Checks `first` and returns the page size to fetch. */
export function resolvePageSize(first: number | null | undefined, argumentName = 'first'): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"${argumentName}" must be between 1 and ${MAX_PAGE_SIZE}, got ${size}.`, argumentName);
  }
  return size;
}

/** The value a connection resolver returns; `totalCount` may be a lazy getter so it is computed only when selected. */
export interface ConnectionResult<TNode> {
  edges: Array<{ cursor: string; node: TNode }>;
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/**
 * Builds the `<Name>Edge` and `<Name>Connection` object types for a node type.
 * `nodeType` is a thunk so interface types and classes declared later both work.
 */
export function createConnectionType<TNode extends object>(
  name: string,
  nodeType: () => ClassType<TNode> | (abstract new (...args: never[]) => TNode),
  nodeDescription: string,
) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${nodeDescription} in a ${name}Connection, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque position of this edge; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(nodeType, { description: `The ${nodeDescription}.` })
    node!: TNode;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${nodeDescription}s (Relay cursor connection).` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds under the same filter (not just this page).' })
    totalCount!: number;
  }

  return Connection;
}
