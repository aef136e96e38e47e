import { Extensions, Field, Float, Int, ObjectType } from 'type-graphql';
import { Money, Pricing, Resource } from '../resource/resource.type';
import { Role, RoleSkillRequirement } from '../role/role.type';
import { Level } from '../shared-enums';
import { Skill } from '../skill/skill.type';
import { READINESS_FORMULA } from './skill-gap';
import { GapStatus, HoursBasis, LevelFit, PlanConstraint, PlanStepReason, UnplannedReason } from './learning-plan.enums';
import { SCORE_WEIGHTS } from './resource-scoring';

// `maxItems`: how long a list can be, so the operation cost (src/core/rate-limit/query-cost.ts) counts what is under it that often.
// Entity fields (skill, role, resource) are lazy getters over the request's loaders (learning-plan.view.ts):
// read only when selected, batched like every other relation.

@ObjectType({
  description: `Why a resource was chosen for a step: its score and what went into it. score = ${SCORE_WEIGHTS.coverage} × coverage + ${SCORE_WEIGHTS.levelFit} × level fit + ${SCORE_WEIGHTS.rating} × rating + ${SCORE_WEIGHTS.cost} × cost + ${SCORE_WEIGHTS.hours} × hours known (1 exact, 0.8 range, 0.5 estimate); cost is 1 free, 0.5 unknown, and for paid falls from 1 to 0 at 200 in its currency; an unrated resource counts 0.5. Equal scores go by id.`,
})
export class ResourceChoice {
  @Field(() => Float, { description: 'The score, 0–1; the highest allowed by the constraints and the budget is chosen.' })
  score!: number;

  @Field(() => Float, {
    description: 'How sure the catalogue is that the resource teaches the skill (0–1), as the skill matcher or an admin recorded it.',
  })
  coverage!: number;

  @Field(() => LevelFit, { description: "How the resource's level fits the step." })
  levelFit!: LevelFit;

  @Field(() => Level, { nullable: true, description: "The resource's level; null when it states none." })
  level!: Level | null;

  @Field(() => Float, { nullable: true, description: 'Average rating ÷ 5; null when unrated.' })
  rating!: number | null;

  @Field(() => Pricing, { description: 'What is known about its price.' })
  pricing!: Pricing;

  @Field(() => Money, { nullable: true, description: 'Its price when known and paid; null when free or unknown.' })
  price!: Money | null;

  @Field(() => Float, { description: 'Study hours counted for it in the plan.' })
  hours!: number;

  @Field(() => HoursBasis, { description: "Where `hours` comes from; ESTIMATE says it is a guess by kind, not the source's figure." })
  hoursBasis!: HoursBasis;

  @Field(() => String, { nullable: true, description: "The resource's language code; null when unknown." })
  language!: string | null;

  @Field(() => String, { description: 'The reasons in one sentence, for display.' })
  summary!: string;
}

@ObjectType({ description: 'A resource a plan chose (or offers as an alternative) for one skill.' })
export class PlannedResource {
  @Field(() => Resource, { nullable: true, description: 'The resource; null only if it was deleted while this response was built.' })
  resource!: unknown;

  @Field(() => ResourceChoice, { description: 'Why it was chosen.' })
  why!: ResourceChoice;

  @Field(() => Int, {
    nullable: true,
    description: 'In `sharedResources`: the position of the step where it is studied (its hours and price count there); null elsewhere.',
  })
  studiedInStep!: number | null;
}

@ObjectType({ description: 'One skill to learn, in plan order, with what to learn it from.' })
export class LearningPlanStep {
  @Field(() => Int, {
    description:
      'Place in the plan, from 1. Every prerequisite of a skill (REQUIRED or RECOMMENDED, when planned) has a lower position, and so does every course a chosen course lists as its prerequisite.',
  })
  position!: number;

  @Field(() => Skill, { description: 'The skill.' })
  skill!: unknown;

  @Field(() => Level, { nullable: true, description: 'What the learner knows of it now; null when nothing.' })
  fromLevel!: Level | null;

  @Field(() => Level, { description: "The level the step aims at: the role's, or BEGINNER for an added prerequisite." })
  targetLevel!: Level;

  @Field(() => PlanStepReason, { description: 'Why the skill is in the plan.' })
  reason!: PlanStepReason;

  @Field(() => [Skill], { description: 'For a PREREQUISITE: the planned skills that need it; empty otherwise.' })
  requiredBy!: unknown[];

  @Field(() => Float, { description: "Importance: the requirement's weight (0–1), or for a prerequisite the heaviest skill needing it." })
  weight!: number;

  @Extensions({ maxItems: 2 })
  @Field(() => [PlannedResource], {
    description:
      'What to learn it from, in order: the best resource the constraints allow, and a second one when the first stops below the target level.',
  })
  resources!: PlannedResource[];

