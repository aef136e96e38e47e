import {
  getNamedType,
  isAbstractType,
  Kind,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { DEFAULT_RESPONSE_MAX_AGE_SECONDS, responseMaxAgeOf } from './cache-policy';

/** `Cache-Control` of everything that is not a public cacheable response. */
export const PRIVATE_NO_STORE = 'private, no-store';

/** How a document may be cached: only queries are, for `maxAge` seconds. */
export interface CachePolicy {
  cacheable: boolean;
  maxAge: number;
}

/**
 * The cache policy of a document from its text alone (a static walk of its selections), computed
 * once per document hash: cheaper than a per-field hook on every execution, and the same answer,
 * since a type's hint does not depend on the data.
 */
export class CachePolicyAnalyser {
  private readonly policies = new LRUCache<string, CachePolicy>({ max: 1_000 });

  constructor(private readonly schema: GraphQLSchema) {}

  policyOf(documentHash: string, document: DocumentNode, operation: OperationDefinitionNode): CachePolicy {
    const key = `${documentHash}|${operation.name?.value ?? ''}`;
    let policy = this.policies.get(key);
    if (!policy) {
      policy = this.analyse(document, operation);
      this.policies.set(key, policy);
    }
    return policy;
  }

  private analyse(document: DocumentNode, operation: OperationDefinitionNode): CachePolicy {
    if (operation.operation !== OperationTypeNode.QUERY) return { cacheable: false, maxAge: 0 };
    const schema = this.schema;
    const typeInfo = new TypeInfo(schema);
    let maxAge = Number.POSITIVE_INFINITY;
    // The operation and every fragment of the document: a fragment the operation does not spread
    // can only lower the hint, never raise it.
    const walked: DocumentNode = {
      ...document,
      definitions: document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION),
    };
    visit(
      walked,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const type = typeInfo.getType();
          if (!type) return;
          const named = getNamedType(type);
          const typeNames = isAbstractType(named)
            ? [named.name, ...schema.getPossibleTypes(named).map((possible) => possible.name)]
            : [named.name];
          for (const typeName of typeNames) maxAge = Math.min(maxAge, responseMaxAgeOf(typeName) ?? Number.POSITIVE_INFINITY);
        },
      }),
    );
    return { cacheable: true, maxAge: Number.isFinite(maxAge) ? maxAge : DEFAULT_RESPONSE_MAX_AGE_SECONDS };
  }
}
