import type { PlanSkill } from './plan-model';
import type { PlanTarget } from './plan-targets';
import type { ResourceScore } from './resource-scoring';

interface Orderable {
  target: PlanTarget;
  resources: ResourceScore[];
}

/**
 * Orders planned steps so that every skill comes after its prerequisites (REQUIRED and RECOMMENDED
 * edges between planned skills) and every course after the courses its curriculum lists first (OSSU's
 * prerequisites, when both are planned), a course edge being kept only where it does not contradict
 * the skill edges. Among steps free to go next: requirements before additional skills, heavier
 * first, then by slug. A cycle in stored data (writes refuse them) cannot stall it: what is left
 * goes in that same order.
 */
export function orderSteps<T extends Orderable>(entries: readonly T[], skills: ReadonlyMap<string, PlanSkill>): T[] {
  const index = new Map(entries.map((entry, position) => [entry.target.skillId, position]));
  const after = entries.map(() => new Set<number>());
  const addEdge = (from: number, to: number) => {
    if (from !== to) after[from].add(to);
  };
  entries.forEach((entry, position) => {
    const skill = skills.get(entry.target.skillId);
    for (const prerequisiteId of [...(skill?.requiredPrerequisiteIds ?? []), ...(skill?.recommendedPrerequisiteIds ?? [])]) {
      const from = index.get(prerequisiteId);
      if (from !== undefined) addEdge(from, position);
    }
  });
  const stepOfUrlKey = new Map<string, number>();
  entries.forEach((entry, position) => {
    for (const score of entry.resources) if (score.candidate.urlKey) stepOfUrlKey.set(score.candidate.urlKey, position);
  });
  entries.forEach((entry, position) => {
    for (const score of entry.resources) {
      for (const urlKey of score.candidate.prerequisiteUrlKeys) {
        const from = stepOfUrlKey.get(urlKey);
        if (from !== undefined && from !== position && !reaches(after, position, from)) addEdge(from, position);
      }
    }
  });

  const incoming = entries.map(() => 0);
  after.forEach((targets) => targets.forEach((to) => (incoming[to] += 1)));
  const rank = (position: number) => entries[position].target;
  const before = (left: number, right: number) =>
    rank(left).tier - rank(right).tier ||
    rank(right).weight - rank(left).weight ||
    (skills.get(rank(left).skillId)?.slug ?? '').localeCompare(skills.get(rank(right).skillId)?.slug ?? '');
  const placed = new Set<number>();
  const order: number[] = [];
  while (order.length < entries.length) {
    const ready = entries.map((_, position) => position).filter((position) => !placed.has(position) && incoming[position] === 0);
    const pool = ready.length > 0 ? ready : entries.map((_, position) => position).filter((position) => !placed.has(position));
    const next = pool.sort(before)[0];
    placed.add(next);
    order.push(next);
    for (const to of after[next]) incoming[to] -= 1;
  }
  return order.map((position) => ({ ...entries[position], resources: orderWithinStep(entries[position].resources) }));
}

/** True when `to` can be reached from `from` along the edges so far. */
function reaches(after: ReadonlyArray<ReadonlySet<number>>, from: number, to: number): boolean {
  const seen = new Set<number>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === to) return true;
    for (const next of after[current]) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return false;
}

/** A step's resources: a course its partner lists as a prerequisite first, else the lower level first. */
function orderWithinStep(resources: readonly ResourceScore[]): ResourceScore[] {
  if (resources.length < 2) return [...resources];
  const [first, second] = resources;
  const secondFirst = second.candidate.urlKey !== null && first.candidate.prerequisiteUrlKeys.includes(second.candidate.urlKey);
  return secondFirst ? [second, first, ...resources.slice(2)] : [...resources];
}
