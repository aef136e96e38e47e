import fc from 'fast-check';
import { Types } from 'mongoose';
import { MAX_SCHEDULE_WEEKS } from '../src/modules/learning-plan/plan-schedule';
import { buildPlan, type PlanInputs } from '../src/modules/learning-plan/plan-builder';
import { DEFAULT_PLAN_KINDS, type PlanCandidate, type PlanConstraints, type PlanSkill } from '../src/modules/learning-plan/plan-model';
import type { LearningPlanResult, PlanConstraintName } from '../src/modules/learning-plan/plan-result';
import type { ResourceScore } from '../src/modules/learning-plan/resource-scoring';
import { RESOURCE_KINDS, type ResourceKindValue } from '../src/modules/resource/resource-kinds';
import type { RequirementKind, RoleRequirement } from '../src/modules/role/role-requirements';
import { Level } from '../src/modules/shared-enums';
import { seededRandom } from '../src/core/seeded-random';

/**
 * Properties of the pure planner (buildPlan) over random catalogues: an acyclic skill graph of 8–30
 * skills with REQUIRED and RECOMMENDED edges, a role of single skills and groups, random known levels,
 * 0–6 resources per skill with course-to-course prerequisites, and random constraints. The catalogue
 * read (plan-catalogue.ts) is imitated by `catalogueRead` below: it filters by the constraints and
 * says which constraints alone leave a skill without a resource; some runs hand the planner every
 * listed resource instead, since it promises to keep the constraints whatever the read returned.
 *
 * Reproduce a failure with the seed and path fast-check prints:
 *   PLAN_PROPERTY_SEED=<seed> npx jest tests/learning-plan-properties.test.ts -t '<test name>'
 * PLAN_PROPERTY_RUNS=<n> runs n cases per property instead of 300.
 */
const SEED = process.env.PLAN_PROPERTY_SEED ? Number(process.env.PLAN_PROPERTY_SEED) : 20_261_212;
const RUNS = process.env.PLAN_PROPERTY_RUNS ? Number(process.env.PLAN_PROPERTY_RUNS) : 300;

const LEVELS = [Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED, Level.EXPERT] as const;
const CURRENCIES = ['USD', 'EUR'] as const;
const LANGUAGES = ['en', 'es', 'de'] as const;
const PROVIDER_COUNT = 3;
/** Money is compared to the cent the planner rounds to. */
const CENT = 0.005;

// ---------------------------------------------------------------------------------------------
// Random fixture: raw numbers from fast-check (so it shrinks well), turned into PlanInputs.

interface RawCandidate {
  kind: ResourceKindValue;
  level: Level | null;
  pricing: PlanCandidate['pricing'];
  /** A PAID resource whose price the source does not give. */
  priceMissing: boolean;
  cents: number;
  currency: (typeof CURRENCIES)[number];
  language: string | null;
  rating: number | null;
  ratingCount: number | null;
  duration: { minutes: number } | { minMinutes: number; spanMinutes: number } | null;
  confidence: number;
  hasUrlKey: boolean;
  /** Courses to take first: a resource with a url key of the skill `skillOffset` away (so links fall between related skills, both ways). */
  prerequisitePicks: Array<{ skillOffset: number; pick: number }>;
  provider: number;
}

interface RawRequirement {
  kind: RequirementKind;
  grouped: boolean;
  size: number;
  minimum: number;
  levels: Level[];
  weights: number[];
}

interface RawConstraints {
  budget: { cents: number; currency: (typeof CURRENCIES)[number] } | null;
  hoursPerWeek: number;
  hoursPerWeekGiven: boolean;
  weeks: number | null;
  freeOnly: boolean;
  languages: string[] | null;
  kinds: ResourceKindValue[] | null;
  providers: number[] | null;
  levels: Level[] | null;
  includeAdditionalSkills: boolean;
}

interface RawFixture {
  skillKeys: number[];
  slugKeys: number[];
  edges: Array<Array<{ from: number; recommended: boolean }>>;
  roleSkills: number[];
  requirements: RawRequirement[];
  known: Array<Level | null>;
  candidates: RawCandidate[][];
  candidateIdSalt: number;
  /** Resources also listed under another skill (a course that teaches two): [index among all resources, skill index]. */
  sharedResources: Array<{ resource: number; skill: number }>;
  constraints: RawConstraints;
  /** False: the planner is handed every listed resource, not only those the read's filter keeps. */
  catalogueFiltered: boolean;
}

/** One listed resource of the fixture catalogue, with what the planner does not see. */
interface CatalogueEntry {
  candidate: PlanCandidate;
  providerId: string;
}

