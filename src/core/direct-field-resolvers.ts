import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type ResolverClass = new () => object;

/** A resolver class and the names of its field-resolver methods graphql-js is to call directly. */
export type DirectFieldResolvers = readonly [resolverClass: ResolverClass, methodNames: readonly string[]];

/** The parameter lists a direct call can honour: the root, or the root then the context, as written. */
const DIRECT_PARAMETER_LISTS = ['root', 'root,context'];

/**
 * Lets graphql-js call the named `@FieldResolver` methods of `resolverClass` itself, without
 * type-graphql's wrapper around every call (a resolver-data object, the resolver instance looked up in
 * its container, the parameter list sorted and mapped, an empty middleware chain run). The fields a page
 * of 50 resources resolves by method run ~300 times (`id`, `provider`, `skills` per resource,
 * `category` per skill), and the wrapper cost more than the methods.
 *
 * Only a method taken as `(@Root() root)` or `(@Root() root, @Ctx() context)`, with no middleware and
 * no `@Authorized`, qualifies; anything else throws when the schema is built, so a later change of the
 * method cannot be called with the wrong arguments. The method is called on an instance of its own, as
 * type-graphql's default container makes one (resolver classes hold no state). Call once, on the schema
 * type-graphql built, before any other wrapper.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema, resolverClass: ResolverClass, methodNames: readonly string[]): void {
  const storage = getMetadataStorage();
  const instance = new resolverClass() as Record<string, (...parameters: unknown[]) => unknown>;
  for (const methodName of methodNames) {
    const metadata = storage.fieldResolvers.find((candidate) => candidate.target === resolverClass && candidate.methodName === methodName);
    if (!metadata) throw new Error(`${resolverClass.name}.${methodName} is not a @FieldResolver`);
    const where = `${resolverClass.name}.${methodName}`;
    const parameters = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
    const kinds = parameters.map((parameter) => parameter.kind).join(',');
    const plainRoot = parameters.every(
      (parameter) =>
        parameter.kind !== 'root' || (parameter.propertyName === undefined && (!parameter.getType || parameter.getType() === Object)),
    );
    const plainContext = parameters.every((parameter) => parameter.kind !== 'context' || parameter.propertyName === undefined);
    if (!DIRECT_PARAMETER_LISTS.includes(kinds) || !plainRoot || !plainContext)
      throw new Error(`${where} cannot be called directly: it takes (${kinds}), not (root) or (root, context)`);
    if (metadata.middlewares?.length || metadata.roles !== undefined)
      throw new Error(`${where} cannot be called directly: it has middleware or @Authorized`);
    const method = instance[methodName];
    const resolve: GraphQLFieldResolver<unknown, unknown> =
      kinds === 'root' ? (root) => method.call(instance, root) : (root, _args, context) => method.call(instance, root, context);

    const owner = metadata.getObjectType?.();
    let replaced = 0;
    for (const objectType of storage.objectTypes) {
      const { target, interfaceClasses } = objectType;
      if (!(target === owner || (owner && target.prototype instanceof owner) || interfaceClasses?.includes(owner as never))) continue;
      const type = schema.getType(objectType.name);
      const field = isObjectType(type) ? type.getFields()[metadata.schemaName] : undefined;
      if (!field?.resolve) throw new Error(`${where}: ${objectType.name}.${metadata.schemaName} has no resolver to replace`);
      // Another class resolving the same field for this type would be type-graphql's pick, not ours.
      const rivals = storage.fieldResolvers.filter(
        (candidate) => candidate !== metadata && candidate.schemaName === metadata.schemaName && candidate.getObjectType?.() === target,
      );
      if (rivals.length > 0) throw new Error(`${where}: ${objectType.name}.${metadata.schemaName} has a field resolver of its own`);
      field.resolve = resolve;
      replaced += 1;
    }
    if (replaced === 0) throw new Error(`${where}: no object type of the schema has this field`);
  }
}
