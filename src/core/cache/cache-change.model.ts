import { Schema, model } from 'mongoose';
import { CACHE_CHANGE_RETENTION_SECONDS } from './cache-policy';

/**
 * One write that caches must forget, in the order writers reserved their sequence numbers. Every
 * writer appends one (API processes, `npm run seed`, `npm run ingest`, with or without Redis), and
 * every API process follows the log (CacheChangeFollower), so a write by any process reaches every
 * cache, even one that process could not reach itself.
 */
const cacheChangeSchema = new Schema(
  {
    /** The change's sequence number, from `cache_change_sequence`. */
    _id: { type: Number, required: true },
    /** When it was recorded; MongoDB's TTL monitor deletes it a day later. */
    at: { type: Date, required: true },
    /** The model whose documents changed (`Provider`); absent for a flush. */
    typeName: { type: String },
    /** Hex ids of the changed documents. */
    ids: { type: [String], default: undefined },
    /** Other types whose lists the change affects (a provider rename re-indexes resources). */
    alsoListsOf: { type: [String], default: undefined },
    /** Forget everything (bulk writes whose ids are not at hand: the seeder). */
    flush: { type: Boolean, default: undefined },
    /** `CacheStore.identity` of the store the writer already invalidated; null when it could not. */
    appliedTo: { type: String, default: null },
  },
  { versionKey: false, collection: 'cache_changes', autoIndex: false },
);
cacheChangeSchema.index({ at: 1 }, { expireAfterSeconds: CACHE_CHANGE_RETENTION_SECONDS });

/** The counter writers increment atomically to number their changes. */
const cacheChangeSequenceSchema = new Schema(
  { _id: { type: String, required: true }, value: { type: Number, required: true } },
  { versionKey: false, collection: 'cache_change_sequence' },
);

export const CacheChangeModel = model('CacheChange', cacheChangeSchema);
export const CacheChangeSequenceModel = model('CacheChangeSequence', cacheChangeSequenceSchema);