interface PlanFixture {
  inputs: PlanInputs;
  /** Every listed resource per skill id, before any constraint. */
  catalogue: ReadonlyMap<string, readonly CatalogueEntry[]>;
  catalogueFiltered: boolean;
}

const levelArbitrary = fc.constantFrom(...LEVELS);

/** `arbitrary`'s value in `percent` of cases, null in the rest. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary });
}

const candidateArbitrary: fc.Arbitrary<RawCandidate> = fc.record({
  kind: fc.constantFrom(...RESOURCE_KINDS),
  level: sometimes(levelArbitrary, 80),
  pricing: fc.oneof(
    { weight: 4, arbitrary: fc.constant('FREE' as const) },
    { weight: 4, arbitrary: fc.constant('PAID' as const) },
    { weight: 2, arbitrary: fc.constant('UNKNOWN' as const) },
  ),
  priceMissing: fc.integer({ min: 0, max: 9 }).map((tenth) => tenth === 0),
  cents: fc.integer({ min: 0, max: 40_000 }),
  currency: fc.constantFrom(...CURRENCIES),
  language: sometimes(fc.constantFrom(...LANGUAGES), 85),
  rating: sometimes(fc.integer({ min: 0, max: 50 }), 75).map((tenths) => (tenths === null ? null : tenths / 10)),
  ratingCount: sometimes(fc.integer({ min: 0, max: 500 }), 75),
  duration: fc.oneof(
    fc.constant(null),
    fc.record({ minutes: fc.integer({ min: 0, max: 6_000 }) }),
    fc.record({ minMinutes: fc.integer({ min: 0, max: 3_000 }), spanMinutes: fc.integer({ min: 0, max: 3_000 }) }),
  ),
  confidence: fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100),
  hasUrlKey: sometimes(fc.constant(true), 70).map(Boolean),
  prerequisitePicks: fc.array(fc.record({ skillOffset: fc.integer({ min: -2, max: 2 }), pick: fc.nat() }), { maxLength: 3 }),
  provider: fc.integer({ min: 0, max: PROVIDER_COUNT - 1 }),
});

const requirementArbitrary: fc.Arbitrary<RawRequirement> = fc.record({
  kind: fc.oneof({ weight: 3, arbitrary: fc.constant('REQUIRED' as const) }, { weight: 1, arbitrary: fc.constant('ADDITIONAL' as const) }),
  grouped: fc.boolean(),
  size: fc.integer({ min: 1, max: 4 }),
  minimum: fc.integer({ min: 1, max: 4 }),
  levels: fc.array(levelArbitrary, { minLength: 4, maxLength: 4 }),
  weights: fc.array(
    fc.integer({ min: 0, max: 10 }).map((tenths) => tenths / 10),
    { minLength: 4, maxLength: 4 },
  ),
});

const constraintsArbitrary: fc.Arbitrary<RawConstraints> = fc.record({
  budget: sometimes(fc.record({ cents: fc.integer({ min: 0, max: 60_000 }), currency: fc.constantFrom(...CURRENCIES) }), 40),
  // The API takes a Float: whole hours mostly, and some twentieths of an hour.
  hoursPerWeek: fc.oneof(
    fc.integer({ min: 1, max: 40 }),
    fc.integer({ min: 20, max: 800 }).map((twentieths) => twentieths / 20),
  ),
  hoursPerWeekGiven: fc.boolean(),
  weeks: sometimes(fc.integer({ min: 1, max: 52 }), 40),
  freeOnly: sometimes(fc.constant(true), 15).map(Boolean),
  languages: sometimes(fc.subarray([...LANGUAGES], { minLength: 1 }), 20),
  kinds: sometimes(fc.subarray([...RESOURCE_KINDS], { minLength: 1 }), 25),
  providers: sometimes(fc.subarray([...Array(PROVIDER_COUNT).keys()], { minLength: 1 }), 15),
  levels: sometimes(fc.subarray([...LEVELS], { minLength: 1 }), 15),
  includeAdditionalSkills: fc.boolean(),
});

const rawFixtureArbitrary: fc.Arbitrary<RawFixture> = fc.integer({ min: 8, max: 30 }).chain((skillCount) =>
  fc.record({
    skillKeys: fc.uniqueArray(fc.integer({ min: 1, max: 0x7f_ffff }), { minLength: skillCount, maxLength: skillCount }),
    slugKeys: fc.uniqueArray(fc.integer({ min: 0, max: 9_999 }), { minLength: skillCount, maxLength: skillCount }),
    edges: fc.array(fc.array(fc.record({ from: fc.nat(), recommended: fc.boolean() }), { maxLength: 3 }), {
      minLength: skillCount,
      maxLength: skillCount,
    }),
    roleSkills: fc.shuffledSubarray([...Array(skillCount).keys()], { minLength: 1, maxLength: Math.min(skillCount, 16) }),
    requirements: fc.array(requirementArbitrary, { minLength: 1, maxLength: 10 }),
    known: fc.array(sometimes(levelArbitrary, 25), { minLength: skillCount, maxLength: skillCount }),
    candidates: fc.array(fc.array(candidateArbitrary, { maxLength: 6 }), { minLength: skillCount, maxLength: skillCount }),
    candidateIdSalt: fc.nat(),
    sharedResources: fc.array(fc.record({ resource: fc.nat(), skill: fc.nat() }), { maxLength: 4 }),
    constraints: constraintsArbitrary,
    catalogueFiltered: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  }),
);

const fixtureArbitrary: fc.Arbitrary<PlanFixture> = rawFixtureArbitrary.map(fixtureFrom);

function hexId(value: number): string {
  return value.toString(16).padStart(24, '0');
}

function providerIdOf(provider: number): string {
  return hexId(0xf0_0000 + provider);
}

function fixtureFrom(raw: RawFixture): PlanFixture {
  const skillIds = raw.skillKeys.map(hexId);
  const skills = new Map<string, PlanSkill>();
  skillIds.forEach((id, index) => {
    // Edges only from a lower index to a higher one: the graph is acyclic, as the taxonomy's writes keep it.
    const required: string[] = [];
    const recommended: string[] = [];
    for (const edge of index === 0 ? [] : raw.edges[index]) {
      const prerequisiteId = skillIds[edge.from % index];
      if (required.includes(prerequisiteId) || recommended.includes(prerequisiteId)) continue;
      (edge.recommended ? recommended : required).push(prerequisiteId);
    }
    skills.set(id, {
      id,
      slug: `skill-${raw.slugKeys[index]}`,
      name: `Skill ${raw.slugKeys[index]}`,
      matchKeys: [],
      requiredPrerequisiteIds: required,
      recommendedPrerequisiteIds: recommended,
    });
  });

  const requirements: RoleRequirement[] = [];
  let next = 0;
  raw.requirements.forEach((rawRequirement, groupIndex) => {
    const taken = raw.roleSkills.slice(next, next + rawRequirement.size);
    next += taken.length;
    if (taken.length === 0) return;
    const options = taken.map((skillIndex, optionIndex) => ({
      skillId: new Types.ObjectId(skillIds[skillIndex]),
      level: rawRequirement.levels[optionIndex],
      weight: rawRequirement.weights[optionIndex],
    }));
    const grouped = rawRequirement.grouped || options.length > 1;
    requirements.push({
      key: grouped ? `group-${groupIndex}` : String(options[0].skillId),
      label: grouped ? `Group ${groupIndex}` : null,
      kind: rawRequirement.kind,
      minimum: grouped ? Math.min(rawRequirement.minimum, options.length) : 1,
      weight: Math.max(...options.map((option) => option.weight)),
      options,
    });
  });
  // requirementsOf lists the REQUIRED ones first.
  requirements.sort((left, right) => Number(left.kind === 'ADDITIONAL') - Number(right.kind === 'ADDITIONAL'));

  const known = new Map<string, Level>();
  raw.known.forEach((level, index) => {
    if (level) known.set(skillIds[index], level);
  });

  let resourceIndex = 0;
  const entries = raw.candidates.map((list) =>
    list.map((rawCandidate) => {
      const id = hexId(0x80_0000 + ((resourceIndex++ * 7_919 + raw.candidateIdSalt) % 0x7f_ffff));
      return { rawCandidate, entry: catalogueEntryFrom(rawCandidate, id) };
    }),
  );
  const urlKeysBySkill = entries.map((list) => list.flatMap(({ entry }) => (entry.candidate.urlKey ? [entry.candidate.urlKey] : [])));
  entries.forEach((list, skillIndex) => {
    for (const { rawCandidate, entry } of list) {
      const picked = rawCandidate.prerequisitePicks.flatMap(({ skillOffset, pick }) => {
        const keys = urlKeysBySkill[Math.max(0, Math.min(skillIds.length - 1, skillIndex + skillOffset))];
        return keys.length === 0 ? [] : [keys[pick % keys.length]];
      });
      entry.candidate.prerequisiteUrlKeys = [...new Set(picked)].filter((key) => key !== entry.candidate.urlKey);
    }
  });
  const allEntries = entries.flat();
  for (const { resource, skill } of allEntries.length === 0 ? [] : raw.sharedResources) {
    const { rawCandidate, entry } = allEntries[resource % allEntries.length];
    const list = entries[skill % skillIds.length];
    if (list.some((other) => other.entry.candidate.id === entry.candidate.id)) continue;
    // The same resource, linked to this skill with a confidence of its own.
    const confidence = (entry.candidate.confidence * 7 + 0.3) % 1;
    list.push({ rawCandidate, entry: { ...entry, candidate: { ...entry.candidate, confidence } } });
  }
  const catalogue = new Map(skillIds.map((id, index) => [id, entries[index].map(({ entry }) => entry)]));

  const rawConstraints = raw.constraints;
  const constraints: PlanConstraints = {
    budget: rawConstraints.budget ? { amount: rawConstraints.budget.cents / 100, currency: rawConstraints.budget.currency } : null,
    hoursPerWeek: rawConstraints.hoursPerWeek,
    hoursPerWeekGiven: rawConstraints.hoursPerWeekGiven,
    weeks: rawConstraints.weeks,
    freeOnly: rawConstraints.freeOnly,
    languages: rawConstraints.languages,
    kinds: rawConstraints.kinds ?? DEFAULT_PLAN_KINDS,
    providerIds: rawConstraints.providers?.map(providerIdOf) ?? null,
    levels: rawConstraints.levels,
    includeAdditionalSkills: rawConstraints.includeAdditionalSkills,
  };
  const { candidates, blockedBy } = catalogueRead(catalogue, constraints, raw.catalogueFiltered);
  return {
    inputs: {
      role: { id: hexId(0xe0_0000), slug: 'random-role', title: 'Random role', requirements },
      skills,
      known,
      constraints,
      candidates,
      blockedBy,
    },
    catalogue,
    catalogueFiltered: raw.catalogueFiltered,
  };
}

function catalogueEntryFrom(raw: RawCandidate, id: string): { candidate: PlanCandidate; providerId: string } {
  const duration = raw.duration;
  return {
    candidate: {
      id,
      kind: raw.kind,
      title: `Resource ${id}`,
      level: raw.level,
      pricing: raw.pricing,
      price: raw.pricing === 'PAID' && !raw.priceMissing ? { amount: raw.cents / 100, currency: raw.currency } : null,
      language: raw.language,
      ratingAverage: raw.rating,
      ratingCount: raw.ratingCount,
      durationMinutes: duration && 'minutes' in duration ? duration.minutes : null,
      durationRange:
        duration && 'minMinutes' in duration
          ? { minMinutes: duration.minMinutes, maxMinutes: duration.minMinutes + duration.spanMinutes }
          : null,
      confidence: raw.confidence,
      urlKey: raw.hasUrlKey ? `course-${id}` : null,
      prerequisiteUrlKeys: [],
      startDate: null,
      endDate: null,
    },
    providerId: providerIdOf(raw.provider),
  };
}

/** What plan-catalogue.ts's filter keeps of one listed resource. */
function passesCatalogueFilter({ candidate, providerId }: CatalogueEntry, constraints: PlanConstraints): boolean {
  const budget = constraints.budget;
  if (!constraints.kinds.includes(candidate.kind)) return false;
  if (constraints.freeOnly && candidate.pricing !== 'FREE') return false;
  if (
    budget &&
    candidate.pricing !== 'FREE' &&
    !(candidate.pricing === 'PAID' && candidate.price?.currency === budget.currency && candidate.price.amount <= budget.amount)
  )
    return false;
  if (constraints.languages && !(candidate.language && constraints.languages.includes(candidate.language))) return false;
  if (constraints.providerIds && !constraints.providerIds.includes(providerId)) return false;
  if (constraints.levels && !(candidate.level && constraints.levels.includes(candidate.level))) return false;
  return true;
}

