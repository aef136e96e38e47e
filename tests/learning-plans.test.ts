import { Types } from 'mongoose';
import { CategoryModel } from '../src/modules/category/category.model';
import { ProviderModel } from '../src/modules/provider/provider.model';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { RoleModel } from '../src/modules/role/role.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { normaliseSkillTerm } from '../src/modules/skill/skill-term';
import { toGlobalId } from '../src/core/relay/global-id';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * Learning plans on a small catalogue whose plans were worked out by hand before the code ran (the
 * arithmetic is in the comments of each case: scores from SCORE_WEIGHTS, hours, weeks, order).
 *
 * Skills: linux, git, python, java, sql, docker (REQUIRED linux, RECOMMENDED git), kubernetes (REQUIRED
 * docker), apis. Role "fixture-backend": REQUIRED group "lang" (python or java, ADVANCED, 0.9, at
 * least 1), sql INTERMEDIATE 0.8, kubernetes INTERMEDIATE 0.7; ADDITIONAL apis ADVANCED 0.5.
 */

let app: TestApp;
const skillIds: Record<string, Types.ObjectId> = {};

interface FixtureResource {
  slug: string;
  kind: 'COURSE' | 'BOOK';
  skill: string;
  confidence: number;
  level: string | null;
  pricing: 'FREE' | 'PAID' | 'UNKNOWN';
  price?: number;
  minutes?: number;
  range?: [number, number];
  language?: string;
  rating?: [number, number];
}

const RESOURCES: FixtureResource[] = [
  {
    slug: 'py-beginner',
    kind: 'COURSE',
    skill: 'python',
    confidence: 0.9,
    level: 'BEGINNER',
    pricing: 'FREE',
    minutes: 600,
    rating: [4.5, 100],
  },
  { slug: 'py-advanced', kind: 'BOOK', skill: 'python', confidence: 0.9, level: 'ADVANCED', pricing: 'PAID', price: 30 },
  { slug: 'java-course', kind: 'COURSE', skill: 'java', confidence: 0.8, level: 'BEGINNER', pricing: 'PAID', price: 100, minutes: 1200 },
  { slug: 'sql-course', kind: 'COURSE', skill: 'sql', confidence: 0.95, level: 'INTERMEDIATE', pricing: 'FREE', range: [480, 720] },
  { slug: 'sql-es', kind: 'COURSE', skill: 'sql', confidence: 0.9, level: 'BEGINNER', pricing: 'FREE', minutes: 300, language: 'es' },
  { slug: 'linux-book', kind: 'BOOK', skill: 'linux', confidence: 0.85, level: null, pricing: 'FREE' },
  { slug: 'docker-course', kind: 'COURSE', skill: 'docker', confidence: 0.9, level: 'BEGINNER', pricing: 'PAID', price: 20, minutes: 480 },
  { slug: 'k8s-course', kind: 'COURSE', skill: 'kubernetes', confidence: 0.9, level: 'INTERMEDIATE', pricing: 'UNKNOWN', minutes: 900 },
  { slug: 'k8s-book', kind: 'BOOK', skill: 'kubernetes', confidence: 0.7, level: 'BEGINNER', pricing: 'FREE' },
  { slug: 'apis-course', kind: 'COURSE', skill: 'apis', confidence: 0.9, level: 'ADVANCED', pricing: 'FREE', minutes: 600 },
];

