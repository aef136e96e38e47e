import type { Context } from '../../core/context';
import { publicRequirementKey } from '../role/role-requirements';
import { RoleSkillRequirement } from '../role/role.type';
import type { LearningPlanView, SkillGapView } from './learning-plan.service';
import type { PlanStep, PlanConstraintError as PlanErrorResult } from './plan-result';
import type { ResourceScore } from './resource-scoring';
import type { OptionGap, RequirementGap as RequirementGapResult } from './skill-gap';

type Loaders = Context['loaders'];

/**
 * Turns computed plans and gaps (ids and numbers, as cached) into the GraphQL objects. Entity fields
 * are getters over the request's loaders: a skill, role or resource is loaded only when the query
 * selects it, and all of them in batches.
 */
export function planView({ roleId, plan }: LearningPlanView, loaders: Loaders, bestResources: Record<string, ResourceScore[]> = {}) {
  const skill = (id: string) => () => loaders.skillById.load(id);
  return {
    get role() {
      return loaders.roleById.load(roleId);
    },
    gap: gapView({ roleId, gap: plan.gap, bestResources }, loaders),
    steps: plan.steps.map((step: PlanStep) =>
      lazy(
        {
          position: step.position,
          fromLevel: step.fromLevel,
          targetLevel: step.targetLevel,
          reason: step.reason,
          weight: step.weight,
          resources: step.resources.map((score) => plannedResource(score, loaders)),
          sharedResources: step.shared.map(({ score, studiedInStep }) => plannedResource(score, loaders, studiedInStep)),
          alternatives: step.alternatives.map((score) => plannedResource(score, loaders)),
          hours: step.hours,
          estimatedHours: step.estimatedHours,
          startWeek: step.startWeek,
          endWeek: step.endWeek,
        },
        { skill: skill(step.skillId), requiredBy: () => Promise.all(step.requiredBy.map((id) => loaders.skillById.load(id))) },
      ),
    ),
    schedule: plan.schedule.map((week) => ({
      week: week.week,
      hours: week.hours,
      items: week.items.map((item) =>
        lazy(
          { stepPosition: item.position, hours: item.hours },
          { skill: skill(plan.steps[item.position - 1].skillId), resource: () => loaders.resourceById.load(item.resourceId) },
        ),
      ),
    })),
    totals: plan.totals,
    unplanned: plan.unplanned.map((entry) =>
      lazy({ reason: entry.reason, blockedBy: entry.blockedBy, wantedAs: entry.stepReason }, { skill: skill(entry.skillId) }),
    ),
    userErrors: plan.userErrors.map((error: PlanErrorResult) =>
      lazy(
        { constraint: error.constraint, message: error.message, needed: error.needed, given: error.given },
        { skills: () => Promise.all(error.skillIds.map((id) => loaders.skillById.load(id))) },
      ),
    ),
    assumptions: plan.assumptions,
  };
}

export function gapView({ roleId, gap, bestResources }: SkillGapView, loaders: Loaders) {
  const item = (option: OptionGap, requirement: RequirementGapResult) =>
    lazy(
      {
        status: option.status,
        requiredLevel: option.option.level,
        knownLevel: option.knownLevel,
        levelDistance: option.levelDistance,
        weight: option.option.weight,
        requirement: requirement.requirement.kind === 'REQUIRED' ? RoleSkillRequirement.REQUIRED : RoleSkillRequirement.ADDITIONAL,
        bestResources: (bestResources[option.skillId] ?? []).map((score) => plannedResource(score, loaders)),
      },
      { skill: () => loaders.skillById.load(option.skillId) },
    );
  const requirements = gap.requirements.map((requirement) => ({
    key: publicRequirementKey(requirement.requirement),
    label: requirement.requirement.label,
    requirement: requirement.requirement.kind === 'REQUIRED' ? RoleSkillRequirement.REQUIRED : RoleSkillRequirement.ADDITIONAL,
    minimum: requirement.requirement.minimum,
    weight: requirement.requirement.weight,
    satisfied: requirement.satisfied,
    metCount: requirement.metCount,
    progress: Math.round(requirement.progress * 1000) / 1000,
    options: requirement.options.map((option) => item(option, requirement)),
  }));
  const withStatus = (status: OptionGap['status']) =>
    gap.requirements.flatMap((requirement) =>
      requirement.options.filter((option) => option.status === status).map((option) => item(option, requirement)),
    );
  return {
    get role() {
      return loaders.roleById.load(roleId);
    },
    readiness: gap.readiness,
    requirements,
    met: withStatus('MET'),
    underLevel: withStatus('UNDER_LEVEL'),
    missing: withStatus('MISSING'),
  };
}

function plannedResource(score: ResourceScore, loaders: Loaders, studiedInStep: number | null = null) {
  const { candidate } = score;
  const hours = score.hours;
  const price = candidate.price
    ? `${candidate.price.amount} ${candidate.price.currency}`
    : candidate.pricing === 'FREE'
      ? 'free'
      : 'price unknown';
  const summary =
    `Teaches the skill with confidence ${score.coverage.toFixed(2)}; level ${candidate.level ?? 'not stated'} (${score.levelFit.toLowerCase().replace(/_/g, ' ')}); ` +
    `${score.rating === null ? 'unrated' : `rated ${(score.rating * 5).toFixed(1)}/5`}; ${price}; ` +
    `${hours.hours} h${hours.basis === 'ESTIMATE' ? ' (estimated)' : hours.basis === 'RANGE' ? " (middle of the source's range)" : ''}; language ${candidate.language ?? 'unknown'}.`;
  return lazy(
    {
      studiedInStep,
      why: {
        score: score.score,
        coverage: score.coverage,
        levelFit: score.levelFit,
        level: candidate.level,
        rating: score.rating === null ? null : Math.round(score.rating * 1000) / 1000,
        pricing: candidate.pricing,
        price: candidate.price,
        hours: hours.hours,
        hoursBasis: hours.basis,
        language: candidate.language,
        summary,
      },
    },
    { resource: () => loaders.resourceById.load(candidate.id) },
  );
}

/** `values` plus a getter per entry of `loads`, evaluated when the field is read. */
function lazy<T extends object>(values: T, loads: Record<string, () => unknown>): T {
  const result = { ...values };
  for (const [name, load] of Object.entries(loads)) Object.defineProperty(result, name, { get: load, enumerable: true });
  return result;
}