/**
 * The catalogue read: candidates per skill (only skills with some), and for skills whose listed
 * resources all fail, the constraints that alone leave none (as plan-catalogue.ts's blockingConstraintsOf).
 */
function catalogueRead(
  catalogue: ReadonlyMap<string, readonly CatalogueEntry[]>,
  constraints: PlanConstraints,
  filtered: boolean,
): Pick<PlanInputs, 'candidates' | 'blockedBy'> {
  const candidates = new Map<string, PlanCandidate[]>();
  const blockedBy = new Map<string, PlanConstraintName[]>();
  for (const [skillId, entries] of catalogue) {
    if (entries.length === 0) continue;
    const passing = entries.filter((entry) => passesCatalogueFilter(entry, constraints));
    const handed = filtered ? passing : entries;
    if (handed.length > 0)
      candidates.set(
        skillId,
        handed.map((entry) => entry.candidate),
      );
    if (passing.length === 0) blockedBy.set(skillId, blockingConstraints(entries, constraints));
  }
  return { candidates, blockedBy };
}

function blockingConstraints(entries: readonly CatalogueEntry[], constraints: PlanConstraints): PlanConstraintName[] {
  const names: PlanConstraintName[] = [];
  const meets = (values: ReadonlyArray<string | null>, allowed: readonly string[] | null) =>
    allowed === null || values.some((value) => value !== null && allowed.includes(value));
  const resources = entries.map((entry) => entry.candidate);
  const budget = constraints.budget;
  if (
    !meets(
      resources.map((resource) => resource.kind),
      constraints.kinds,
    )
  )
    names.push('KINDS');
  if (constraints.freeOnly && !resources.some((resource) => resource.pricing === 'FREE')) names.push('FREE_ONLY');
  if (
    budget &&
    !resources.some((resource) => resource.pricing === 'FREE') &&
    !resources.some((resource) => resource.price?.currency === budget.currency && resource.price.amount <= budget.amount)
  )
    names.push('BUDGET');
  if (
    !meets(
      resources.map((resource) => resource.language),
      constraints.languages,
    )
  )
    names.push('LANGUAGES');
  if (
    !meets(
      entries.map((entry) => entry.providerId),
      constraints.providerIds,
    )
  )
    names.push('PROVIDERS');
  if (
    !meets(
      resources.map((resource) => resource.level),
      constraints.levels,
    )
  )
    names.push('LEVELS');
  return names;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the properties.

function chosenAndAlternatives(plan: LearningPlanResult): ResourceScore[] {
  return plan.steps.flatMap((step) => [...step.resources, ...step.alternatives]);
}

function positionsBySkill(plan: LearningPlanResult): Map<string, number> {
  return new Map(plan.steps.map((step) => [step.skillId, step.position]));
}

/**
 * Course links between planned steps: a course of step `dependent` lists a course planned in `prerequisiteSteps`
 * (more than one when a resource teaching several skills is chosen for each), none of them `dependent` itself.
 */
interface CourseLink {
  dependent: number;
  prerequisiteSteps: number[];
}

function courseLinksBetweenSteps(plan: LearningPlanResult): CourseLink[] {
  const stepsOfUrlKey = new Map<string, number[]>();
  for (const step of plan.steps)
    for (const { candidate } of step.resources)
      if (candidate.urlKey) stepsOfUrlKey.set(candidate.urlKey, [...(stepsOfUrlKey.get(candidate.urlKey) ?? []), step.position]);
  const links: CourseLink[] = [];
  for (const step of plan.steps)
    for (const { candidate } of step.resources)
      for (const urlKey of candidate.prerequisiteUrlKeys) {
        const prerequisiteSteps = stepsOfUrlKey.get(urlKey) ?? [];
        // Also in this very step: taken first within it (checked on its own).
        if (prerequisiteSteps.length > 0 && !prerequisiteSteps.includes(step.position))
          links.push({ dependent: step.position, prerequisiteSteps });
      }
  return links;
}

/** A link is broken when every step planning the course to take first comes after the step that lists it. */
function isBroken(link: CourseLink): boolean {
  return link.prerequisiteSteps.every((position) => position > link.dependent);
}

/** The same inputs with every array and map the planner must not depend on the order of shuffled. */
function shuffled(inputs: PlanInputs, seed: number): PlanInputs {
  const random = seededRandom(seed);
  const shuffle = <T>(values: readonly T[]): T[] => {
    const copy = [...values];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  };
  return {
    ...inputs,
    skills: new Map(shuffle([...inputs.skills])),
    known: new Map(shuffle([...inputs.known])),
    candidates: new Map(shuffle([...inputs.candidates].map(([skillId, list]) => [skillId, shuffle(list)] as const))),
    blockedBy: new Map(shuffle([...inputs.blockedBy])),
  };
}

/** A deep copy of the inputs, to show buildPlan leaves them as they were. */
function snapshotOf(inputs: PlanInputs): unknown {
  return JSON.parse(
    JSON.stringify(inputs, (_key, value: unknown) =>
      value instanceof Map ? [...value] : value instanceof Types.ObjectId ? String(value) : value,
    ),
  );
}

/** A deep copy with every ObjectId as its hex string, and nothing else changed (no JSON involved). */
function withObjectIdsAsHex(value: unknown): unknown {
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map(withObjectIdsAsHex);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withObjectIdsAsHex(entry)]));
  return value;
}