beforeAll(async () => {
  app = await startTestApp();
  const category = await CategoryModel.create({ slug: 'plan-fixture', name: 'Plan fixture', tier: 'FOUNDATION', position: 0 });
  const skill = async (slug: string, name: string, required: string[] = [], recommended: string[] = []) => {
    const created = await SkillModel.create({
      slug,
      name,
      nameKey: name.toLowerCase(),
      matchKeys: [name, ...(slug === 'kubernetes' ? ['k8s'] : [])].map(normaliseSkillTerm),
      categoryId: category._id,
      prerequisiteIds: required.map((other) => skillIds[other]),
      recommendedPrerequisiteIds: recommended.map((other) => skillIds[other]),
    });
    skillIds[slug] = created._id;
  };
  await skill('linux', 'Linux');
  await skill('git', 'Git');
  await skill('python', 'Python');
  await skill('java', 'Java');
  await skill('sql', 'SQL');
  await skill('docker', 'Docker', ['linux'], ['git']);
  await skill('kubernetes', 'Kubernetes', ['docker']);
  await skill('apis', 'APIs');
  await RoleModel.create({
    slug: 'fixture-backend',
    title: 'Fixture Backend',
    titleKey: 'fixture backend',
    requirementGroups: [{ key: 'lang', label: 'At least one language', minimum: 1 }],
    requiredSkills: [
      { skillId: skillIds.python, level: 'ADVANCED', weight: 0.9, group: 'lang' },
      { skillId: skillIds.java, level: 'ADVANCED', weight: 0.9, group: 'lang' },
      { skillId: skillIds.sql, level: 'INTERMEDIATE', weight: 0.8 },
      { skillId: skillIds.kubernetes, level: 'INTERMEDIATE', weight: 0.7 },
    ],
    additionalSkills: [{ skillId: skillIds.apis, level: 'ADVANCED', weight: 0.5 }],
  });
  const provider = await ProviderModel.create({
    slug: 'plan-provider',
    name: 'Plan Provider',
    nameKey: 'plan provider',
    kind: 'MOOC_PLATFORM',
    url: 'https://plan.example',
  });
  await ResourceModel.insertMany(
    RESOURCES.map((resource): Record<string, unknown> => ({
      kind: resource.kind,
      slug: resource.slug,
      title: resource.slug,
      titleKey: resource.slug,
      url: `https://plan.example/${resource.slug}`,
      urlKey: `plan.example/${resource.slug}`,
      providerId: provider._id,
      skills: [{ skillId: skillIds[resource.skill], level: resource.level, confidence: resource.confidence }],
      skillIds: [skillIds[resource.skill]],
      level: resource.level,
      pricing: resource.pricing,
      free: resource.pricing === 'FREE',
      priceAmount: resource.price ?? null,
      priceCurrency: resource.price ? 'USD' : null,
      language: resource.language ?? 'en',
      durationMinutes: resource.minutes,
      durationRange: resource.range ? { minMinutes: resource.range[0], maxMinutes: resource.range[1] } : undefined,
      ratingAverage: resource.rating?.[0],
      ratingCount: resource.rating?.[1],
      source: { feed: 'plan-fixture', externalId: resource.slug, fetchedAt: new Date('2026-01-01') },
    })),
  );
  await app.flushCaches();
});
afterAll(() => app?.stop());

const PLAN = `query($input: LearningPlanInput!) {
  learningPlan(input: $input) {
    role { slug }
    gap { readiness requirements { key satisfied metCount progress } }
    steps { position skill { slug } fromLevel targetLevel reason requiredBy { slug } hours estimatedHours startWeek endWeek
      resources { resource { slug } why { score levelFit hoursBasis hours } } alternatives { resource { slug } } }
    schedule { week hours items { stepPosition resource { slug } hours } }
    totals { cost { amount currency } unknownPriceCount hours estimatedHours weeks hoursPerWeek skillsPlanned skillsUnplanned }
    unplanned { skill { slug } reason blockedBy wantedAs }
    userErrors { constraint message skills { slug } needed given }
    assumptions
  }
}`;

interface PlanData {
  learningPlan: {
    gap: { readiness: number };
    steps: Array<{
      position: number;
      skill: { slug: string };
      reason: string;
      hours: number;
      estimatedHours: number;
      startWeek: number;
      endWeek: number;
      requiredBy: Array<{ slug: string }>;
      resources: Array<{ resource: { slug: string }; why: { score: number; levelFit: string; hoursBasis: string } }>;
    }>;
    schedule: Array<{ week: number; hours: number; items: Array<{ stepPosition: number; resource: { slug: string }; hours: number }> }>;
    totals: Record<string, unknown>;
    unplanned: Array<{ skill: { slug: string }; reason: string; blockedBy: string[]; wantedAs: string }>;
    userErrors: Array<{
      constraint: string;
      message: string;
      skills: Array<{ slug: string }>;
      needed: number | null;
      given: number | null;
    }>;
    assumptions: string[];
  };
}

async function plan(input: Record<string, unknown>) {
  const response = await app.graphql<PlanData>(PLAN, { input: { role: 'fixture-backend', ...input } });
  expect(response.errors).toBeUndefined();
  return response.data!.learningPlan;
}

