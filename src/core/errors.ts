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
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

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
      extensions: { code: ErrorCode.RateLimited, retryAfterSeconds: seconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) } },
    });
  }
}
