import type { EntityCache } from './cache/entity-cache';

/** What the loaders share across requests. */
export interface LoaderDependencies {
  /** The shared cache of documents by id, behind every by-id loader; absent: MongoDB only. */
  entityCache?: EntityCache;
}

/**
 * Every DataLoader of one request, as `context.loaders`. Made fresh for each request (in the context)
 * so batching and de-duplication never leak data between requests; shared caching is the entity
 * cache's job.
 *
 * Core names no feature: each module's `<feature>.loader.ts` extends this interface with what its
 * loader factory returns (declaration merging), and the composition root (src/app/loaders.ts) calls
 * every factory, checked against this type.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the feature modules (declaration merging)
export interface Loaders {}
