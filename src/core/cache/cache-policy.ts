/**
 * Every cache lifetime of the API, in one place. Writes purge what they change (see
 * CacheInvalidation), so these lifetimes are a backstop inside the API; the response max-age is
 * also what browsers and shared caches downstream are told (`Cache-Control`), and those are never
 * purged.
 */

const MINUTE = 60;
const HOUR = 3600;

/** How long one type's data may be cached, in seconds. */
export interface TypeCacheLifetimes {
  /** `Cache-Control: public, max-age` of a response that contains the type (the smallest of its types wins). */
  responseMaxAge: number;
  /** Lifetime of one document in the entity cache; only for types loaded by id through it. */
  entityTtl?: number;
}

/**
 * By GraphQL type (and model) name. The taxonomy is edited by hand, rarely; resources are rewritten
 * by feeds; events change most (dates, places, cancellations).
 */
export const CACHE_LIFETIMES_BY_TYPE: Readonly<Record<string, TypeCacheLifetimes>> = {
  Category: { responseMaxAge: 6 * HOUR, entityTtl: 6 * HOUR },
  Skill: { responseMaxAge: 6 * HOUR, entityTtl: 6 * HOUR },
  Role: { responseMaxAge: 6 * HOUR, entityTtl: 6 * HOUR },
  RoleSkill: { responseMaxAge: 6 * HOUR },
  Provider: { responseMaxAge: 6 * HOUR, entityTtl: 6 * HOUR },
  Resource: { responseMaxAge: 10 * MINUTE, entityTtl: 10 * MINUTE },
  Course: { responseMaxAge: 10 * MINUTE },
  OpenSourceProject: { responseMaxAge: 10 * MINUTE },
  Book: { responseMaxAge: 10 * MINUTE },
  Event: { responseMaxAge: 2 * MINUTE },
  // One caller's budget (the `rateLimit` field): 0 makes a document that selects it never cached, so
  // the budget of one address is never served to another.
  RateLimit: { responseMaxAge: 0 },
};

/** Max-age of a response whose fields name none of the types above (e.g. `{ __typename }`). */
export const DEFAULT_RESPONSE_MAX_AGE_SECONDS = 10 * MINUTE;

/** Entity-cache lifetime of a model without its own row above. */
export const DEFAULT_ENTITY_TTL_SECONDS = 5 * MINUTE;

/** The response max-age of `typeName`, undefined when the table has no row for it. */
export function responseMaxAgeOf(typeName: string): number | undefined {
  return CACHE_LIFETIMES_BY_TYPE[typeName]?.responseMaxAge;
}

/** Seconds a document of the model `typeName` stays in the entity cache when nothing purges it first. */
export function entityTtlOf(typeName: string): number {
  return CACHE_LIFETIMES_BY_TYPE[typeName]?.entityTtl ?? DEFAULT_ENTITY_TTL_SECONDS;
}

/**
 * How long a computed learning plan or skill gap stays in the shared cache. Every catalogue or
 * taxonomy write purges them (they are tagged with the collections they read), so this bounds memory,
 * not staleness.
 */
export const PLAN_TTL_SECONDS = 1 * HOUR;

/** How long a registered persisted query (hash → text) stays known after it was last registered; clients re-register after it expires. */
export const PERSISTED_QUERY_TTL_SECONDS = 24 * HOUR;

/**
 * How long a response-cache hit read from Redis is also kept in the process. Only used while the
 * store's epoch is unchanged (see the fast path), so this bounds memory, not staleness.
 */
export const LOCAL_RESPONSE_COPY_TTL_SECONDS = 1 * MINUTE;

/** How long a cache change stays in the shared change log: far longer than any process may lag behind it. */
export const CACHE_CHANGE_RETENTION_SECONDS = 24 * HOUR;
