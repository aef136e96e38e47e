import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Node: anything with a global id. Values travelling through a Node-typed field carry
 * `__typename` (set by whoever loaded them by global id) so the concrete type is known.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque id that `node(id:)` can fetch again.',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id. Stable; pass it to `node(id:)` or to mutations.' })
  id!: string;
}
