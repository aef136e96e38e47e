import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { identifyRequestCaller, type ApiKeyVerifier, type Caller, type CredentialFailures } from '../auth';
import { isDatabaseUnavailable } from '../database-errors';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { INVALID_JSON_MESSAGE, sendErrorResponse, tooDeepMessage, tooLargeMessage } from './error-response';
import { jsonNestedDeeperThan } from './json-depth';

/** What express keeps in `response.locals` for one /graphql request. */
export interface GraphQLRequestLocals {
  caller: Caller;
  clientAddress: string;
  abortSignal?: AbortSignal;
}

export interface CallerIdentificationOptions {
  adminToken: string | undefined;
  apiKeys: ApiKeyVerifier;
  /** The client's address (the socket's, or a trusted proxy's report): rate limits and throttles count by it. */
  clientAddressOf: (request: IncomingMessage) => string;
  /** Failed credential checks per address: an address with too many gets 429 without a look-up. */
  credentialFailures?: CredentialFailures;
  logger: Logger;
}

/**
 * Identifies the caller from the headers BEFORE the body is read, so the body limit can depend on
 * who is calling (a bad credential never gets the larger limit) and a bad credential costs no body
 * parsing. Unknown, malformed or revoked credentials are answered 401 here; a database outage 503.
 */
export function identifyCallerMiddleware({
  adminToken,
  apiKeys,
  clientAddressOf,
  credentialFailures,
  logger,
}: CallerIdentificationOptions) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const clientAddress = clientAddressOf(request);
    identifyRequestCaller(request.headers, { adminToken, apiKeys, clientAddress, credentialFailures }).then(
      (caller) => {
        Object.assign(response.locals, { caller, clientAddress });
        next();
      },
      (error: unknown) => {
        if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
          const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
          sendErrorResponse(response, http?.status ?? 400, error.extensions.code, error.message, Object.fromEntries(http?.headers ?? []));
        } else if (isDatabaseUnavailable(error)) {
          sendErrorResponse(
            response,
            503,
            ErrorCode.ServiceUnavailable,
            'Credentials cannot be checked right now: the database is unavailable. Retry later.',
          );
        } else {
          logger.error({ err: error }, 'unexpected error while identifying the caller');
          sendErrorResponse(response, 500, ErrorCode.InternalServerError, 'Internal server error.');
        }
      },
    );
  };
}

/** A body refused by `verify`: too deep to walk safely. */
class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

export interface BodyLimits {
  anonymousBytes: number;
  authenticatedBytes: number;
  maxJsonDepth: number;
}

/**
 * JSON body parsing for /graphql with the limit of the caller identified before it (anonymous
 * callers get the small one) and the nesting depth checked on the raw bytes before parsing.
 */
export function graphqlBodyParser(limits: BodyLimits) {
  const verify = (_request: IncomingMessage, _response: ServerResponse, body: Buffer) => {
    if (jsonNestedDeeperThan(body, limits.maxJsonDepth)) throw new JsonTooDeepError(tooDeepMessage(limits.maxJsonDepth));
  };
  const anonymous = express.json({ limit: limits.anonymousBytes, verify });
  const authenticated = express.json({ limit: limits.authenticatedBytes, verify });
  return (request: Request, response: Response, next: NextFunction): void => {
    const caller = (response.locals as Partial<GraphQLRequestLocals>).caller;
    (caller && caller.kind !== 'anonymous' ? authenticated : anonymous)(request, response, next);
  };
}

/**
 * express error handler: answers body-parser's refusals (too large, malformed, too deep, bad
 * charset) as GraphQL-shaped errors and masks anything unexpected. An error after the answer was
 * sent (a timed-out request whose work finished late, a client gone) has nobody left to tell.
 */
export function httpErrorHandler(limits: BodyLimits, logger: Logger) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- express tells an error handler from a middleware by its four parameters
  return (error: unknown, request: Request, response: Response, _next: NextFunction): void => {
    if (response.headersSent || response.destroyed) {
      logger.debug({ err: error }, 'error after the response was sent');
      return;
    }
    const { status = 500, type } = error as { status?: number; type?: string };
    if (status === 413) {
      const authenticated = (response.locals as Partial<GraphQLRequestLocals>).caller?.kind !== 'anonymous';
      sendErrorResponse(
        response,
        413,
        ErrorCode.PayloadTooLarge,
        tooLargeMessage(authenticated ? limits.authenticatedBytes : limits.anonymousBytes, authenticated),
      );
    } else if (type === 'entity.too.deep') {
      sendErrorResponse(response, 400, ErrorCode.BadUserInput, (error as Error).message);
    } else if (status === 415) {
      sendErrorResponse(response, 415, 'BAD_REQUEST', 'The request body must be JSON in UTF-8 without a content encoding.');
    } else if (status >= 400 && status < 500) {
      sendErrorResponse(response, 400, ErrorCode.BadUserInput, INVALID_JSON_MESSAGE);
    } else {
      logger.error({ err: error, path: request.path }, 'unexpected error in the HTTP layer');
      sendErrorResponse(response, 500, ErrorCode.InternalServerError, 'Internal server error.');
    }
  };
}