const outline = (steps: PlanData['learningPlan']['steps']) =>
  steps.map((step) => [
    step.position,
    step.skill.slug,
    step.resources.map((entry) => entry.resource.slug),
    step.hours,
    step.startWeek,
    step.endWeek,
  ]);

describe('learningPlan: hand-computed plans', () => {
  it('from scratch at 10 h/week: python (best language), sql, then linux → docker → kubernetes added as prerequisites', async () => {
    // Scores (0.35 coverage + 0.25 level fit + 0.15 rating + 0.15 cost + 0.1 hours):
    //   py-beginner .95 beats java-course .78, so python is the language; py-beginner stops at BEGINNER, so py-advanced (30 USD, 25 h estimated) follows.
    //   sql-es .89 (NEXT_LEVEL) before sql-course .8375 (WITHIN_GAP), which goes further. k8s-book .77 before k8s-course .765.
    // Order: python .9, sql .8, linux .7 are free to go; docker after linux; kubernetes after docker. Git (RECOMMENDED) is not added.
    // Hours 35 + 15 + 25 + 8 + 40 = 123 (75 estimated) → 13 weeks; cost 30 + 20 = 50 USD; k8s-course's price is unknown.
    const result = await plan({ hoursPerWeek: 10 });
    expect(result.gap.readiness).toBe(0);
    expect(outline(result.steps)).toEqual([
      [1, 'python', ['py-beginner', 'py-advanced'], 35, 1, 4],
      [2, 'sql', ['sql-es', 'sql-course'], 15, 4, 5],
      [3, 'linux', ['linux-book'], 25, 6, 8],
      [4, 'docker', ['docker-course'], 8, 8, 9],
      [5, 'kubernetes', ['k8s-book', 'k8s-course'], 40, 9, 13],
    ]);
    expect(result.steps.map((step) => step.reason)).toEqual(['REQUIREMENT', 'REQUIREMENT', 'PREREQUISITE', 'PREREQUISITE', 'REQUIREMENT']);
    expect(result.steps[2].requiredBy.map((skill) => skill.slug)).toEqual(['docker']);
    expect(result.steps[0].resources.map((entry) => entry.why.score)).toEqual([0.95, 0.7675]);
    expect(result.steps[0].resources[1].why).toMatchObject({ levelFit: 'WITHIN_GAP', hoursBasis: 'ESTIMATE' });
    expect(result.totals).toEqual({
      cost: [{ amount: 50, currency: 'USD' }],
      unknownPriceCount: 1,
      hours: 123,
      estimatedHours: 75,
      weeks: 13,
      hoursPerWeek: 10,
      skillsPlanned: 5,
      skillsUnplanned: 0,
    });
    expect(result.schedule).toHaveLength(13);
    expect(result.schedule[3]).toEqual({
      week: 4,
      hours: 10,
      items: [
        { stepPosition: 1, resource: { slug: 'py-advanced' }, hours: 5 },
        { stepPosition: 2, resource: { slug: 'sql-es' }, hours: 5 },
      ],
    });
    expect(result.unplanned).toEqual([]);
    expect(result.userErrors).toEqual([]);
    expect(result.assumptions).toEqual([]);
  });

  it('free-only, 5 h/week, 8 weeks, knowing linux and some python: docker has no free resource, kubernetes is left out to fit', async () => {
    // Readiness: lang progress 2/3 (python INTERMEDIATE of ADVANCED) × 0.9 ÷ (0.9 + 0.8 + 0.7) = 0.25.
    // Java has no free resource, so python (UNDER_LEVEL) is the language: py-beginner only (ALREADY_KNOWN, but the one free).
    // Docker (prerequisite of kubernetes; linux is known) has only a paid course: FREE_ONLY.
    // Hours: python 10 + sql 15 + kubernetes 25 = 50 > 8 × 5 = 40: needs 10 weeks; kubernetes (least important, needed by none) goes.
    const result = await plan({
      known: [
        { skill: 'linux', level: 'BEGINNER' },
        { skill: 'python', level: 'INTERMEDIATE' },
      ],
      freeOnly: true,
      hoursPerWeek: 5,
      weeks: 8,
    });
    expect(result.gap.readiness).toBe(0.25);
    expect(outline(result.steps)).toEqual([
      [1, 'python', ['py-beginner'], 10, 1, 2],
      [2, 'sql', ['sql-es', 'sql-course'], 15, 3, 5],
    ]);
    expect(result.unplanned).toEqual([
      { skill: { slug: 'docker' }, reason: 'CONSTRAINTS', blockedBy: ['FREE_ONLY'], wantedAs: 'PREREQUISITE' },
      { skill: { slug: 'kubernetes' }, reason: 'DEADLINE', blockedBy: ['WEEKS'], wantedAs: 'REQUIREMENT' },
    ]);
    expect(result.userErrors).toEqual([
      {
        constraint: 'FREE_ONLY',
        message: 'Free-only leaves 1 skill without a resource: Docker.',
        skills: [{ slug: 'docker' }],
        needed: null,
        given: null,
      },
      {
        constraint: 'WEEKS',
        message: 'The plan needs 10 weeks at 5 h/week, 8 given; 1 skill left out to fit: Kubernetes.',
        skills: [{ slug: 'kubernetes' }],
        needed: 10,
        given: 8,
      },
    ]);
    expect(result.totals).toMatchObject({ cost: [], hours: 25, weeks: 5, skillsPlanned: 2, skillsUnplanned: 2 });
  });

  it('a 40 USD budget covers docker before python depth: py-advanced (30) no longer fits once docker (20) is bought', async () => {
    // First pass in importance order: python py-beginner (free), sql sql-es (free), docker docker-course (20), kubernetes k8s-book
    // (k8s-course's price is unknown: never under a budget), linux linux-book. Second pass: py-advanced would make 50 > 40.
    // Weeks: 10 + 15 + 25 + 8 = 58 h before kubernetes, so it starts in week 6 (written as 7 by hand at first: a slip in the sum, not the code).
    const result = await plan({ budget: { amount: 40, currency: 'usd' }, hoursPerWeek: 10 });
    expect(outline(result.steps)).toEqual([
      [1, 'python', ['py-beginner'], 10, 1, 1],
      [2, 'sql', ['sql-es', 'sql-course'], 15, 2, 3],
      [3, 'linux', ['linux-book'], 25, 3, 5],
      [4, 'docker', ['docker-course'], 8, 6, 6],
      [5, 'kubernetes', ['k8s-book'], 25, 6, 9],
    ]);
    expect(result.totals).toMatchObject({ cost: [{ amount: 20, currency: 'USD' }], unknownPriceCount: 0, hours: 83, weeks: 9 });
    expect(result.userErrors).toEqual([]);
  });
});

