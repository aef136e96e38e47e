import type { Level } from '../shared-enums';
import {
  LEVEL_BY_RANK,
  LEVEL_RANK,
  type PlanCandidate,
  type PlanConstraints,
  type PlanMoney,
  type PlanRole,
  type PlanSkill,
} from './plan-model';
import type { LearningPlanResult, PlanConstraintError, PlanConstraintName, PlanStep, UnplannedSkill } from './plan-result';
import { orderSteps } from './plan-order';
import { scheduleSteps } from './plan-schedule';
import { chooseTargets, type PlanTarget } from './plan-targets';
import { compareScores, round1, scoreCandidate, type ResourceScore } from './resource-scoring';
import { skillGap } from './skill-gap';
import { describeConstraintErrors } from './plan-constraint-errors';

/** Everything a plan is computed from. */
export interface PlanInputs {
  role: PlanRole;
  skills: ReadonlyMap<string, PlanSkill>;
  known: ReadonlyMap<string, Level>;
  constraints: PlanConstraints;
  /** By skill id: resources that pass the constraints (the budget's per-item cap included), any order. */
  candidates: ReadonlyMap<string, readonly PlanCandidate[]>;
  /** By skill id, for skills with resources none of which pass: the constraints that alone leave none ([] = only together). */
  blockedBy: ReadonlyMap<string, readonly PlanConstraintName[]>;
}

/** A skill with what the plan chose for it, before ordering. */
interface PlannedEntry {
  target: PlanTarget;
  /** Resources studied in this step (their hours and price count here). */
  resources: ResourceScore[];
  /** Resources studied in another step that teach this skill too. */
  shared: ResourceScore[];
  alternatives: ResourceScore[];
}

/** Alternatives shown per step. */
export const ALTERNATIVES_PER_STEP = 3;

/**
 * Computes a learning plan (pure and deterministic: the same inputs give the same plan).
 *
 * 1. The gap between the learner's levels and the role's requirements (skill-gap.ts).
 * 2. What to learn: options of unmet requirements and their missing REQUIRED prerequisites (plan-targets.ts).
 * 3. Resources: first one per skill, most important skill first, the best-scored one the
 *    constraints and what is left of the budget allow; then, with what the budget still has, a second
 *    one for each skill whose first stops below the level wanted (covering every skill comes before depth).
 * 4. A deadline: when the hours exceed `weeks × hoursPerWeek`, the least important steps no kept step
 *    depends on are dropped until the rest fits, and the shortfall is reported.
 * 5. Prerequisite order (skills' edges, then the courses' own), and a week-by-week schedule.
 */
