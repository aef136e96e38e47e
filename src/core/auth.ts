import { timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { ErrorCode, ForbiddenError, RateLimitedError, UnauthenticatedError } from './errors';

/** Roles named in `@Authorized(...)`; an API key carries exactly one. */
export enum CallerRole {
  Admin = 'ADMIN',
  Partner = 'PARTNER',
  Analyst = 'ANALYST',
}

/**
 * Who is calling. Anonymous callers read the catalogue; a partner key is bound to one provider and
 * may write that provider's resources only; an analyst key reads (and, later, gets higher quotas);
 * admin comes from the ADMIN_TOKEN bearer or an admin API key. `apiKeyId` scopes idempotency keys
 * and logs to the key that was used (null for the ADMIN_TOKEN).
 */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'admin'; apiKeyId: string | null }
  | { kind: 'partner'; apiKeyId: string; providerId: string }
  | { kind: 'analyst'; apiKeyId: string };

/** Resolves a presented API key to its caller; null when the key is unknown, malformed or revoked. */
export interface ApiKeyVerifier {
  verify(presentedKey: string): Promise<Caller | null>;
}

/** The request headers the caller is read from (express lower-cases header names). */
export interface CredentialHeaders {
  authorization?: string;
  'x-api-key'?: string | string[];
}

/** The prefix every API key starts with, so a leaked key is recognisable (and scannable) as ours. */
export const API_KEY_PREFIX = 'sa_live_';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function invalidCredentials(where: string): GraphQLError {
  return new GraphQLError(`The credentials sent in the ${where} header are not valid.`, {
    extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
  });
}

/**
 * Reads the caller from the `Authorization: Bearer <token>` header. A token that is sent but wrong is
 * refused outright (401) rather than silently treated as anonymous, so a misconfigured client notices.
 */
export function identifyCaller(authorizationHeader: string | undefined, adminToken: string | undefined): Caller {
  if (!authorizationHeader) return { kind: 'anonymous' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorizationHeader.trim());
  if (match && adminToken && sameSecret(match[1], adminToken)) return { kind: 'admin', apiKeyId: null };
  throw invalidCredentials('Authorization');
}

/** Counts failed credential checks per client address (src/core/rate-limit/address-throttles.ts). */
export interface CredentialFailures {
  /** Seconds until `address` may present credentials again; 0 when it may now. */
  blockedForSeconds(address: string): number;
  recordFailure(address: string): void;
}

export interface IdentifyOptions {
  adminToken: string | undefined;
  apiKeys: ApiKeyVerifier;
  /** With `clientAddress`: an address with too many recent failures gets 429 before its credentials are looked up. */
  credentialFailures?: CredentialFailures;
  clientAddress?: string;
}

/**
 * Reads the caller of one request: an API key from `X-Api-Key` (or from `Authorization: Bearer` when
 * it has the `sa_live_` prefix), else the admin token from `Authorization: Bearer`, else anonymous.
 * Credentials that are sent but unknown, malformed or revoked are a 401, never anonymous access; each
 * such failure is counted against the client address, and an address over the limit gets 429
 * (RATE_LIMITED) without a look-up. Takes headers and an address only, so it can run before the body is read.
 */
export async function identifyRequestCaller(headers: CredentialHeaders, options: IdentifyOptions): Promise<Caller> {
  const { credentialFailures: failures, clientAddress: address } = options;
  const sendsCredentials = headers['x-api-key'] !== undefined || headers.authorization !== undefined;
  if (!failures || address === undefined || !sendsCredentials) return readCaller(headers, options);
  const blockedFor = failures.blockedForSeconds(address);
  if (blockedFor > 0) {
    throw new RateLimitedError(
      `Too many requests with invalid credentials from this address: credentials are not checked for ${blockedFor} s.`,
      blockedFor,
    );
  }
  try {
    return await readCaller(headers, options);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.Unauthenticated) failures.recordFailure(address);
    throw error;
  }
}

async function readCaller(headers: CredentialHeaders, options: IdentifyOptions): Promise<Caller> {
  const apiKeyHeader = Array.isArray(headers['x-api-key']) ? headers['x-api-key'][0] : headers['x-api-key'];
  if (apiKeyHeader !== undefined) {
    const caller = await options.apiKeys.verify(apiKeyHeader.trim());
    if (!caller) throw invalidCredentials('X-Api-Key');
    return caller;
  }
  const bearer = headers.authorization ? /^Bearer\s+(\S+)$/i.exec(headers.authorization.trim()) : null;
  if (bearer && bearer[1].startsWith(API_KEY_PREFIX)) {
    const caller = await options.apiKeys.verify(bearer[1]);
    if (!caller) throw invalidCredentials('Authorization');
    return caller;
  }
  return identifyCaller(headers.authorization, options.adminToken);
}

const ROLE_OF_CALLER: Record<Exclude<Caller['kind'], 'anonymous'>, CallerRole> = {
  admin: CallerRole.Admin,
  partner: CallerRole.Partner,
  analyst: CallerRole.Analyst,
};

/** The role a caller acts with; null for anonymous callers. */
export function roleOf(caller: Caller): CallerRole | null {
  return caller.kind === 'anonymous' ? null : ROLE_OF_CALLER[caller.kind];
}

/**
 * `@Authorized()` admits any authenticated caller; `@Authorized(roles…)` admits those roles only (admin is not implied).
 * Reads only the caller, so it needs no more of the request context than that.
 */
export const authChecker: AuthChecker<{ caller: Caller }, CallerRole> = ({ context }, roles) => {
  const role = roleOf(context.caller);
  if (role === null) throw new UnauthenticatedError();
  if (roles.length === 0 || roles.includes(role)) return true;
  throw new ForbiddenError();
};