const GAP = `query($role: String!, $known: [KnownSkillInput!]!) {
  skillGap(role: $role, known: $known) {
    role { slug } readiness
    requirements { key label requirement minimum weight satisfied metCount progress options { skill { slug } status } }
    met { skill { slug } } underLevel { skill { slug } levelDistance knownLevel requiredLevel } missing { skill { slug } bestResources { resource { slug } } }
  }
}`;

describe('skillGap', () => {
  it('counts a group once, reports levels and distances, and gives each gap its best resources', async () => {
    const response = await app.graphql(GAP, {
      role: 'fixture-backend',
      known: [
        { skill: 'java', level: 'EXPERT' },
        { skill: 'sql', level: 'BEGINNER' },
      ],
    });
    expect(response.errors).toBeUndefined();
    const gap = response.data.skillGap;
    // lang met through java (progress 1), sql 1/2, kubernetes 0: (0.9 × 1 + 0.8 × 0.5 + 0.7 × 0) ÷ 2.4 = 0.5417 → 0.542.
    expect(gap.readiness).toBe(0.542);
    expect(
      gap.requirements.map((requirement: { key: string; satisfied: boolean; minimum: number }) => [
        requirement.key,
        requirement.satisfied,
        requirement.minimum,
      ]),
    ).toEqual([
      ['lang', true, 1],
      [toGlobalId('Skill', skillIds.sql), false, 1],
      [toGlobalId('Skill', skillIds.kubernetes), false, 1],
      [toGlobalId('Skill', skillIds.apis), false, 1],
    ]);
    expect(gap.requirements[0]).toMatchObject({
      label: 'At least one language',
      requirement: 'REQUIRED',
      weight: 0.9,
      metCount: 1,
      progress: 1,
    });
    expect(gap.met.map((item: { skill: { slug: string } }) => item.skill.slug)).toEqual(['java']);
    expect(gap.underLevel).toEqual([{ skill: { slug: 'sql' }, levelDistance: 1, knownLevel: 'BEGINNER', requiredLevel: 'INTERMEDIATE' }]);
    expect(gap.missing.map((item: { skill: { slug: string } }) => item.skill.slug)).toEqual(['python', 'kubernetes', 'apis']);
    expect(gap.missing[0].bestResources.map((entry: { resource: { slug: string } }) => entry.resource.slug)).toEqual([
      'py-beginner',
      'py-advanced',
    ]);
  });
});

