import type { AnyBulkWriteOperation, Types } from 'mongoose';
import { ResourceModel } from './resource.model';
import { resourceUrlKey } from './resource-url';

/** MongoDB's duplicate-key error code. (Not core/validation's helper: that module loads type-graphql, which the tsx-run seed and CLI must not.) */
const DUPLICATE_KEY = 11000;

/** True when a write failed because another resource holds the URL (the unique `urlKey` index). */
export function isUrlKeyConflict(error: unknown): boolean {
  const details = (error ?? {}) as { code?: unknown; keyPattern?: Record<string, unknown>; errmsg?: string; message?: string };
  if (details.code !== DUPLICATE_KEY) return false;
  // Real MongoDB names the key in `keyPattern`; mongo-java-server only in the message ("index: urlKey_1").
  return details.keyPattern ? 'urlKey' in details.keyPattern : /\burlKey_1\b/.test(details.errmsg ?? details.message ?? '');
}

/** A live resource that could not get its URL's claim because an older one (or one written since) holds it. */
export interface UnclaimedUrl {
  resourceId: string;
  url: string;
  /** The resource that holds the URL; null when the URL is no http(s) URL at all. */
  heldBy: string | null;
}

const BACKFILL_BATCH_SIZE = 1000;

/**
 * Gives every live resource written before URL claims existed its `urlKey`, oldest first: where
 * several live resources share a URL, the oldest (by id) gets the claim and the others are returned,
 * untouched, for an operator to merge or retire (a feed's later write of one of them is refused as
 * DUPLICATE until then). Safe to run at any time and idempotent; costs one query when there is
 * nothing to do. Run at start-up (src/index.ts), by the seed and by `npm run ingest`, before writing.
 */
export async function backfillResourceUrlKeys(): Promise<{ claimed: number; unclaimed: UnclaimedUrl[] }> {
  const missing = await ResourceModel.find({ urlKey: { $exists: false }, retiredAt: null }, { _id: 1, url: 1, kind: 1, startDate: 1 })
    .sort({ _id: 1 })
    .lean()
    .exec();
  const unclaimed: UnclaimedUrl[] = [];
  if (missing.length === 0) return { claimed: 0, unclaimed };
  // Among the unclaimed, the oldest of a URL claims it; one that already holds a key wins over all (the write fails below).
  const claimantOf = new Map<string, string>();
  const claims: Array<{ _id: Types.ObjectId; url: string; urlKey: string }> = [];
  for (const resource of missing) {
    const key = resourceUrlKey(resource);
    const heldBy = key === null ? null : claimantOf.get(key);
    if (key === null || heldBy !== undefined) {
      unclaimed.push({ resourceId: String(resource._id), url: resource.url, heldBy: heldBy ?? null });
      continue;
    }
    claimantOf.set(key, String(resource._id));
    claims.push({ _id: resource._id, url: resource.url, urlKey: key });
  }
  let claimed = 0;
  for (let start = 0; start < claims.length; start += BACKFILL_BATCH_SIZE) {
    const batch = claims.slice(start, start + BACKFILL_BATCH_SIZE);
    const operations: AnyBulkWriteOperation[] = batch.map(({ _id, urlKey }) => ({
      // `updatedAt` is left alone: claiming its URL is not a change of the resource.
      updateOne: { filter: { _id, urlKey: { $exists: false }, retiredAt: null }, update: { $set: { urlKey } }, timestamps: false },
    }));
    const failed = await unorderedWriteFailures(operations);
    claimed += batch.length - failed.size;
    if (failed.size === 0) continue;
    // A resource that already held one of these URLs (or a writer that claimed it since) keeps it.
    const raced = batch.filter((_, index) => failed.has(index));
    const winners = await ResourceModel.find({ urlKey: { $in: raced.map((claim) => claim.urlKey) } }, { _id: 1, urlKey: 1 })
      .lean()
      .exec();
    const winnerOf = new Map(winners.map((winner) => [winner.urlKey!, String(winner._id)]));
    for (const claim of raced)
      unclaimed.push({ resourceId: String(claim._id), url: claim.url, heldBy: winnerOf.get(claim.urlKey) ?? null });
  }
  return { claimed, unclaimed };
}

/** Runs an unordered bulk write; returns the indexes of the operations that failed on a duplicate key. */
async function unorderedWriteFailures(operations: AnyBulkWriteOperation[]): Promise<Set<number>> {
  try {
    await ResourceModel.bulkWrite(operations, { ordered: false, timestamps: false });
    return new Set();
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    if (!writeErrors) throw error;
    const failures = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as Array<{
      index: number;
      code?: number;
      err?: { code?: number };
    }>;
    if (failures.some((failure) => (failure.code ?? failure.err?.code) !== DUPLICATE_KEY)) throw error;
    return new Set(failures.map((failure) => failure.index));
  }
}
