import mongoose from 'mongoose';
import type { CacheMetrics } from './cache-metrics';
import { entityTtlOf } from './cache-policy';
import { entityKey, entityTag, type EpochCheckedValues } from './cache-store';
import { MissCoalescer, type Flight } from './miss-coalescing';
import { currentRequestScope } from './request-scope';

const { EJSON } = mongoose.mongo.BSON;

/**
 * Lean documents by id, shared by every request and process: the layer behind the by-id
 * DataLoaders. Values are Extended JSON, so ObjectIds and Dates come back as ObjectIds and Dates.
 * Writers emit entity changes and the cache listener deletes the entries they touch (CacheInvalidation), so an entry is never stale.
 * Concurrent misses of one entity in this process cost one database read (see miss-coalescing.ts).
 */
export class EntityCache {
  /** Misses in flight, by cache key: the Extended JSON of the document, or null when none exists. */
  private readonly coalescer = new MissCoalescer<string | null>();

  constructor(
    private readonly store: Pick<EpochCheckedValues, 'mget' | 'setManyIfEpoch'>,
    private readonly metrics: CacheMetrics,
    readonly enabled: boolean,
  ) {}

  /**
   * The documents of `ids` (hex strings) in key order, null where none exists: cached ones from one
   * MGET, the rest from `fetchMissing` (one query), which are then written back.
   */
  async load<TDoc extends { _id: unknown }>(
    typeName: string,
    ids: readonly string[],
    fetchMissing: (ids: string[]) => Promise<TDoc[]>,
  ): Promise<Array<TDoc | null>> {
    // Tag the response with what it read, whether the value comes from the cache or the database.
    const scope = currentRequestScope();
    if (scope) for (const id of ids) scope.tags.add(entityTag(typeName, id));
    if (!this.enabled) return this.fromDatabase(ids, fetchMissing);

    const cached = await this.store.mget(
      'entity',
      ids.map((id) => entityKey(typeName, id)),
    );
    if (!cached) return this.fromDatabase(ids, fetchMissing);
    const found = new Map<string, TDoc>();
    const missing: string[] = [];
    ids.forEach((id, index) => {
      const value = cached.values[index];
      if (value == null) missing.push(id);
      else found.set(id, EJSON.parse(value) as TDoc);
    });
    this.metrics.hit('entity', found.size);
    if (missing.length > 0) {
      this.metrics.miss('entity', missing.length);
      await this.loadMissing(typeName, missing, cached.epoch, fetchMissing, found);
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /**
   * Reads the missing documents into `found`: those another request of this process is reading at the
   * same epoch are awaited, the rest are read in one query and written back (unless an invalidation
   * came in between: the epoch check).
   */
  private async loadMissing<TDoc extends { _id: unknown }>(
    typeName: string,
    missing: string[],
    epoch: string,
    fetchMissing: (ids: string[]) => Promise<TDoc[]>,
    found: Map<string, TDoc>,
  ): Promise<void> {
    const waiting: Array<{ id: string; result: Promise<string | null | undefined> }> = [];
    const leading = new Map<string, Flight<string | null>>();
    for (const id of missing) {
      const flight = this.coalescer.join(entityKey(typeName, id), epoch);
      if (flight.joined) waiting.push({ id, result: flight.result });
      else leading.set(id, flight.flight);
    }
    if (waiting.length > 0) this.metrics.coalesced('entity', waiting.length);
    if (leading.size > 0) {
      let documents: TDoc[];
      try {
        documents = await fetchMissing([...leading.keys()]);
      } catch (error) {
        for (const flight of leading.values()) flight.settle(undefined);
        throw error;
      }
      for (const document of documents) found.set(String(document._id), document);
      // Settled after the write-back, as the response cache does: a request missing in between would
      // otherwise find neither the flight nor the entry, and read the same documents again. Settled
      // whatever happens: with nothing shareable (undefined) if the entries could not even be made.
      let valueById: Map<string, string> | undefined;
      try {
        const ttlSeconds = entityTtlOf(typeName);
        const entries = documents.map((document) => ({
          key: entityKey(typeName, String(document._id)),
          value: EJSON.stringify(document),
          ttlSeconds,
        }));
        valueById = new Map(documents.map((document, index) => [String(document._id), entries[index].value]));
        await this.store.setManyIfEpoch('entity', entries, epoch);
      } finally {
        for (const [id, flight] of leading) flight.settle(valueById ? (valueById.get(id) ?? null) : undefined);
      }
    }
    // A flight that ended without a shareable answer (its query failed) is read again here.
    const unanswered: string[] = [];
    for (const { id, result } of waiting) {
      const value = await result;
      if (value === undefined) unanswered.push(id);
      else if (value !== null) found.set(id, EJSON.parse(value) as TDoc);
    }
    if (unanswered.length > 0) for (const document of await fetchMissing(unanswered)) found.set(String(document._id), document);
  }

  private async fromDatabase<TDoc extends { _id: unknown }>(
    ids: readonly string[],
    fetchMissing: (ids: string[]) => Promise<TDoc[]>,
  ): Promise<Array<TDoc | null>> {
    const documents = await fetchMissing([...ids]);
    const byId = new Map(documents.map((document) => [String(document._id), document]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