describe('roadmap', () => {
  it('is the plan for someone who knows nothing: requirements, additional skills and prerequisites, 10 h/week assumed', async () => {
    const response = await app.graphql(
      `{ roadmap(role: "fixture-backend") { steps { skill { slug } reason } assumptions userErrors { message } } }`,
    );
    expect(response.errors).toBeUndefined();
    const { steps, assumptions, userErrors } = response.data.roadmap;
    expect(steps.map((step: { skill: { slug: string } }) => step.skill.slug)).toEqual([
      'python',
      'sql',
      'linux',
      'docker',
      'kubernetes',
      'apis',
    ]);
    expect(steps[5].reason).toBe('ADDITIONAL_SKILL');
    expect(assumptions).toEqual(['10 h/week assumed: no hoursPerWeek given.']);
    expect(userErrors).toEqual([]);
  });
});

describe('naming known skills', () => {
  it('takes a slug, a global id, or a name or alias in any case, as skillByName does', async () => {
    const byReference = async (reference: string) =>
      (await plan({ hoursPerWeek: 10, known: [{ skill: reference, level: 'EXPERT' }] })).steps.map((step) => step.skill.slug);
    const withoutKubernetes = ['python', 'sql'];
    expect(await byReference('kubernetes')).toEqual(withoutKubernetes);
    expect(await byReference(toGlobalId('Skill', skillIds.kubernetes))).toEqual(withoutKubernetes);
    expect(await byReference('K8S')).toEqual(withoutKubernetes);
    expect(await byReference('  Kubernetes ')).toEqual(withoutKubernetes);
  });
});

describe('bad input: BAD_USER_INPUT naming the argument, nothing computed', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['unknown role', { role: 'no-such-role' }, 'input.role'],
    ['unknown skill', { known: [{ skill: 'cobol-wizardry', level: 'BEGINNER' }] }, 'input.known[0].skill'],
    [
      'a skill given twice',
      {
        known: [
          { skill: 'sql', level: 'BEGINNER' },
          { skill: 'sql', level: 'EXPERT' },
        ],
      },
      'input.known[1].skill',
    ],
    ['negative budget', { budget: { amount: -1, currency: 'USD' } }, 'input.budget.amount'],
    ['unknown currency', { budget: { amount: 10, currency: 'XYZ' } }, 'input.budget.currency'],
    ['not a currency code', { budget: { amount: 10, currency: '$$$' } }, 'input.budget.currency'],
    ['negative hours', { hoursPerWeek: -5 }, 'input.hoursPerWeek'],
    ['zero hours', { hoursPerWeek: 0 }, 'input.hoursPerWeek'],
    ['under an hour a week (a schedule of thousands of weeks)', { hoursPerWeek: 0.01 }, 'input.hoursPerWeek'],
    ['more hours than a week holds', { hoursPerWeek: 200 }, 'input.hoursPerWeek'],
    ['zero weeks', { weeks: 0 }, 'input.weeks'],
    [
      'more than 200 known skills',
      { known: Array.from({ length: 201 }, (_, index) => ({ skill: `s-${index}`, level: 'BEGINNER' })) },
      'input.known',
    ],
    ['a provider id that is not one', { providers: ['not-an-id'] }, 'input.providers'],
    ['an empty kinds list', { kinds: [] }, 'input.kinds'],
    ['too many languages', { languages: Array.from({ length: 21 }, (_, index) => `l${index}`) }, 'input.languages'],
  ];
  it.each(cases)('%s', async (_name, input, argumentName) => {
    const { result: response, commands } = await app.countDatabaseCommands(() =>
      app.graphql(`query($input: LearningPlanInput!) { learningPlan(input: $input) { steps { position } } }`, {
        input: { role: 'fixture-backend', ...input },
      }),
    );
    expect(response.data).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    // Checks that need no data run before any read; the role and skills are read once to resolve names, and no candidate is.
    expect(commands).toBeLessThanOrEqual(2);
  });

  it('a level outside the enum is refused by GraphQL itself, with a BAD_USER_INPUT code for variables', async () => {
    const response = await app.graphql(`query($input: LearningPlanInput!) { learningPlan(input: $input) { steps { position } } }`, {
      input: { role: 'fixture-backend', known: [{ skill: 'sql', level: 'GURU' }] },
    });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('GURU');
  });

  it('skillGap and roadmap name their own arguments', async () => {
    const gap = await app.graphql(GAP, { role: 'nope', known: [] });
    expect(gap.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'role' });
    const unknownSkill = await app.graphql(GAP, { role: 'fixture-backend', known: [{ skill: 'nope', level: 'EXPERT' }] });
    expect(unknownSkill.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'known[0].skill' });
    const roadmap = await app.graphql(`{ roadmap(role: "nope") { steps { position } } }`);
    expect(roadmap.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'role' });
  });
});

