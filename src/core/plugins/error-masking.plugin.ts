import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors';
import type { Context } from '../context';

/** Codes whose messages are written for clients and safe to show as they are. */
const CLIENT_FACING_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.InternalServerError),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Logs every unexpected error with the request id, tags every error in the response with that id
 * (`extensions.requestId`), and (through `formatError`) replaces unexpected ones with a generic message, so clients never see stack traces, driver messages or other users' data.
 */
export function createErrorMaskingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) continue;
            contextValue.logger?.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error while executing an operation');
          }
        },
        async willSendResponse({ response }) {
          response.http.headers.set('x-request-id', contextValue.requestId);
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}

/** Apollo `formatError`: keeps client-facing errors, masks the rest. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const original = error instanceof GraphQLError ? error : undefined;
  return {
    message: 'Internal server error. Quote the request id when you report it.',
    locations: formatted.locations,
    path: formatted.path ?? original?.path,
    extensions: { code: ErrorCode.InternalServerError },
  };
}