export function buildPlan(inputs: PlanInputs): LearningPlanResult {
  const { role, skills, known, constraints } = inputs;
  const gap = skillGap(role.requirements, known);
  const scored = new Map<string, ResourceScore[]>();
  const scoresOf = (target: Pick<PlanTarget, 'skillId' | 'fromRank' | 'targetRank'>): ResourceScore[] => {
    const cacheKey = `${target.skillId}:${target.fromRank}:${target.targetRank}`;
    let list = scored.get(cacheKey);
    if (!list) {
      list = (inputs.candidates.get(target.skillId) ?? [])
        .filter((candidate) => allowedByConstraints(candidate, constraints))
        .map((candidate) => scoreCandidate(candidate, target.fromRank, target.targetRank))
        .sort(compareScores);
      scored.set(cacheKey, list);
    }
    return list;
  };
  const bestScoreOf = (skillId: string): number | null => {
    const option = gap.requirements.flatMap((requirement) => requirement.options).find((candidate) => candidate.skillId === skillId);
    const fromRank = option?.knownLevel ? LEVEL_RANK[option.knownLevel] : 0;
    return scoresOf({ skillId, fromRank, targetRank: option ? LEVEL_RANK[option.option.level] : 1 })[0]?.score ?? null;
  };
  const targets = chooseTargets(gap, skills, known, constraints.includeAdditionalSkills, bestScoreOf).sort(byImportance(skills));

  const spent = new Map<string, number>();
  const affordable = (score: ResourceScore) =>
    fitsBudget(score.candidate, constraints.budget, spent.get(constraints.budget?.currency ?? '') ?? 0);
  const planned: PlannedEntry[] = [];
  // A resource is studied once: one that teaches several planned skills is chosen for the first (most important) of them, where its
  // hours and price count; a later skill it is the only choice for shares it (`shared`) at no further hours or cost.
  const chosen = new Set<string>();
  const available = (score: ResourceScore) => !chosen.has(score.candidate.id) && affordable(score);
  const unplanned: UnplannedSkill[] = [];
  const budgetShortfalls: number[] = [];
  // First pass: one resource per skill, most important skill first, so the budget covers skills before depth.
  for (const target of targets) {
    const scores = scoresOf(target);
    const first = scores.find(available);
    const alreadyStudied = first ? undefined : scores.find((score) => chosen.has(score.candidate.id));
    if (alreadyStudied) {
      planned.push({ target, resources: [], shared: [alreadyStudied], alternatives: [] });
      continue;
    }
    if (!first) {
      const blockedBy = [...(inputs.blockedBy.get(target.skillId) ?? [])];
      const reason =
        scores.length > 0 || blockedBy.includes('BUDGET') ? 'BUDGET' : inputs.blockedBy.has(target.skillId) ? 'CONSTRAINTS' : 'NO_RESOURCE';
      if (scores.length > 0) budgetShortfalls.push(cheapestOverrun(scores, constraints.budget, spent));
      unplanned.push({ skillId: target.skillId, reason, blockedBy, stepReason: target.reason, requirementKey: target.requirementKey });
      continue;
    }
    charge(spent, first.candidate.price);
    chosen.add(first.candidate.id);
    planned.push({ target, resources: [first], shared: [], alternatives: [] });
  }
  // Second pass, with what the budget has left: where the first resource stops below the level wanted, the best one that goes further.
  for (const entry of planned) {
    const [first] = entry.resources;
    if (!first) continue;
    const firstRank = first.candidate.level ? LEVEL_RANK[first.candidate.level] : null;
    if (firstRank === null || firstRank >= entry.target.targetRank) continue;
    const further = scoresOf(entry.target).find(
      (score) => score.candidate.level !== null && LEVEL_RANK[score.candidate.level] > firstRank && available(score),
    );
    if (!further) continue;
    entry.resources.push(further);
    chosen.add(further.candidate.id);
    charge(spent, further.candidate.price);
  }
  for (const entry of planned)
    entry.alternatives = scoresOf(entry.target)
      .filter((score) => !entry.resources.includes(score) && !entry.shared.includes(score))
      .slice(0, ALTERNATIVES_PER_STEP);

  const userErrors: PlanConstraintError[] = [];
  const kept = fitDeadline(planned, skills, constraints, userErrors, unplanned);
  const ordered = orderSteps(kept, skills);
  const { schedule, weeksOf, totalWeeks } = scheduleSteps(ordered, constraints.hoursPerWeek);
  const positionOfResource = new Map<string, number>();
  ordered.forEach((entry, index) => entry.resources.forEach((score) => positionOfResource.set(score.candidate.id, index + 1)));
  const steps: PlanStep[] = ordered.map((entry, index) => {
    const hours = round1(entry.resources.reduce((sum, score) => sum + score.hours.hours, 0));
    const estimatedHours = round1(
      entry.resources.filter((score) => score.hours.basis === 'ESTIMATE').reduce((sum, score) => sum + score.hours.hours, 0),
    );
    return {
      position: index + 1,
      skillId: entry.target.skillId,
      fromLevel: entry.target.fromRank > 0 ? LEVEL_BY_RANK[entry.target.fromRank - 1] : null,
      targetLevel: LEVEL_BY_RANK[entry.target.targetRank - 1],
      reason: entry.target.reason,
      requirementKey: entry.target.requirementKey,
      requiredBy: [...entry.target.requiredBy],
      weight: entry.target.weight,
      resources: entry.resources,
      shared: entry.shared.map((score) => ({ score, studiedInStep: positionOfResource.get(score.candidate.id) ?? 0 })),
      alternatives: entry.alternatives,
      hours,
      estimatedHours,
      ...weeksOf[index],
    };
  });
  userErrors.unshift(...describeConstraintErrors(unplanned, constraints, skills, budgetShortfalls));
  const assumptions: string[] = [];
  if (!constraints.hoursPerWeekGiven) assumptions.push(`${constraints.hoursPerWeek} h/week assumed: no hoursPerWeek given.`);
  return {
    gap,
    steps,
    schedule,
    totals: totalsOf(steps, unplanned, constraints.hoursPerWeek, totalWeeks),
    unplanned: unplanned.sort((left, right) => slugOf(skills, left.skillId).localeCompare(slugOf(skills, right.skillId))),
    userErrors,
    assumptions,
  };
}

