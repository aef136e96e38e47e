import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../database-errors';
import { ErrorCode, RETRY_AFTER_SECONDS, UNAVAILABLE_CODES } from '../errors';
import { RequestAbandonedError } from '../http/request-deadline';
import { settleNow } from '../settle-now';
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

/** graphql-js's hints ("Did you mean the enum value TITLE?"), which reveal the schema to a caller who may not introspect it. */
const SUGGESTION = / ?Did you mean(.+?)\?/g;

export interface ErrorMaskingOptions {
  /** Remove "Did you mean …?" hints from every message (production: no suggestions of any kind). */
  hideSuggestions: boolean;
}

/**
 * Logs every unexpected error with the request id, tags every error in the response with that id
 * (`extensions.requestId`), and answers with HTTP 503 and Retry-After when an error says the service
 * is unavailable (MongoDB down or hung, request timed out) rather than that the request was wrong.
 */
export function createErrorMaskingPlugin(): ApolloServerPlugin<Context> {
  return {
    requestDidStart({ contextValue }) {
      return Promise.resolve({
        didEncounterErrors({ errors }) {
          return settleNow(() => {
            for (const error of errors) {
              const code = error.extensions?.code;
              if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) continue;
              if (code === undefined && !error.originalError) continue;
              if (isDatabaseUnavailable(error) || error.originalError instanceof RequestAbandonedError) continue;
              contextValue.logger?.error(
                { err: error.originalError ?? error, path: error.path },
                'unexpected error while executing an operation',
              );
            }
          });
        },
        willSendResponse({ response }) {
          return settleNow(() => {
            response.http.headers.set('x-request-id', contextValue.requestId);
            if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
            const errors = response.body.singleResult.errors;
            if (errors.some((error) => UNAVAILABLE_CODES.has(error.extensions?.code as string))) {
              response.http.status = 503;
              response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
            }
            response.body.singleResult.errors = errors.map((error) => ({
              ...error,
              extensions: { ...error.extensions, requestId: contextValue.requestId },
            }));
          });
        },
      });
    },
  };
}

/**
 * Apollo `formatError`: keeps client-facing errors (without stack traces or, if asked, suggestions),
 * turns "the database is unavailable" and "the request was abandoned" into their codes, and masks
 * everything else, so clients never see stack traces, driver messages or other users' data.
 */
export function createFormatError({ hideSuggestions }: ErrorMaskingOptions) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) {
      const extensions = { ...formatted.extensions };
      delete extensions.stacktrace;
      return { ...formatted, message: hideSuggestions ? formatted.message.replace(SUGGESTION, '') : formatted.message, extensions };
    }
    const original = error instanceof GraphQLError ? error : undefined;
    const location = { locations: formatted.locations, path: formatted.path ?? original?.path };
    // graphql-js and Apollo refuse some requests with a GraphQLError of their own that has no code
    // ("Unsupported persisted query version", "provided sha does not match query", an operation type
    // the schema has no root for). Nothing was thrown (no originalError), so nothing internal is in
    // the message: it is the client's to read.
    if (original && !original.originalError && original.extensions.code === undefined) {
      return {
        message: hideSuggestions ? original.message.replace(SUGGESTION, '') : original.message,
        ...location,
        extensions: { code: 'BAD_REQUEST' },
      };
    }
    if (isDatabaseUnavailable(error)) {
      return {
        message: `The database is unavailable right now; retry in ${RETRY_AFTER_SECONDS} seconds.`,
        ...location,
        extensions: { code: ErrorCode.ServiceUnavailable },
      };
    }
    const abandoned = original?.originalError ?? error;
    if (abandoned instanceof RequestAbandonedError) {
      return { message: abandoned.message, ...location, extensions: { code: ErrorCode.RequestTimeout } };
    }
    return {
      message: 'Internal server error. Quote the request id when you report it.',
      ...location,
      extensions: { code: ErrorCode.InternalServerError },
    };
  };
}
