/**
 * What a user error is, without its GraphQL type (user-errors.ts): for code that must not load
 * type-graphql classes, such as the taxonomy validator that seed CLIs run without reflect-metadata.
 */

/** Why a mutation refused its input. Stable: clients may switch on these. */
export enum UserErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  DUPLICATE = 'DUPLICATE',
  INVALID = 'INVALID',
  PREREQUISITE_CYCLE = 'PREREQUISITE_CYCLE',
  IN_USE = 'IN_USE',
  CONFLICT = 'CONFLICT',
}

/** A problem with a mutation's input: the fields of the GraphQL type `UserError`. */
export interface UserErrorValue {
  field: string[];
  message: string;
  code: UserErrorCode;
}

/** Shorthand for building a UserError. */
export function userError(field: string[], code: UserErrorCode, message: string): UserErrorValue {
  return { field, code, message };
}