/** The per-resource rules of the constraints, checked here too so the plan keeps them whatever the catalogue read returned. */
function allowedByConstraints(candidate: PlanCandidate, constraints: PlanConstraints): boolean {
  if (constraints.freeOnly && candidate.pricing !== 'FREE') return false;
  if (
    constraints.budget &&
    candidate.pricing !== 'FREE' &&
    !(candidate.pricing === 'PAID' && candidate.price?.currency === constraints.budget.currency)
  )
    return false;
  if (!constraints.kinds.includes(candidate.kind)) return false;
  if (constraints.languages && !(candidate.language && constraints.languages.includes(candidate.language))) return false;
  if (constraints.levels && !(candidate.level && constraints.levels.includes(candidate.level))) return false;
  return true;
}

function fitsBudget(candidate: PlanCandidate, budget: PlanMoney | null, alreadySpent: number): boolean {
  if (!budget || candidate.pricing === 'FREE') return true;
  return (
    candidate.price !== null &&
    candidate.price.currency === budget.currency &&
    alreadySpent + candidate.price.amount <= budget.amount + 1e-9
  );
}

function charge(spent: Map<string, number>, price: PlanMoney | null): void {
  if (price) spent.set(price.currency, roundMoney((spent.get(price.currency) ?? 0) + price.amount));
}

/** How much more the budget would need for the cheapest resource left of a skill it could not pay for. */
function cheapestOverrun(scores: readonly ResourceScore[], budget: PlanMoney | null, spent: ReadonlyMap<string, number>): number {
  if (!budget) return 0;
  const prices = scores.map((score) => score.candidate.price).filter((price): price is PlanMoney => price?.currency === budget.currency);
  if (prices.length === 0) return 0;
  return roundMoney(Math.min(...prices.map((price) => price.amount)) + (spent.get(budget.currency) ?? 0) - budget.amount);
}

/** Requirements before additional skills, then heavier first, then by slug. */
function byImportance(skills: ReadonlyMap<string, PlanSkill>) {
  return (left: PlanTarget, right: PlanTarget): number =>
    left.tier - right.tier || right.weight - left.weight || slugOf(skills, left.skillId).localeCompare(slugOf(skills, right.skillId));
}

/**
 * Drops the least important steps that no kept step needs until the hours fit `weeks × hoursPerWeek`,
 * and says by how much the whole plan missed. Returns the kept steps.
 */
