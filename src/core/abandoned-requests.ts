import { isObjectType, type GraphQLSchema } from 'graphql';

/** What the wrapper reads from the context: the request's AbortSignal (see request-deadline.ts). */
interface AbortableContext {
  abortSignal?: AbortSignal;
}

/**
 * Makes every field resolver refuse to start once its request was abandoned (deadline passed or
 * client gone): graphql-js has no cancellation, so without this an abandoned request would go on
 * resolving every remaining field, each a possible database query, for nobody. A resolver already
 * running finishes (its MongoDB command is bounded by maxTimeMS); the ones after it throw the
 * abort reason instead of starting. Changes the schema's field configs in place; call once.
 *
 * Fields left to graphql's default resolver are not wrapped: they read a property of a value already
 * loaded and start no work (type-graphql leaves them so for `@ObjectType({ simpleResolvers: true })`,
 * which only plain lean-document types use; a field whose value is a getter that queries, such as a
 * connection's `totalCount`, keeps a resolver). Wrapping them cost a call per field of every answer,
 * about a thousand for a page of 50 resources.
 */
export function abandonAbortedResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context: AbortableContext | undefined, info) => {
        const signal = context?.abortSignal;
        if (signal?.aborted) throw signal.reason;
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