  @Extensions({ maxItems: 2 })
  @Field(() => [PlannedResource], {
    description:
      'Resources chosen for another step that teach this skill too, when no other resource is left for it: a resource is studied once, so they add no hours or cost here (see `studiedInStep`).',
  })
  sharedResources!: PlannedResource[];

  @Extensions({ maxItems: 3 })
  @Field(() => [PlannedResource], {
    description: 'Up to 3 next-best resources that meet the constraints (not checked against what is left of the budget).',
  })
  alternatives!: PlannedResource[];

  @Field(() => Float, { description: 'Study hours of the chosen resources.' })
  hours!: number;

  @Field(() => Float, { description: 'The part of `hours` that is estimated (resources whose source gives no duration).' })
  estimatedHours!: number;

  @Field(() => Int, { description: 'First week of the schedule the step occupies (from 1).' })
  startWeek!: number;

  @Field(() => Int, { description: 'Last week it occupies.' })
  endWeek!: number;
}

@ObjectType({ description: 'Part of a week spent on one resource.' })
export class PlanWeekItem {
  @Field(() => Int, { description: "The step's position." })
  stepPosition!: number;

  @Field(() => Skill, { description: "The step's skill." })
  skill!: unknown;

  @Field(() => Resource, { nullable: true, description: 'The resource; null only if deleted while this response was built.' })
  resource!: unknown;

  @Field(() => Float, { description: 'Hours spent on it this week.' })
  hours!: number;
}

@ObjectType({ description: 'One week of the schedule: the steps laid end to end at `hoursPerWeek`.' })
export class PlanWeek {
  @Field(() => Int, { description: 'Week number, from 1.' })
  week!: number;

  @Field(() => Float, { description: 'Hours planned this week (at most `hoursPerWeek`).' })
  hours!: number;

  @Extensions({ maxItems: 5 })
  @Field(() => [PlanWeekItem], { description: 'What is studied this week, in order.' })
  items!: PlanWeekItem[];
}

@ObjectType({ description: 'What a plan adds up to.' })
export class PlanTotals {
  @Field(() => [Money], {
    description:
      'Cost of the chosen resources, one entry per currency (no conversion: rates are not data we hold); empty when all are free.',
  })
  cost!: Money[];

  @Field(() => Int, {
    description:
      'Chosen resources whose price is unknown (never any under `budget` or `freeOnly`): the true cost may be higher than `cost`.',
  })
  unknownPriceCount!: number;

  @Field(() => Float, { description: 'Study hours of every step.' })
  hours!: number;

  @Field(() => Float, { description: 'The part of `hours` that is estimated.' })
  estimatedHours!: number;

  @Field(() => Int, { description: 'Weeks the schedule takes at `hoursPerWeek`.' })
  weeks!: number;

  @Field(() => Float, { description: 'The weekly hours the schedule uses (given or assumed).' })
  hoursPerWeek!: number;

  @Field(() => Int, { description: 'Skills the plan teaches (steps).' })
  skillsPlanned!: number;

  @Field(() => Int, { description: 'Skills the plan should teach but could not (see `unplanned`).' })
  skillsUnplanned!: number;
}

@ObjectType({ description: 'A skill the plan should teach but does not, and why.' })
export class UnplannedSkill {
  @Field(() => Skill, { description: 'The skill.' })
  skill!: unknown;

  @Field(() => UnplannedReason, { description: 'Why it has no step.' })
  reason!: UnplannedReason;

  @Field(() => [PlanConstraint], {
    description: 'For CONSTRAINTS and BUDGET: each constraint that alone leaves no resource; empty when only several together do.',
  })
  blockedBy!: PlanConstraint[];

  @Field(() => PlanStepReason, { description: 'Why the plan wanted it.' })
  wantedAs!: PlanStepReason;
}

@ObjectType({
  description:
    'A constraint the plan could not fully meet: which, by how much, and what it cost. The plan returned is the best partial plan.',
})
export class PlanConstraintError {
  @Field(() => PlanConstraint, { description: 'The constraint.' })
  constraint!: PlanConstraint;

  @Field(() => String, {
    description:
      'What happened, e.g. "Free-only leaves 2 skills without a resource: GraphQL, Ruby." or "The plan needs 14 weeks at 5 h/week, 10 given; …".',
  })
  message!: string;

  @Field(() => [Skill], { description: 'The skills it left out.' })
  skills!: unknown[];

  @Field(() => Float, {
    nullable: true,
    description: 'What the whole plan would need: weeks for WEEKS, the amount for BUDGET; null when not a number.',
  })
  needed!: number | null;

  @Field(() => Float, { nullable: true, description: 'What was given, in the same unit as `needed`.' })
  given!: number | null;
}