function fitDeadline<T extends Pick<PlannedEntry, 'target' | 'resources' | 'shared'>>(
  planned: T[],
  skills: ReadonlyMap<string, PlanSkill>,
  constraints: PlanConstraints,
  userErrors: PlanConstraintError[],
  unplanned: UnplannedSkill[],
): T[] {
  if (constraints.weeks === null) return planned;
  const hoursOf = (entry: T) => entry.resources.reduce((sum, score) => sum + score.hours.hours, 0);
  let total = planned.reduce((sum, entry) => sum + hoursOf(entry), 0);
  const capacity = constraints.weeks * constraints.hoursPerWeek;
  if (total <= capacity + 1e-9) return planned;
  const neededWeeks = Math.ceil(round1(total) / constraints.hoursPerWeek);
  const kept = [...planned];
  const dropped: T[] = [];
  // Least important first: the reverse of the order resources were chosen in.
  for (let index = kept.length - 1; index >= 0 && total > capacity + 1e-9; index -= 1) {
    const entry = kept[index];
    const needed = kept.some(
      (other) =>
        other !== entry &&
        ((skills.get(other.target.skillId)?.requiredPrerequisiteIds ?? []).includes(entry.target.skillId) ||
          other.shared.some((score) => entry.resources.includes(score))),
    );
    if (needed) continue;
    kept.splice(index, 1);
    dropped.push(entry);
    total -= hoursOf(entry);
    // A step dropped may free a prerequisite further up the list: look again from the end.
    index = kept.length;
  }
  // Dropping stops at the first fit, which may leave room: a dropped step that fits again, with what it needs kept, goes back,
  // most important first.
  const keptSkills = new Set(kept.map((entry) => entry.target.skillId));
  const wanted = new Set(planned.map((entry) => entry.target.skillId));
  for (let again = true; again;) {
    again = false;
    for (const entry of [...dropped].sort((left, right) => planned.indexOf(left) - planned.indexOf(right))) {
      const needsKept = (skills.get(entry.target.skillId)?.requiredPrerequisiteIds ?? []).every(
        (id) => !wanted.has(id) || keptSkills.has(id),
      );
      const sharesKept = entry.shared.every((score) => kept.some((other) => other.resources.includes(score)));
      if (!needsKept || !sharesKept || total + hoursOf(entry) > capacity + 1e-9) continue;
      kept.push(entry);
      keptSkills.add(entry.target.skillId);
      dropped.splice(dropped.indexOf(entry), 1);
      total += hoursOf(entry);
      again = true;
    }
  }
  for (const entry of dropped)
    unplanned.push({
      skillId: entry.target.skillId,
      reason: 'DEADLINE',
      blockedBy: ['WEEKS'],
      stepReason: entry.target.reason,
      requirementKey: entry.target.requirementKey,
    });
  userErrors.push({
    constraint: 'WEEKS',
    message:
      `The plan needs ${neededWeeks} weeks at ${constraints.hoursPerWeek} h/week, ${constraints.weeks} given` +
      (dropped.length > 0
        ? `; ${dropped.length} skill${dropped.length === 1 ? '' : 's'} left out to fit: ${dropped.map((entry) => skills.get(entry.target.skillId)?.name ?? entry.target.skillId).join(', ')}.`
        : '; nothing could be left out without dropping a prerequisite of what remains.'),
    skillIds: dropped.map((entry) => entry.target.skillId),
    needed: neededWeeks,
    given: constraints.weeks,
  });
  return kept;
}

function totalsOf(steps: readonly PlanStep[], unplanned: readonly UnplannedSkill[], hoursPerWeek: number, weeks: number) {
  const cost = new Map<string, number>();
  let unknownPriceCount = 0;
  for (const score of steps.flatMap((step) => step.resources)) {
    if (score.candidate.price)
      cost.set(score.candidate.price.currency, roundMoney((cost.get(score.candidate.price.currency) ?? 0) + score.candidate.price.amount));
    else if (score.candidate.pricing !== 'FREE') unknownPriceCount += 1;
  }
  return {
    cost: [...cost].sort(([left], [right]) => left.localeCompare(right)).map(([currency, amount]) => ({ amount, currency })),
    unknownPriceCount,
    hours: round1(steps.reduce((sum, step) => sum + step.hours, 0)),
    estimatedHours: round1(steps.reduce((sum, step) => sum + step.estimatedHours, 0)),
    weeks,
    hoursPerWeek,
    skillsPlanned: steps.length,
    skillsUnplanned: unplanned.length,
  };
}

function slugOf(skills: ReadonlyMap<string, PlanSkill>, skillId: string): string {
  return skills.get(skillId)?.slug ?? skillId;
}

function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}
