import { createHash } from 'node:crypto';
import { stripIgnoredCharacters } from 'graphql';
import { now, secondsUntilNextUtcDay, utcDayOf } from '../clock';

const SHA256_HEX = /^[a-f0-9]{64}$/;

/**
 * Whether a request carries credentials (admin token, API key), given a reader of its (lower-case)
 * headers. Such requests are never answered from the shared cache: their responses may depend on the
 * caller, a bad credential must get its 401, and per-key accounting must see every request.
 */
export function sendsCredentials(header: (name: string) => unknown): boolean {
  return header('authorization') !== undefined || header('x-api-key') !== undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The hash a document is cached under. A persisted-query hash is used as it is (a hash-only request
 * and its registration share an entry). A plain query is hashed without comments and insignificant
 * white space, so the same query padded with a unique comment is the same entry, not a new key in the
 * store per request; a query that does not even lex goes to Apollo, which refuses it.
 */
function documentHashOf(query: unknown, persistedHash: unknown): string | undefined {
  if (persistedHash !== undefined) {
    if (typeof persistedHash !== 'string' || !SHA256_HEX.test(persistedHash)) return undefined;
    // A query sent with a hash that does not match it goes to Apollo, which refuses it.
    if (query !== undefined && (typeof query !== 'string' || sha256(query) !== persistedHash)) return undefined;
    return persistedHash;
  }
  if (typeof query !== 'string') return undefined;
  try {
    return sha256(stripIgnoredCharacters(query));
  } catch {
    return undefined;
  }
}

/**
 * How long a response may be kept (in the store, and by clients told so in `Cache-Control`): its
 * type-based lifetime, but never past the next UTC midnight, when events that ended the day before
 * stop being upcoming (src/modules/resource/event-time.ts). 0 in the last second of a day.
 */
export function responseLifetimeSeconds(maxAge: number, at: Date = now()): number {
  return Math.min(maxAge, secondsUntilNextUtcDay(at));
}

/**
 * Key of a response, from the request body (`query`, `operationName`, `variables`, `extensions`):
 * the document hash, the operation name, the variables, the caller's scope and the UTC day (what is
 * "upcoming" changes at midnight, so no answer of one day is found on the next). Only anonymous
 * callers are cached today, so the scope is always `public`. Undefined when the body cannot be
 * cached. The HTTP fast path bounds the body's depth before parsing it, and express does the same,
 * so serialising the variables cannot overflow the stack.
 */
export function responseKeyOf(body: unknown, day: string = utcDayOf(now())): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  const documentHash = documentHashOf(
    query,
    (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash,
  );
  if (!documentHash) return undefined;
  return `response:${sha256(JSON.stringify([documentHash, operationName ?? null, variables ?? null, 'public', day]))}`;
}