@ObjectType({ description: 'Where the learner stands on one skill of a requirement.' })
export class SkillGapItem {
  @Field(() => Skill, { description: 'The skill.' })
  skill!: unknown;

  @Field(() => GapStatus, { description: 'Met, under level or missing.' })
  status!: GapStatus;

  @Field(() => Level, { description: 'The level the role asks for.' })
  requiredLevel!: Level;

  @Field(() => Level, { nullable: true, description: 'The level the learner gave; null when not given.' })
  knownLevel!: Level | null;

  @Field(() => Int, { description: 'Levels still to climb (BEGINNER 1 … EXPERT 4, unknown 0): 0 when met.' })
  levelDistance!: number;

  @Field(() => Float, { description: "The skill's weight within the role, 0–1." })
  weight!: number;

  @Field(() => RoleSkillRequirement, { description: 'Whether the role requires it or lists it as additional.' })
  requirement!: RoleSkillRequirement;

  @Extensions({ maxItems: 3 })
  @Field(() => [PlannedResource], {
    description: 'For a gap (not MET): the 3 best-scored resources to close it, with no constraints; empty when met.',
  })
  bestResources!: PlannedResource[];
}

@ObjectType({
  description:
    'One requirement of the role (a single skill, or a group such as "at least one programming language") against what the learner knows.',
})
export class RequirementGap {
  @Field(() => String, {
    description: "The requirement's key, as `Role.requirements` gives it: the group's key, or the skill's global id for a single skill.",
  })
  key!: string;

  @Field(() => String, { nullable: true, description: "The group's label; null for a single skill." })
  label!: string | null;

  @Field(() => RoleSkillRequirement, { description: 'Required or additional.' })
  requirement!: RoleSkillRequirement;

  @Field(() => Int, { description: 'How many of the options must be met.' })
  minimum!: number;

  @Field(() => Float, { description: "The requirement's weight: its heaviest option's." })
  weight!: number;

  @Field(() => Boolean, { description: 'True when at least `minimum` options are met.' })
  satisfied!: boolean;

  @Field(() => Int, { description: 'Options met.' })
  metCount!: number;

  @Field(() => Float, { description: 'Progress toward it, 0–1, as used in `readiness`.' })
  progress!: number;

  @Field(() => [SkillGapItem], { description: "Each option, in the role's order." })
  options!: SkillGapItem[];
}

@ObjectType({ description: 'What a learner has and lacks for a role.' })
export class SkillGap {
  @Field(() => Role, { description: 'The role.' })
  role!: unknown;

  @Field(() => Float, { description: `How ready the learner is, 0–1: ${READINESS_FORMULA}` })
  readiness!: number;

  @Field(() => [RequirementGap], { description: 'Every requirement of the role, required first, as the role lists them.' })
  requirements!: RequirementGap[];

  @Field(() => [SkillGapItem], { description: 'Options known at the level asked for, in requirement order.' })
  met!: SkillGapItem[];

  @Field(() => [SkillGapItem], { description: 'Options known below the level asked for.' })
  underLevel!: SkillGapItem[];

  @Field(() => [SkillGapItem], { description: 'Options not known at all (every option of a group, even once the group is satisfied).' })
  missing!: SkillGapItem[];
}

@ObjectType({
  description:
    'An ordered, costed plan from what a learner knows to what a role needs. The same inputs and catalogue always give the same plan.',
})
export class LearningPlan {
  @Field(() => Role, { description: 'The role.' })
  role!: unknown;

  @Field(() => SkillGap, { description: 'The gap the plan closes (before the plan).' })
  gap!: SkillGap;

  @Extensions({ maxItems: 40 })
  @Field(() => [LearningPlanStep], { description: 'The skills to learn, in prerequisite order.' })
  steps!: LearningPlanStep[];

  @Extensions({ maxItems: 104 })
  @Field(() => [PlanWeek], {
    description:
      "Week by week, from the resources' hours (estimated where the source gives none) at `hoursPerWeek`; at most the first 104 weeks (`totals.weeks` counts them all).",
  })
  schedule!: PlanWeek[];

  @Field(() => PlanTotals, { description: 'Cost, hours, weeks and skills covered.' })
  totals!: PlanTotals;

  @Field(() => [UnplannedSkill], {
    description:
      'Every skill the plan should teach but does not, with the reason: together with `steps`, every unmet requirement is accounted for.',
  })
  unplanned!: UnplannedSkill[];

  @Field(() => [PlanConstraintError], {
    description: 'Constraints that could not all be met, each with what it left out; empty when the plan meets them all.',
  })
  userErrors!: PlanConstraintError[];

  @Field(() => [String], { description: 'Defaults the plan assumed, e.g. "10 h/week assumed: no hoursPerWeek given."' })
  assumptions!: string[];
}
