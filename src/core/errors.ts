import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Every `extensions.code` the API returns for a GraphQL error. Clients may switch on these. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RateLimited = 'RATE_LIMITED',
  /** MongoDB is unreachable or did not answer in time: HTTP 503 with Retry-After; retry later. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** The request ran longer than REQUEST_TIMEOUT_MS and was abandoned: HTTP 503 with Retry-After. */
  RequestTimeout = 'REQUEST_TIMEOUT',
  /** Another call with the same idempotency key is still running: retry shortly to get its answer. */
  IdempotencyKeyInUse = 'IDEMPOTENCY_KEY_IN_USE',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

/** Seconds a client is told to wait (Retry-After) after a 503: about how long a MongoDB fail-over or restart takes. */
export const RETRY_AFTER_SECONDS = 5;

/** Codes answered with HTTP 503 and Retry-After: the request was fine, the service could not serve it now. */
export const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([ErrorCode.ServiceUnavailable, ErrorCode.RequestTimeout]);

/** Input the schema accepted but the API cannot use: a bad cursor, an out-of-range page size. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string) {
    super(message, { extensions: { code: ErrorCode.BadUserInput, ...(argumentName ? { argumentName } : {}) } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'This operation needs credentials: send "Authorization: Bearer <token>".') {
    super(message, { extensions: { code: ErrorCode.Unauthenticated } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = 'Your credentials do not allow this operation.') {
    super(message, { extensions: { code: ErrorCode.Forbidden } });
  }
}

/**
 * A request refused by a rate limit (src/core/rate-limit): HTTP 429 with `Retry-After`, and
 * `extensions.retryAfterSeconds` for clients that read the body only. Nothing of the operation ran.
 */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(message, {
      extensions: {
        code: ErrorCode.RateLimited,
        retryAfterSeconds: seconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
      },
    });
  }
}

/** A call with this idempotency key is still being written by another request; retrying is safe. */
export class IdempotencyKeyInUseError extends GraphQLError {
  constructor(message = 'Another call with this idempotencyKey is still running: retry shortly to get its result.') {
    super(message, { extensions: { code: ErrorCode.IdempotencyKeyInUse, argumentName: 'input.idempotencyKey' } });
  }
}
