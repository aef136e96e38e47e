import type { Types } from 'mongoose';
import { ONE_BATCH } from '../../core/by-id-loader';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { SkillModel, type SkillDocument } from './skill.model';

/** The two kinds of prerequisite edge, by the field that stores them: REQUIRED and RECOMMENDED. */
export type PrerequisiteList = 'prerequisiteIds' | 'recommendedPrerequisiteIds';
export const PREREQUISITE_LISTS: readonly PrerequisiteList[] = ['prerequisiteIds', 'recommendedPrerequisiteIds'];

/** The prerequisite lists a write gives, each id with its index in the input (for the error's path). */
export type GivenPrerequisites = Partial<Record<PrerequisiteList, Array<{ id: Types.ObjectId; index: number }>>>;

type SkillPrerequisites = Pick<SkillDocument, '_id' | 'slug' | 'prerequisiteIds'> & {
  recommendedPrerequisiteIds?: Types.ObjectId[] | null;
};

/** The prerequisite lists a write gives with at least one edge. */
function listsWithEdges(given: GivenPrerequisites): PrerequisiteList[] {
  return PREREQUISITE_LISTS.filter((list) => (given[list]?.length ?? 0) > 0);
}

/** Whether a write gives any prerequisite edge (only an added edge can close a cycle; removing all cannot). */
export function addsPrerequisiteEdges(given: GivenPrerequisites): boolean {
  return listsWithEdges(given).length > 0;
}

/** The lease under which edge-adding writes check the graph and write, one at a time across processes. */
export const PREREQUISITE_GRAPH_LEASE = 'skill-prerequisite-graph';

/**
 * A prerequisite is either required or recommended, not both. The entry of the list the input gives
 * is blamed; with both lists given, the recommended one (the weaker claim).
 */
export function checkPrerequisiteKindsApart(
  given: GivenPrerequisites,
  self: Pick<SkillPrerequisites, 'prerequisiteIds' | 'recommendedPrerequisiteIds'> | null,
): UserError[] {
  const required = new Set((given.prerequisiteIds?.map(({ id }) => id) ?? self?.prerequisiteIds ?? []).map(String));
  const recommended = given.recommendedPrerequisiteIds;
  if (recommended) {
    return recommended
      .filter(({ id }) => required.has(String(id)))
      .map(({ index }) =>
        userError(
          ['input', 'recommendedPrerequisiteIds', String(index)],
          UserErrorCode.INVALID,
          'This skill is also a required prerequisite; a prerequisite is either required or recommended.',
        ),
      );
  }
  const storedRecommended = new Set((self?.recommendedPrerequisiteIds ?? []).map(String));
  return (given.prerequisiteIds ?? [])
    .filter(({ id }) => storedRecommended.has(String(id)))
    .map(({ index }) =>
      userError(
        ['input', 'prerequisiteIds', String(index)],
        UserErrorCode.INVALID,
        'This skill is already a recommended prerequisite; a prerequisite is either required or recommended. Give recommendedPrerequisiteIds without it in the same update.',
      ),
    );
}

interface Edge {
  to: string;
  recommended: boolean;
}

/**
 * Checks an edge-adding write against the graph as stored now (call it under PREREQUISITE_GRAPH_LEASE):
 * a prerequisite stays either required or recommended, counting what a racing write just stored, and
 * none may let the skill be reached from itself. Both kinds of edge count: a plan orders skills by
 * recommended prerequisites too, and a cycle leaves no order. A list the write does not give keeps its
 * stored edges. The taxonomy is small, so all edges are read in one query and searched in memory.
 */
export async function checkPrerequisiteEdges(skill: SkillPrerequisites, given: GivenPrerequisites): Promise<UserError[]> {
  const all = await SkillModel.find({}, { slug: 1, prerequisiteIds: 1, recommendedPrerequisiteIds: 1 })
    .batchSize(ONE_BATCH)
    .lean<SkillPrerequisites[]>()
    .exec();
  const byId = new Map(all.map((other) => [String(other._id), other]));
  const edges = new Map(all.map((other) => [String(other._id), edgesOf(other.prerequisiteIds, other.recommendedPrerequisiteIds)]));
  const selfKey = String(skill._id);
  // A list the write does not give keeps what is stored now (read just above), not what the caller read earlier.
  const stored = byId.get(selfKey) ?? skill;
  const mixedKinds = checkPrerequisiteKindsApart(given, stored);
  if (mixedKinds.length > 0) return mixedKinds;
  edges.set(
    selfKey,
    edgesOf(
      given.prerequisiteIds?.map(({ id }) => id) ?? stored.prerequisiteIds,
      given.recommendedPrerequisiteIds?.map(({ id }) => id) ?? stored.recommendedPrerequisiteIds,
    ),
  );
  const errors: UserError[] = [];
  for (const list of listsWithEdges(given)) {
    for (const { id, index } of given[list]!) {
      const path = findPath(edges, String(id), selfKey);
      if (!path) continue;
      const steps = [{ id: String(id), recommended: list === 'recommendedPrerequisiteIds' }, ...path];
      const cycle = steps.reduce(
        (text, step) => `${text} ${step.recommended ? '⇢' : '→'} ${byId.get(step.id)?.slug ?? step.id}`,
        skill.slug,
      );
      const legend = steps.some((step) => step.recommended) ? '"→" reads "requires", "⇢" reads "recommends first"' : '"→" reads "requires"';
      errors.push(
        userError(
          ['input', list, String(index)],
          UserErrorCode.PREREQUISITE_CYCLE,
          `This prerequisite would close the cycle ${cycle} (${legend}).`,
        ),
      );
    }
  }
  return errors;
}

function edgesOf(
  required: readonly Types.ObjectId[] | null | undefined,
  recommended: readonly Types.ObjectId[] | null | undefined,
): Edge[] {
  return [
    ...(required ?? []).map((id) => ({ to: String(id), recommended: false })),
    ...(recommended ?? []).map((id) => ({ to: String(id), recommended: true })),
  ];
}

/**
 * Depth-first search along prerequisite edges of both kinds. Returns the steps after `from` up to and
 * including `to`, each with the kind of the edge that reaches it, or null when `to` is not reachable.
 */
function findPath(edges: Map<string, Edge[]>, from: string, to: string): Array<{ id: string; recommended: boolean }> | null {
  const reachedBy = new Map<string, { from: string; recommended: boolean } | null>([[from, null]]);
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === to) {
      const path: Array<{ id: string; recommended: boolean }> = [];
      for (let step = current, edge = reachedBy.get(step); edge; step = edge.from, edge = reachedBy.get(step))
        path.unshift({ id: step, recommended: edge.recommended });
      return path;
    }
    for (const next of edges.get(current) ?? []) {
      if (reachedBy.has(next.to)) continue;
      reachedBy.set(next.to, { from: current, recommended: next.recommended });
      stack.push(next.to);
    }
  }
  return null;
}