describe('deterministic, cached, never stale', () => {
  const FULL = { hoursPerWeek: 7, includeAdditionalSkills: true, languages: ['en', 'es'], budget: { amount: 1000, currency: 'USD' } };

  it('the same inputs give the same plan, and a repeat is answered from the plan cache with no database round trip', async () => {
    await app.flushCaches();
    const first = await app.countDatabaseCommands(() => plan(FULL));
    // Role and skills (in parallel), the candidates' links then the chosen candidates by id, plus the by-id reads of the
    // resources, skills and role the selection shows.
    expect(first.commands).toBeLessThanOrEqual(7);
    // The same inputs in another spelling (list order, case of the currency) hit the same entry.
    const again = await app.countDatabaseCommands(() =>
      plan({ budget: { currency: 'usd', amount: 1000 }, languages: ['es', 'en', 'es'], includeAdditionalSkills: true, hoursPerWeek: 7 }),
    );
    expect(again.result).toEqual(first.result);
    expect(again.commands).toBe(0);
  });

  it('a catalogue write purges cached plans: a cheaper, better resource shows up in the next plan', async () => {
    const before = await plan({ hoursPerWeek: 10 });
    expect(before.steps.find((step) => step.skill.slug === 'docker')!.resources.map((entry) => entry.resource.slug)).toEqual([
      'docker-course',
    ]);
    const created = await app.graphql(
      `mutation($input: CreateCourseInput!) { createCourse(input: $input) { resource { id } userErrors { message } } }`,
      {
        input: {
          title: 'Docker from zero',
          url: 'https://plan.example/docker-zero',
          providerId: (await app.graphql(`{ providers(first: 5) { edges { node { id slug } } } }`)).data.providers.edges.find(
            (edge: { node: { slug: string } }) => edge.node.slug === 'plan-provider',
          ).node.id,
          free: true,
          level: 'BEGINNER',
          durationMinutes: 240,
          skills: [{ skillId: (await app.graphql(`{ skill(slug: "docker") { id } }`)).data.skill.id, level: 'BEGINNER' }],
        },
      },
      { admin: true },
    );
    expect(created.data?.createCourse.userErrors).toEqual([]);
    const after = await plan({ hoursPerWeek: 10 });
    const docker = after.steps.find((step) => step.skill.slug === 'docker')!;
    expect(docker.resources.map((entry) => entry.resource.slug.replace(/-[0-9a-f]{6}$/, ''))).toEqual(['docker-from-zero']);
  });

  it('a taxonomy write purges them too: dropping a prerequisite edge removes the step it added', async () => {
    const before = await plan({ hoursPerWeek: 10, known: [{ skill: 'linux', level: 'ADVANCED' }] });
    expect(before.steps.map((step) => step.skill.slug)).toContain('docker');
    const [kubernetes, docker] = [skillIds.kubernetes, skillIds.docker].map((id) => toGlobalId('Skill', id));
    const setPrerequisites = async (prerequisiteIds: string[]) =>
      dataOf(
        await app.graphql(
          `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { userErrors { message } } }`,
          { input: { id: kubernetes, prerequisiteIds } },
          { admin: true },
        ),
      ).updateSkill.userErrors;
    expect(await setPrerequisites([])).toEqual([]);
    try {
      const after = await plan({ hoursPerWeek: 10, known: [{ skill: 'linux', level: 'ADVANCED' }] });
      expect(after.steps.map((step) => step.skill.slug)).not.toContain('docker');
    } finally {
      // Put the edge back for the other tests, whatever happened above.
      expect(await setPrerequisites([docker])).toEqual([]);
    }
  });

  it('parallel identical requests all get the same plan', async () => {
    await app.flushCaches();
    const results = await Promise.all(Array.from({ length: 12 }, () => plan({ hoursPerWeek: 9, freeOnly: true })));
    for (const result of results) expect(result).toEqual(results[0]);
  });
});

