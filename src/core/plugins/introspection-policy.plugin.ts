import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { Context } from '../context';
import { ErrorCode } from '../errors';
import { settleNow } from '../settle-now';

/** Callers who may read the schema when introspection is `privileged` (the production default). */
const INTROSPECTING_CALLERS = new Set(['analyst', 'admin']);

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Introspection for ANALYST and ADMIN callers only: analysts explore the schema in Sandbox and
 * frontend builds fetch possibleTypes with an analyst key, while anonymous callers and partners get
 * a FORBIDDEN error that says what to send. `__typename` is always allowed.
 */
export function createIntrospectionPolicyPlugin(): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, contextValue }) {
          return settleNow(() => {
            if (INTROSPECTING_CALLERS.has(contextValue.caller.kind) || !introspects(document)) return;
            throw new GraphQLError('Introspection (__schema, __type) needs an ANALYST or ADMIN API key in this deployment.', {
              extensions: { code: ErrorCode.Forbidden, http: { status: 403 } },
            });
          });
        },
      });
    },
  };
}
