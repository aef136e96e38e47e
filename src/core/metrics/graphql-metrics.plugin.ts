import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST } from 'graphql';
import { Counter, type Registry } from 'prom-client';
import { LabelledHistogram } from './labelled-histogram';
import { ErrorCode } from '../errors';

/**
 * Operation names come from clients: past this many distinct names, new ones are counted as `other`,
 * so a client inventing names cannot grow the series without end.
 */
const MAX_OPERATION_NAMES = 200;

const DURATION_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type OperationOutcome = 'success' | 'error' | 'rate_limited';

/**
 * The GraphQL operations Apollo ran (response-cache hits answered before Apollo are counted by the cache
 * and HTTP metrics, not here):
 * - `skillatlas_graphql_operations_total{operation_name,operation_type,outcome}`;
 * - `skillatlas_graphql_operation_duration_seconds{operation_type,outcome}`;
 * - `skillatlas_rate_limit_decisions_total{check="operation",outcome}`: every operation that reached the
 *   rate limits, `limited` when it was answered RATE_LIMITED.
 * `operation_type` is `query`, `mutation`, `subscription`, or `unknown` for a document that did not parse
 * or validate; `outcome` is `error` when the response carries any error, `rate_limited` for RATE_LIMITED.
 */
export function createGraphQLMetricsPlugin(registry: Registry, rateLimitDecisions: Counter<'check' | 'outcome'>): ApolloServerPlugin {
  const operations = new Counter({
    name: 'skillatlas_graphql_operations_total',
    help: 'GraphQL operations run by Apollo, by operation name (at most 200 names, then "other"), type and outcome.',
    labelNames: ['operation_name', 'operation_type', 'outcome'] as const,
    registers: [registry],
  });
  const durations = new LabelledHistogram<'operation_type' | 'outcome'>(
    'skillatlas_graphql_operation_duration_seconds',
    'Seconds from Apollo receiving a GraphQL operation to its response, by type and outcome.',
    ['operation_type', 'outcome'],
    DURATION_BUCKETS_SECONDS,
    registry,
  );
  const knownNames = new Set<string>();
  const nameLabel = (name: string | null | undefined) => {
    const label = name || 'anonymous';
    if (knownNames.has(label)) return label;
    if (knownNames.size >= MAX_OPERATION_NAMES) return 'other';
    knownNames.add(label);
    return label;
  };
  return {
    requestDidStart() {
      const startedAt = performance.now();
      let operationType = 'unknown';
      let resolved = false;
      return Promise.resolve({
        didResolveOperation({ operation }) {
          operationType = operation?.operation ?? 'unknown';
          resolved = true;
          return Promise.resolve();
        },
        willSendResponse({ response, operationName, request, document, errors }) {
          const resultErrors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const allErrors = [...(errors ?? []), ...resultErrors];
          const rateLimited = allErrors.some((error) => error.extensions?.code === ErrorCode.RateLimited);
          const outcome: OperationOutcome = rateLimited ? 'rate_limited' : allErrors.length > 0 ? 'error' : 'success';
          // A document that failed validation has no resolved operation; its name is still in the document.
          const name = operationName ?? (document ? getOperationAST(document, request.operationName)?.name?.value : undefined);
          operations.inc({ operation_name: nameLabel(name), operation_type: operationType, outcome });
          durations.observeFor({ operation_type: operationType, outcome }, (performance.now() - startedAt) / 1000);
          if (resolved) rateLimitDecisions.inc({ check: 'operation', outcome: rateLimited ? 'limited' : 'allowed' });
          return Promise.resolve();
        },
      });
    },
  };
}