describe("a curriculum's own course order", () => {
  let ossu: string;
  beforeAll(async () => {
    const provider = await ProviderModel.create({
      slug: 'ossu-fixture',
      name: 'OSSU fixture',
      nameKey: 'ossu fixture',
      kind: 'COMMUNITY',
      url: 'https://ossu.example',
    });
    ossu = toGlobalId('Provider', provider._id);
    const course = (slug: string, skill: string, level: string, prerequisites: string[]) => ({
      kind: 'COURSE',
      slug,
      title: slug,
      titleKey: slug,
      url: `https://ossu.example/${slug}`,
      urlKey: `ossu.example/${slug}`,
      providerId: provider._id,
      skills: [{ skillId: skillIds[skill], level, confidence: 0.99 }],
      skillIds: [skillIds[skill]],
      level,
      pricing: 'FREE',
      free: true,
      language: 'en',
      durationMinutes: 600,
      prerequisiteUrlKeys: prerequisites.map((other) => `ossu.example/${other}`),
      source: { feed: 'ossu-fixture', externalId: slug, fetchedAt: new Date('2026-01-01') },
    });
    await ResourceModel.insertMany([
      // The curriculum puts its linux course before its sql course: sql (0.8) would otherwise go before linux (0.7).
      course('ossu-sql', 'sql', 'INTERMEDIATE', ['ossu-linux']),
      // And claims docker before linux, which the skill graph contradicts (docker REQUIRES linux): the skill edge wins.
      course('ossu-linux', 'linux', 'BEGINNER', ['ossu-docker']),
      // Teaches APIs too (second link): a plan with the additional skills shares it for APIs rather than studying it twice.
      {
        ...course('ossu-python', 'python', 'ADVANCED', []),
        skills: [
          { skillId: skillIds.python, level: 'ADVANCED', confidence: 0.99 },
          { skillId: skillIds.apis, level: 'ADVANCED', confidence: 0.6 },
        ],
        skillIds: [skillIds.python, skillIds.apis],
      },
      course('ossu-docker', 'docker', 'BEGINNER', []),
      course('ossu-k8s', 'kubernetes', 'INTERMEDIATE', ['ossu-docker']),
    ]);
  });

  it('puts a course after the courses its curriculum lists first, unless a skill prerequisite says otherwise', async () => {
    const result = await plan({ providers: [ossu], hoursPerWeek: 10 });
    expect(result.steps.map((step) => [step.skill.slug, step.resources.map((entry) => entry.resource.slug)])).toEqual([
      ['python', ['ossu-python']],
      ['linux', ['ossu-linux']],
      ['sql', ['ossu-sql']],
      ['docker', ['ossu-docker']],
      ['kubernetes', ['ossu-k8s']],
    ]);
  });

  it('shares a course that teaches two planned skills: studied once, in the more important step', async () => {
    const response = await app.graphql(
      `query($input: LearningPlanInput!) { learningPlan(input: $input) {
        steps { position skill { slug } hours resources { resource { slug } } sharedResources { resource { slug } studiedInStep } }
        totals { hours } } }`,
      { input: { role: 'fixture-backend', providers: [ossu], includeAdditionalSkills: true, hoursPerWeek: 10 } },
    );
    expect(response.errors).toBeUndefined();
    const steps = response.data.learningPlan.steps as Array<{
      position: number;
      skill: { slug: string };
      hours: number;
      resources: unknown[];
      sharedResources: unknown[];
    }>;
    const apis = steps.find((step) => step.skill.slug === 'apis')!;
    expect(apis).toMatchObject({ hours: 0, resources: [], sharedResources: [{ resource: { slug: 'ossu-python' }, studiedInStep: 1 }] });
    expect(steps[0]).toMatchObject({ skill: { slug: 'python' }, resources: [{ resource: { slug: 'ossu-python' } }], sharedResources: [] });
    expect(response.data.learningPlan.totals.hours).toBe(steps.reduce((sum, step) => sum + step.hours, 0));
  });
});
