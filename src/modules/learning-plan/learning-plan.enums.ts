import { registerEnumType } from 'type-graphql';

export enum PlanStepReason {
  REQUIREMENT = 'REQUIREMENT',
  ADDITIONAL_SKILL = 'ADDITIONAL_SKILL',
  PREREQUISITE = 'PREREQUISITE',
}
registerEnumType(PlanStepReason, {
  name: 'PlanStepReason',
  description: 'Why a plan teaches a skill.',
  valuesConfig: {
    REQUIREMENT: { description: 'The role requires it (or it is the option chosen for a requirement group).' },
    ADDITIONAL_SKILL: { description: "One of the role's additional skills (planned with `includeAdditionalSkills`, and in `roadmap`)." },
    PREREQUISITE: {
      description:
        'A REQUIRED prerequisite of a planned skill that the learner lacks; the role does not name it. Taught to BEGINNER level.',
    },
  },
});

export enum LevelFit {
  NEXT_LEVEL = 'NEXT_LEVEL',
  WITHIN_GAP = 'WITHIN_GAP',
  TOO_ADVANCED = 'TOO_ADVANCED',
  ALREADY_KNOWN = 'ALREADY_KNOWN',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(LevelFit, {
  name: 'LevelFit',
  description: "How a resource's level sits against the levels a step must climb (scored 1, 0.8, 0.3, 0.1 and 0.5).",
  valuesConfig: {
    NEXT_LEVEL: { description: 'Exactly the level after what the learner knows: where to start.' },
    WITHIN_GAP: { description: 'Above the next level but not beyond the level wanted.' },
    TOO_ADVANCED: { description: 'Beyond the level the step aims at.' },
    ALREADY_KNOWN: { description: 'At or below what the learner already knows.' },
    UNKNOWN: { description: 'The resource states no level.' },
  },
});

export enum HoursBasis {
  EXACT = 'EXACT',
  RANGE = 'RANGE',
  ESTIMATE = 'ESTIMATE',
}
registerEnumType(HoursBasis, {
  name: 'HoursBasis',
  description: "Where a resource's study hours come from.",
  valuesConfig: {
    EXACT: { description: 'The source gives the duration.' },
    RANGE: { description: 'The middle of the range the source gives (weeks × weekly effort, e.g. OSSU).' },
    ESTIMATE: {
      description:
        'The source gives none: a typical length for the kind (course 20 h, book 25 h, open-source project 15 h, event 8 h). An estimate, not a fact.',
    },
  },
});

export enum UnplannedReason {
  NO_RESOURCE = 'NO_RESOURCE',
  CONSTRAINTS = 'CONSTRAINTS',
  BUDGET = 'BUDGET',
  DEADLINE = 'DEADLINE',
}
registerEnumType(UnplannedReason, {
  name: 'UnplannedReason',
  description: 'Why a skill the plan should teach has no step.',
  valuesConfig: {
    NO_RESOURCE: { description: 'The catalogue has no listed resource for it at all (see `skillCoverage`).' },
    CONSTRAINTS: { description: 'Resources exist, but the constraints in `blockedBy` leave none.' },
    BUDGET: { description: 'What is left costs more than the budget has left, or is priced in another currency or not at all.' },
    DEADLINE: { description: 'Left out so that the rest fits `weeks × hoursPerWeek`.' },
  },
});

export enum PlanConstraint {
  BUDGET = 'BUDGET',
  FREE_ONLY = 'FREE_ONLY',
  LANGUAGES = 'LANGUAGES',
  KINDS = 'KINDS',
  PROVIDERS = 'PROVIDERS',
  LEVELS = 'LEVELS',
  WEEKS = 'WEEKS',
  COMBINED = 'COMBINED',
}
registerEnumType(PlanConstraint, {
  name: 'PlanConstraint',
  description: 'A constraint of `learningPlan`, as its errors name it.',
  valuesConfig: {
    BUDGET: { description: '`budget`.' },
    FREE_ONLY: { description: '`freeOnly`.' },
    LANGUAGES: { description: '`languages`.' },
    KINDS: { description: '`kinds` (or the default kinds).' },
    PROVIDERS: { description: '`providers`.' },
    LEVELS: { description: '`levels`.' },
    WEEKS: { description: '`weeks` together with `hoursPerWeek`.' },
    COMBINED: { description: 'No single constraint, only several together.' },
  },
});

export enum GapStatus {
  MET = 'MET',
  UNDER_LEVEL = 'UNDER_LEVEL',
  MISSING = 'MISSING',
}
registerEnumType(GapStatus, {
  name: 'GapStatus',
  description: 'Where the learner stands on one skill a role asks for.',
  valuesConfig: {
    MET: { description: 'Known at the level the role asks for, or higher.' },
    UNDER_LEVEL: { description: 'Known, but below the level asked for.' },
    MISSING: { description: 'Not known at all.' },
  },
});
