import { timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { ErrorCode, ForbiddenError, UnauthenticatedError } from './errors';
import type { Context } from './context';

/** Roles named in `@Authorized(...)`. */
export enum CallerRole {
  Admin = 'ADMIN',
}

/** Who is calling. API keys for partners and analysts come later; today a caller is anonymous or admin. */
export type Caller = { kind: 'anonymous' } | { kind: 'admin' };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Reads the caller from the `Authorization: Bearer <token>` header. A token that is sent but wrong is
 * refused outright (401) rather than silently treated as anonymous, so a misconfigured client notices.
 */
export function identifyCaller(authorizationHeader: string | undefined, adminToken: string | undefined): Caller {
  if (!authorizationHeader) return { kind: 'anonymous' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorizationHeader.trim());
  if (match && adminToken && sameSecret(match[1], adminToken)) return { kind: 'admin' };
  throw new GraphQLError('The credentials sent in the Authorization header are not valid.', {
    extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
  });
}

export const authChecker: AuthChecker<Context, CallerRole> = ({ context }, roles) => {
  const { caller } = context;
  if (caller.kind === 'anonymous') throw new UnauthenticatedError();
  if (roles.length === 0 || (caller.kind === 'admin' && roles.includes(CallerRole.Admin))) return true;
  throw new ForbiddenError();
};
