import { Types } from 'mongoose';
import { READINESS_FORMULA, skillGap } from '../src/modules/learning-plan/skill-gap';
import type { RequirementKind, RoleRequirement } from '../src/modules/role/role-requirements';
import { Level } from '../src/modules/shared-enums';

/**
 * skillGap and readiness on small roles whose numbers were worked out by hand from READINESS_FORMULA
 * before the code was run (the arithmetic is written beside each expectation).
 */

const ids = {
  sql: '00000000000000000000000a',
  python: '00000000000000000000000b',
  go: '00000000000000000000000c',
  rust: '00000000000000000000000d',
  kubernetes: '00000000000000000000000e',
  graphql: '00000000000000000000000f',
} as const;

function single(skillId: string, level: Level, weight: number, kind: RequirementKind = 'REQUIRED'): RoleRequirement {
  return { key: skillId, label: null, kind, minimum: 1, weight, options: [{ skillId: new Types.ObjectId(skillId), level, weight }] };
}

function group(key: string, minimum: number, options: Array<[string, Level, number]>, kind: RequirementKind = 'REQUIRED'): RoleRequirement {
  return {
    key,
    label: key,
    kind,
    minimum,
    weight: Math.max(...options.map(([, , weight]) => weight)),
    options: options.map(([skillId, level, weight]) => ({ skillId: new Types.ObjectId(skillId), level, weight })),
  };
}

/** SQL at ADVANCED (0.8); two of Python, Go, Rust (0.6); Kubernetes at EXPERT (0.2); GraphQL as an additional skill (1.0). */
const languages = group('languages', 2, [
  [ids.python, Level.INTERMEDIATE, 0.6],
  [ids.go, Level.BEGINNER, 0.4],
  [ids.rust, Level.ADVANCED, 0.5],
]);
const requirements: RoleRequirement[] = [
  single(ids.sql, Level.ADVANCED, 0.8),
  languages,
  single(ids.kubernetes, Level.EXPERT, 0.2),
  single(ids.graphql, Level.INTERMEDIATE, 1, 'ADDITIONAL'),
];
const known = new Map<string, Level>([
  [ids.sql, Level.INTERMEDIATE],
  [ids.python, Level.BEGINNER],
  [ids.go, Level.EXPERT],
]);

describe('skillGap', () => {
  it('documents the formula it computes', () => {
    expect(READINESS_FORMULA).toContain('Σ(weight × progress) ÷ Σ weight over the REQUIRED requirements');
    expect(READINESS_FORMULA).toContain('Additional skills never lower it');
  });

  it('grades each option against the level it is wanted at', () => {
    const gap = skillGap(requirements, known);
    const [sql, group, kubernetes, graphql] = gap.requirements;
    // SQL: INTERMEDIATE (2) of ADVANCED (3): one level to climb, 2/3 of the way.
    expect(sql.options[0]).toMatchObject({ skillId: ids.sql, status: 'UNDER_LEVEL', knownLevel: 'INTERMEDIATE', levelDistance: 1 });
    expect(sql.options[0].progress).toBeCloseTo(2 / 3, 12);
    expect(sql).toMatchObject({ metCount: 0, satisfied: false });
    expect(sql.progress).toBeCloseTo(2 / 3, 12);
    // Python: BEGINNER (1) of INTERMEDIATE (2) → 0.5; Go: EXPERT (4) over BEGINNER (1) → met, capped at 1, distance 0;
    // Rust: unknown of ADVANCED (3) → 0, distance 3.
    expect(group.options.map(({ status, levelDistance, progress }) => ({ status, levelDistance, progress }))).toEqual([
      { status: 'UNDER_LEVEL', levelDistance: 1, progress: 0.5 },
      { status: 'MET', levelDistance: 0, progress: 1 },
      { status: 'MISSING', levelDistance: 3, progress: 0 },
    ]);
    // One met of the two wanted; progress is the mean of the two furthest along: (1 + 0.5) / 2.
    expect(group).toMatchObject({ metCount: 1, satisfied: false, progress: 0.75 });
    // Kubernetes: unknown of EXPERT: four levels from nothing.
    expect(kubernetes.options[0]).toMatchObject({ status: 'MISSING', knownLevel: null, levelDistance: 4, progress: 0 });
    expect(kubernetes).toMatchObject({ satisfied: false, progress: 0 });
    expect(graphql).toMatchObject({ satisfied: false, progress: 0 });
  });

  it('weighs the REQUIRED requirements only, and rounds to 3 decimals', () => {
    // (0.8 × 2/3 + 0.6 × 0.75 + 0.2 × 0) ÷ (0.8 + 0.6 + 0.2) = (0.53333… + 0.45) ÷ 1.6 = 0.61458… → 0.615
    expect(skillGap(requirements, known).readiness).toBe(0.615);
  });

  it('is not lowered by an ADDITIONAL requirement, known or not', () => {
    const withoutAdditional = requirements.filter((requirement) => requirement.kind === 'REQUIRED');
    expect(skillGap(withoutAdditional, known).readiness).toBe(0.615);
    // A heavy additional skill not known at all, and one known: readiness stays where the required ones put it.
    const heavier = [...requirements, single(ids.rust, Level.EXPERT, 1, 'ADDITIONAL')];
    expect(skillGap(heavier, known).readiness).toBe(0.615);
    expect(skillGap(requirements, new Map([...known, [ids.graphql, Level.EXPERT]])).readiness).toBe(0.615);
  });

  it('counts a group of minimum 2 satisfied once two options are met, whatever the third', () => {
    const met = new Map<string, Level>([
      [ids.python, Level.ADVANCED],
      [ids.go, Level.BEGINNER],
    ]);
    const gap = skillGap([languages], met);
    expect(gap.requirements[0]).toMatchObject({ metCount: 2, satisfied: true, progress: 1 });
    expect(gap.readiness).toBe(1);
  });

  it('takes the minimum furthest-along options of a group, not all of them', () => {
    // Two of three at INTERMEDIATE; one known at BEGINNER: the two furthest are 1/2 and 0 → 0.25.
    const group2 = group('two-of-three', 2, [
      [ids.python, Level.INTERMEDIATE, 0.5],
      [ids.go, Level.INTERMEDIATE, 0.5],
      [ids.rust, Level.INTERMEDIATE, 0.5],
    ]);
    const gap = skillGap([group2], new Map([[ids.go, Level.BEGINNER]]));
    expect(gap.requirements[0]).toMatchObject({ metCount: 0, satisfied: false, progress: 0.25 });
    expect(gap.readiness).toBe(0.25);
  });

  it('is 1 for a role with no REQUIRED requirement, and 0 for someone who knows none of them', () => {
    expect(skillGap([single(ids.graphql, Level.BEGINNER, 1, 'ADDITIONAL')], new Map()).readiness).toBe(1);
    expect(skillGap([], new Map()).readiness).toBe(1);
    expect(skillGap(requirements, new Map()).readiness).toBe(0);
  });

  it('rounds a third to 0.333', () => {
    // ADVANCED wanted, BEGINNER known: 1/3 on the only requirement.
    expect(skillGap([single(ids.sql, Level.ADVANCED, 0.4)], new Map([[ids.sql, Level.BEGINNER]])).readiness).toBe(0.333);
    // Two requirements of weights 0.1 and 0.2, progress 1 and 0: 0.1 / 0.3 = 0.3333… → 0.333.
    const two = [single(ids.sql, Level.BEGINNER, 0.1), single(ids.go, Level.BEGINNER, 0.2)];
    expect(skillGap(two, new Map([[ids.sql, Level.EXPERT]])).readiness).toBe(0.333);
  });
});