function check<Values extends unknown[]>(property: fc.IPropertyWithHooks<Values>): void {
  fc.assert(property, { seed: SEED, numRuns: RUNS });
}

// ---------------------------------------------------------------------------------------------

describe('learning plan properties (random catalogues)', () => {
  it('puts every planned prerequisite (REQUIRED or RECOMMENDED) before the skill that needs it', () => {
    check(
      fc.property(fixtureArbitrary, ({ inputs }) => {
        const plan = buildPlan(inputs);
        expect(plan.steps.map((step) => step.position)).toEqual(plan.steps.map((_, index) => index + 1));
        const positions = positionsBySkill(plan);
        expect(positions.size).toBe(plan.steps.length);
        for (const step of plan.steps) {
          const skill = inputs.skills.get(step.skillId)!;
          for (const prerequisiteId of [...skill.requiredPrerequisiteIds, ...skill.recommendedPrerequisiteIds]) {
            const before = positions.get(prerequisiteId);
            if (before !== undefined) expect(before).toBeLessThan(step.position);
          }
        }
      }),
    );
  });

  it('never goes over budget, spends only its currency, and never plans an unknown price under one', () => {
    check(
      fc.property(
        fixtureArbitrary.filter(({ inputs }) => inputs.constraints.budget !== null),
        ({ inputs }) => {
          const budget = inputs.constraints.budget!;
          const plan = buildPlan(inputs);
          for (const cost of plan.totals.cost) expect(cost.currency).toBe(budget.currency);
          const spent = plan.totals.cost.find((cost) => cost.currency === budget.currency)?.amount ?? 0;
          expect(spent).toBeLessThanOrEqual(budget.amount + CENT);
          expect(plan.totals.unknownPriceCount).toBe(0);
          const resources = plan.steps.flatMap((step) => step.resources);
          for (const { candidate } of resources) {
            if (candidate.pricing === 'FREE') continue;
            expect(candidate.pricing).toBe('PAID');
            expect(candidate.price?.currency).toBe(budget.currency);
          }
          // A resource is studied (and bought) in one step only; another skill it teaches shares it from there.
          const distinct = new Map(resources.map(({ candidate }) => [candidate.id, candidate]));
          expect(distinct.size).toBe(resources.length);
          for (const step of plan.steps)
            for (const { score, studiedInStep } of step.shared)
              expect(plan.steps[studiedInStep - 1].resources.map((entry) => entry.candidate.id)).toContain(score.candidate.id);
          const sum = [...distinct.values()].reduce((total, candidate) => total + (candidate.price?.amount ?? 0), 0);
          expect(Math.abs(sum - spent)).toBeLessThan(CENT);
        },
      ),
    );
  });

  it('with freeOnly, never plans or offers a paid or unknown-price resource', () => {
    check(
      fc.property(
        fixtureArbitrary.map(({ inputs, ...rest }) => {
          // Every case free-only; the catalogue read recomputed for it.
          const constraints = { ...inputs.constraints, freeOnly: true };
          return { ...rest, inputs: { ...inputs, constraints, ...catalogueRead(rest.catalogue, constraints, rest.catalogueFiltered) } };
        }),
        ({ inputs }) => {
          const plan = buildPlan(inputs);
          for (const { candidate } of chosenAndAlternatives(plan)) {
            expect(candidate.pricing).toBe('FREE');
            expect(candidate.price).toBeNull();
          }
          expect(plan.totals.cost).toEqual([]);
          expect(plan.totals.unknownPriceCount).toBe(0);
        },
      ),
    );
  });

  it('plans or reports every required skill, and every missing REQUIRED prerequisite of a planned skill', () => {
    check(
      fc.property(fixtureArbitrary, ({ inputs, catalogue }) => {
        const plan = buildPlan(inputs);
        const accounted = new Set([...plan.steps.map((step) => step.skillId), ...plan.unplanned.map((skill) => skill.skillId)]);
        expect(accounted.size).toBe(plan.steps.length + plan.unplanned.length);
        for (const requirement of plan.gap.requirements) {
          if (requirement.requirement.kind !== 'REQUIRED' || requirement.satisfied) continue;
          const covered = requirement.options.filter((option) => option.status !== 'MET' && accounted.has(option.skillId)).length;
          expect(covered).toBeGreaterThanOrEqual(requirement.requirement.minimum - requirement.metCount);
        }
        // A skill known at some level is taken to have its prerequisites behind it (plan-targets.ts).
        for (const step of plan.steps) {
          if (inputs.known.has(step.skillId)) continue;
          for (const prerequisiteId of inputs.skills.get(step.skillId)!.requiredPrerequisiteIds)
            if (!inputs.known.has(prerequisiteId)) expect(accounted).toContain(prerequisiteId);
        }
        // Each unplanned skill's reason is true of the catalogue.
        for (const skill of plan.unplanned) {
          if (skill.reason === 'NO_RESOURCE') expect(catalogue.get(skill.skillId)).toEqual([]);
          if (skill.reason === 'CONSTRAINTS') expect(inputs.blockedBy.has(skill.skillId)).toBe(true);
          if (skill.reason === 'BUDGET') expect(inputs.constraints.budget).not.toBeNull();
          if (skill.reason === 'DEADLINE') expect(inputs.constraints.weeks).not.toBeNull();
        }
      }),
    );
  });

  it('is deterministic: the same inputs, in any order, give the same plan, and are left unchanged', () => {
    check(
      fc.property(fixtureArbitrary, fc.nat(), ({ inputs }, shuffleSeed) => {
        const before = snapshotOf(inputs);
        const plan = buildPlan(inputs);
        expect(snapshotOf(inputs)).toEqual(before);
        expect(buildPlan(inputs)).toEqual(plan);
        expect(buildPlan(shuffled(inputs, shuffleSeed))).toEqual(plan);
        // A cached plan is the JSON of one: nothing but the role's ObjectIds (read back as their hex) may change.
        expect(JSON.parse(JSON.stringify(plan))).toEqual(withObjectIdsAsHex(plan));
      }),
    );
  });

  it('keeps kinds, languages and levels, the deadline, and a schedule that adds up week by week', () => {
    check(
      fc.property(fixtureArbitrary, ({ inputs }) => {
        const { constraints } = inputs;
        const plan = buildPlan(inputs);
        for (const { candidate } of chosenAndAlternatives(plan)) {
          expect(constraints.kinds).toContain(candidate.kind);
          if (constraints.languages) expect(constraints.languages).toContain(candidate.language);
          if (constraints.levels) expect(constraints.levels).toContain(candidate.level);
        }
        const weeksError = plan.userErrors.find((error) => error.constraint === 'WEEKS');
        if (constraints.weeks !== null) {
          const capacity = constraints.weeks * constraints.hoursPerWeek;
          if (plan.totals.hours > capacity + 0.05) expect(weeksError?.message).toMatch(/could not|nothing could be left out/);
          if (weeksError) {
            expect(weeksError.given).toBe(constraints.weeks);
            expect(weeksError.needed).toBeGreaterThan(constraints.weeks);
            const dropped = plan.unplanned.filter((skill) => skill.reason === 'DEADLINE').map((skill) => skill.skillId);
            expect([...weeksError.skillIds].sort()).toEqual(dropped.sort());
          }
        } else expect(weeksError).toBeUndefined();

        // A plan longer than the listed weeks lists its first MAX_SCHEDULE_WEEKS, every one of them full.
        if (plan.totals.weeks > MAX_SCHEDULE_WEEKS) {
          expect(plan.schedule).toHaveLength(MAX_SCHEDULE_WEEKS);
          for (const week of plan.schedule) expect(week.hours).toBeCloseTo(constraints.hoursPerWeek, 1);
        } else {
          // The weeks add up to the plan (the brief allowed ±0.2 h and +0.05 h a week; plan-schedule.ts now promises 0.01 h).
          const scheduled = plan.schedule.reduce((sum, week) => sum + week.hours, 0);
          expect(Math.abs(scheduled - plan.totals.hours)).toBeLessThanOrEqual(0.01);
          expect(plan.schedule.map((week) => week.week)).toEqual(plan.schedule.map((_, index) => index + 1));
          for (const week of plan.schedule) expect(week.hours).toBeLessThanOrEqual(constraints.hoursPerWeek + 0.01 + 1e-9);
          for (const step of plan.steps) {
            const items = plan.schedule.flatMap((week) => week.items.filter((item) => item.position === step.position));
            expect(Math.abs(items.reduce((sum, item) => sum + item.hours, 0) - step.hours)).toBeLessThanOrEqual(0.01);
            const weeks = plan.schedule
              .filter((week) => week.items.some((item) => item.position === step.position))
              .map((week) => week.week);
            if (step.hours > 0) expect([Math.min(...weeks), Math.max(...weeks)]).toEqual([step.startWeek, step.endWeek]);
          }
          expect(plan.totals.weeks).toBe(plan.schedule.length);
        }
      }),
    );
  });

  it("puts a course after the courses its curriculum lists first, unless the skills' order forbids it", () => {
    check(
      // Only plans with a course link between two steps say anything here (about one in ten).
      fc.property(
        fixtureArbitrary.filter(({ inputs }) => courseLinksBetweenSteps(buildPlan(inputs)).length > 0),
        ({ inputs }) => {
          const plan = buildPlan(inputs);
          const positions = positionsBySkill(plan);
          const links = courseLinksBetweenSteps(plan);
          // What may overrule a course link: skill edges between planned steps and the course links kept.
          const edges = new Map<number, number[]>();
          const addEdge = (from: number, to: number) => edges.set(from, [...(edges.get(from) ?? []), to]);
          for (const step of plan.steps) {
            const skill = inputs.skills.get(step.skillId)!;
            for (const prerequisiteId of [...skill.requiredPrerequisiteIds, ...skill.recommendedPrerequisiteIds]) {
              const from = positions.get(prerequisiteId);
              if (from !== undefined) addEdge(from, step.position);
            }
          }
          for (const link of links)
            for (const position of link.prerequisiteSteps) if (position < link.dependent) addEdge(position, link.dependent);
          const reaches = (from: number, to: number): boolean => {
            const seen = new Set([from]);
            const stack = [from];
            while (stack.length > 0) {
              const current = stack.pop()!;
              if (current === to) return true;
              for (const following of edges.get(current) ?? []) {
                if (seen.has(following)) continue;
                seen.add(following);
                stack.push(following);
              }
            }
            return false;
          };
          for (const link of links.filter(isBroken)) {
            // Broken only where keeping it would contradict the skill edges (with the course links kept).
            const forcedByOtherEdges = link.prerequisiteSteps.some((position) => reaches(link.dependent, position));
            expect({ link, forcedByOtherEdges }).toEqual({ link, forcedByOtherEdges: true });
          }
          // Within a step, a course listed first by its partner comes first.
          for (const step of plan.steps) {
            const [first, second] = step.resources;
            // (unless each lists the other: a cycle in the curriculum, which no order keeps).
            if (!first || !second || !second.candidate.urlKey || !first.candidate.prerequisiteUrlKeys.includes(second.candidate.urlKey))
              continue;
            expect(first.candidate.urlKey !== null && second.candidate.prerequisiteUrlKeys.includes(first.candidate.urlKey)).toBe(true);
          }
        },
      ),
    );
  });

  it('reaches the cases the properties are about (so none of them passes by having nothing to check)', () => {
    // The very cases the properties run (same seed, same number), not a larger sample they never see.
    const plans = fc.sample(fixtureArbitrary, { seed: SEED, numRuns: RUNS }).map(({ inputs }) => ({ inputs, plan: buildPlan(inputs) }));
    const share = (test: (entry: (typeof plans)[number]) => boolean) => plans.filter(test).length;
    const hasEdgeBetweenSteps = (
      { inputs, plan }: (typeof plans)[number],
      kind: 'requiredPrerequisiteIds' | 'recommendedPrerequisiteIds',
    ) => {
      const positions = positionsBySkill(plan);
      return plan.steps.some((step) => inputs.skills.get(step.skillId)![kind].some((id) => positions.has(id)));
    };
    const shares = {
      atLeastFiveSteps: share(({ plan }) => plan.steps.length >= 5),
      prerequisiteSteps: share(({ plan }) => plan.steps.some((step) => step.reason === 'PREREQUISITE')),
      requiredEdgeBetweenSteps: share((entry) => hasEdgeBetweenSteps(entry, 'requiredPrerequisiteIds')),
      recommendedEdgeBetweenSteps: share((entry) => hasEdgeBetweenSteps(entry, 'recommendedPrerequisiteIds')),
      twoResourcesInAStep: share(({ plan }) => plan.steps.some((step) => step.resources.length > 1)),
      paidUnderABudget: share(({ inputs, plan }) => inputs.constraints.budget !== null && plan.totals.cost.length > 0),
      leftOutForBudget: share(({ plan }) => plan.unplanned.some((skill) => skill.reason === 'BUDGET')),
      leftOutForConstraints: share(({ plan }) => plan.unplanned.some((skill) => skill.reason === 'CONSTRAINTS')),
      leftOutForDeadline: share(({ plan }) => plan.unplanned.some((skill) => skill.reason === 'DEADLINE')),
      unmetGroupOfTwoOrMore: share(({ plan }) => plan.gap.requirements.some((gap) => gap.requirement.minimum >= 2 && !gap.satisfied)),
      courseLinkBetweenSteps: share(({ plan }) => courseLinksBetweenSteps(plan).length > 0),
      courseLinkOverruled: share(({ plan }) => courseLinksBetweenSteps(plan).some(isBroken)),
      resourceSharedByTwoSteps: share(({ plan }) => plan.steps.some((step) => step.shared.length > 0)),
      fractionalWeeklyHours: share(({ inputs, plan }) => !Number.isInteger(inputs.constraints.hoursPerWeek) && plan.schedule.length > 1),
    };
    // Measured over 1,000 plans at four seeds (2026-12): shares from 0.01–0.02 (a resource chosen in two steps) and
    // 0.03–0.05 (a course link overruled) to 0.67–0.69 (an unmet group of two or more). A generator change that starves
    // one fails here.
    for (const [name, count] of Object.entries(shares)) expect({ name, atLeastOnce: count >= 1 }).toEqual({ name, atLeastOnce: true });
  });
});
