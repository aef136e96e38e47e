import { HOUSEKEEPING_COMMENT } from '../mongo';
import { CacheChangeModel, CacheChangeSequenceModel } from './cache-change.model';

const SEQUENCE_ID = 'cache';

/** What one change asks caches to forget. */
export interface CacheChange {
  typeName?: string;
  ids?: string[];
  alsoListsOf?: string[];
  flush?: boolean;
}

/** A change as read back from the log. */
export interface LoggedCacheChange extends CacheChange {
  sequence: number;
  appliedTo: string | null;
}

/**
 * The shared log of cache changes in MongoDB (see cache-change.model.ts). Writing a change takes two
 * steps, so that a change's number is known before the writer invalidates its own store (the epoch
 * it sets carries the number): `reserve` the next number, then `record` the change under it. A
 * reserved number whose record never arrives (the writer died in between) shows as a gap, which
 * followers treat as "something unknown changed" after a grace period.
 */
export class CacheChangeLog {
  /** The next sequence number (1, 2, …), atomically. */
  async reserve(): Promise<number> {
    const counter = await CacheChangeSequenceModel.findOneAndUpdate(
      { _id: SEQUENCE_ID },
      { $inc: { value: 1 } },
      { upsert: true, returnDocument: 'after' },
    )
      .lean()
      .exec();
    return counter.value;
  }

  async record(sequence: number, change: CacheChange, appliedTo: string | null): Promise<void> {
    await CacheChangeModel.create({ _id: sequence, at: new Date(), ...change, appliedTo });
  }

  /** The last number handed out (0 when none was). */
  async head(): Promise<number> {
    const counter = await CacheChangeSequenceModel.findOne({ _id: SEQUENCE_ID }).comment(HOUSEKEEPING_COMMENT).lean().exec();
    return counter?.value ?? 0;
  }

  /** Changes numbered above `sequence`, in order, at most `limit`. */
  async after(sequence: number, limit: number): Promise<LoggedCacheChange[]> {
    const records = await CacheChangeModel.find({ _id: { $gt: sequence } })
      .sort({ _id: 1 })
      .limit(limit)
      .comment(HOUSEKEEPING_COMMENT)
      .lean()
      .exec();
    return records.map((record) => ({
      sequence: record._id,
      typeName: record.typeName ?? undefined,
      ids: record.ids ?? undefined,
      alsoListsOf: record.alsoListsOf ?? undefined,
      flush: record.flush ?? undefined,
      appliedTo: record.appliedTo ?? null,
    }));
  }
}
