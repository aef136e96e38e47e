import type { ConnectionResult } from '../../core/relay/connection';
import { resolvePageSize } from '../../core/relay/connection';
import { findKeysetPage } from '../../core/relay/keyset-pagination';
import { normaliseSkillTerm } from '../skill/skill-term';
import { DuplicateCandidateModel, type DuplicateCandidateDocument } from './duplicate-candidate.model';

/** The review queue, newest first: one `find` per page (and a count only when `totalCount` is selected). */
export function listDuplicateCandidates(args: {
  first?: number | null;
  after?: string | null;
  status?: string | null;
}): Promise<ConnectionResult<DuplicateCandidateDocument>> {
  return findKeysetPage<DuplicateCandidateDocument>(DuplicateCandidateModel, {
    orderingName: 'duplicateCandidates:CREATED_AT_DESC',
    sortPath: 'createdAt',
    direction: -1,
    filter: args.status ? { status: args.status } : {},
    first: resolvePageSize(args.first),
    after: args.after,
  });
}

/** Jaccard similarity of two titles' word sets (lower-cased, without punctuation): 1 for the same words. */
export function titleSimilarity(left: string, right: string): number {
  const words = (title: string) => new Set(normaliseSkillTerm(title).split(' ').filter(Boolean));
  const a = words(left);
  const b = words(right);
  const union = new Set([...a, ...b]);
  if (union.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return Math.round((shared / union.size) * 1000) / 1000;
}
