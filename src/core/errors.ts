import { GraphQLError } from 'graphql';

/** Every `extensions.code` the API returns for a GraphQL error. Clients may switch on these. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RateLimited = 'RATE_LIMITED',
  /** Another call with the same idempotency key is still running: retry shortly to get its answer. */
  IdempotencyKeyInUse = 'IDEMPOTENCY_KEY_IN_USE',
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

/** A call with this idempotency key is still being written by another request; retrying is safe. */
export class IdempotencyKeyInUseError extends GraphQLError {
  constructor(message = 'Another call with this idempotencyKey is still running: retry shortly to get its result.') {
    super(message, { extensions: { code: ErrorCode.IdempotencyKeyInUse, argumentName: 'input.idempotencyKey' } });
  }
}
