import { Types } from 'mongoose';
import { ResourceModel } from '../resource/resource.model';
import { DuplicateCandidateModel } from './duplicate-candidate.model';

export interface HonestFieldsBackfill {
  /** Resources given a `pricing`, by the value they got. */
  pricing: { FREE: number; PAID: number; UNKNOWN: number };
  /** Resources with a level whose source was not recorded: marked SOURCE (a feed's next run corrects title-read ones). */
  levelSource: number;
  /** Open near-duplicate candidates that paired two kinds (a repository with a conference), removed. */
  mixedKindCandidates: number;
}

/**
 * Rewrites resources stored before prices were tri-state: `free: true` is FREE; a price above 0, an
 * offer sold as PAID or SUBSCRIPTION, or an admin's own record (whose `free: false` an admin chose)
 * is PAID; everything else, confs.tech's events among them, was "not free" only because nothing was
 * known, and becomes UNKNOWN. Also records where a stored level came from, and drops open
 * near-duplicate pairs of different kinds (people's decisions on pairs are kept). Idempotent and
 * portable (`updateMany` with plain filters): a second run writes nothing. Run by the seed, by `npm
 * run ingest` and at start-up, before any feed writes, so the feeds' next run finds migrated records.
 */
export async function backfillHonestFields(): Promise<HonestFieldsBackfill> {
  const unset = { pricing: { $exists: false } };
  const levelUnset = { level: { $ne: null }, levelSource: { $exists: false } };
  // A migrated database costs two reads for prices and levels, plus the open-candidate check, and no update (the seed's second run writes nothing).
  if (!(await ResourceModel.exists(unset).exec()) && !(await ResourceModel.exists(levelUnset).exec()))
    return { pricing: { FREE: 0, PAID: 0, UNKNOWN: 0 }, levelSource: 0, mixedKindCandidates: await removeMixedKindCandidates() };
  const free = await ResourceModel.updateMany({ ...unset, free: true }, { $set: { pricing: 'FREE' } }).exec();
  const paid = await ResourceModel.updateMany(
    { ...unset, $or: [{ priceAmount: { $gt: 0 } }, { offerType: { $in: ['PAID', 'SUBSCRIPTION'] } }, { 'source.feed': 'admin' }] },
    { $set: { pricing: 'PAID' } },
  ).exec();
  const unknown = await ResourceModel.updateMany(unset, { $set: { pricing: 'UNKNOWN' } }).exec();
  const levels = await ResourceModel.updateMany(levelUnset, { $set: { levelSource: 'SOURCE' } }).exec();
  return {
    pricing: { FREE: free.modifiedCount, PAID: paid.modifiedCount, UNKNOWN: unknown.modifiedCount },
    levelSource: levels.modifiedCount,
    mixedKindCandidates: await removeMixedKindCandidates(),
  };
}

/** Deletes open candidates whose two resources are of different kinds. Two queries, plus one delete when any. */
async function removeMixedKindCandidates(): Promise<number> {
  const open = await DuplicateCandidateModel.find({ status: 'OPEN' }, { _id: 1, resourceIds: 1 }).lean().exec();
  if (open.length === 0) return 0;
  const ids = [...new Set(open.flatMap((candidate) => candidate.resourceIds.map(String)))].map((id) => new Types.ObjectId(id));
  const kinds = await ResourceModel.find({ _id: { $in: ids } }, { _id: 1, kind: 1 })
    .lean()
    .exec();
  const kindOf = new Map(kinds.map((resource) => [String(resource._id), resource.kind]));
  const mixed = open
    .filter((candidate) => new Set(candidate.resourceIds.map((id) => kindOf.get(String(id)))).size > 1)
    .map((candidate) => candidate._id);
  if (mixed.length === 0) return 0;
  const deleted = await DuplicateCandidateModel.deleteMany({ _id: { $in: mixed } }).exec();
  return deleted.deletedCount;
}
