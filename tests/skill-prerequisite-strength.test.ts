import { Types } from 'mongoose';
import { toGlobalId } from '../src/core/relay/global-id';
import { SkillModel } from '../src/modules/skill/skill.model';
import { seedCategories, seedSkills } from '../seeds/database/seed-taxonomy';
import { taxonomy } from '../seeds/taxonomy';
import { objectIdOf } from './helpers/catalog-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * REQUIRED and RECOMMENDED prerequisite edges through the API: what the seeded taxonomy says, how
 * createSkill/updateSkill keep the two kinds apart and the union acyclic, and how deleteSkill unlinks both.
 */
let app: TestApp;
/** Global ids of the seeded skills and of the ones tests create, by slug. */
const skill: Record<string, string> = {};
let categoryId = '';

beforeAll(async () => {
  app = await startTestApp();
  const categories = await seedCategories(taxonomy.categories);
  const skills = await seedSkills(taxonomy.skills, categories.ids);
  for (const [slug, id] of skills.ids) skill[slug] = toGlobalId('Skill', id);
  categoryId = toGlobalId('Category', categories.ids.get('devops')!);
  await app.flushCaches();
});
afterAll(() => app?.stop());

const LINK_FIELDS = 'slug prerequisites { slug } recommendedPrerequisites { slug } prerequisiteLinks { skill { slug } strength }';
const CREATE = `mutation($input: CreateSkillInput!) { createSkill(input: $input) { skill { id ${LINK_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { ${LINK_FIELDS} } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeleteSkillInput!) { deleteSkill(input: $input) { deletedId userErrors { field code } } }`;
const READ = `query($slug: String!) { skill(slug: $slug) { ${LINK_FIELDS} dependents { slug } } }`;

async function readSkill(slug: string) {
  return dataOf(await app.graphql(READ, { slug })).skill;
}

async function create(input: Record<string, unknown>) {
  const payload = dataOf(await app.graphql(CREATE, { input: { name: input.slug, categoryId, ...input } }, { admin: true })).createSkill;
  if (payload.skill) skill[payload.skill.slug] = payload.skill.id;
  return payload;
}

async function update(input: Record<string, unknown>) {
  return dataOf(await app.graphql(UPDATE, { input }, { admin: true })).updateSkill;
}

async function stored(slug: string) {
  return SkillModel.findOne({ slug }).lean().exec();
}

const idsOf = (...slugs: string[]) => slugs.map((slug) => skill[slug]);
const hexOf = (...slugs: string[]) => slugs.map((slug) => String(objectIdOf(skill[slug])));

describe('the seeded prerequisite edges', () => {
  it('keeps the needed edges REQUIRED and the helpful ones RECOMMENDED, required first in prerequisiteLinks', async () => {
    expect(await readSkill('kubernetes')).toMatchObject({ prerequisites: [{ slug: 'docker' }], recommendedPrerequisites: [] });
    expect(await readSkill('docker')).toMatchObject({ prerequisites: [], recommendedPrerequisites: [{ slug: 'linux-unix' }] });
    expect((await readSkill('ethical-hacking-penetration-testing')).prerequisiteLinks).toEqual([
      { skill: { slug: 'vulnerability-assessment' }, strength: 'REQUIRED' },
      { skill: { slug: 'computer-networking' }, strength: 'REQUIRED' },
      { skill: { slug: 'linux-unix' }, strength: 'RECOMMENDED' },
    ]);
    // `dependents` reads REQUIRED edges only: docker no longer needs Linux, server administration does.
    const linux = await readSkill('linux-unix');
    expect(linux.dependents.map((dependent: { slug: string }) => dependent.slug)).toContain('server-administration');
    expect(linux.dependents.map((dependent: { slug: string }) => dependent.slug)).not.toContain('docker');
  });
});

describe('createSkill and updateSkill with recommended prerequisites', () => {
  beforeAll(async () => {
    // alpha ← beta (required) ⇠ gamma (recommended): gamma is better learnt after beta, which needs alpha.
    expect((await create({ slug: 'alpha' })).userErrors).toEqual([]);
    expect((await create({ slug: 'beta', prerequisiteIds: idsOf('alpha') })).userErrors).toEqual([]);
    expect((await create({ slug: 'gamma', recommendedPrerequisiteIds: idsOf('beta', 'beta') })).userErrors).toEqual([]);
  });

  it('stores recommended prerequisites apart from required ones, repeats dropped', async () => {
    expect(await readSkill('gamma')).toMatchObject({
      prerequisites: [],
      recommendedPrerequisites: [{ slug: 'beta' }],
      prerequisiteLinks: [{ skill: { slug: 'beta' }, strength: 'RECOMMENDED' }],
    });
    const gamma = await stored('gamma');
    expect(gamma?.prerequisiteIds).toEqual([]);
    expect(gamma?.recommendedPrerequisiteIds.map(String)).toEqual(hexOf('beta'));
  });

  it('refuses on create a skill in both lists and unknown ids, writing nothing', async () => {
    const payload = await create({
      slug: 'refused-skill',
      prerequisiteIds: idsOf('alpha'),
      recommendedPrerequisiteIds: [skill.beta, skill.alpha, toGlobalId('Skill', new Types.ObjectId()), 'garbage'],
    });
    expect(payload.skill).toBeNull();
    expect(payload.userErrors.map(({ field, code }: { field: string[]; code: string }) => `${field.join('.')} ${code}`)).toEqual([
      'input.recommendedPrerequisiteIds.2 NOT_FOUND',
      'input.recommendedPrerequisiteIds.3 NOT_FOUND',
      'input.recommendedPrerequisiteIds.1 INVALID',
    ]);
    expect(await stored('refused-skill')).toBeNull();
  });

  it('refuses more than 50 recommended prerequisites', async () => {
    const payload = await create({ slug: 'refused-skill', recommendedPrerequisiteIds: Array.from({ length: 51 }, () => skill.alpha) });
    expect(payload.userErrors).toEqual([{ field: ['input', 'recommendedPrerequisiteIds'], code: 'INVALID', message: expect.any(String) }]);
    expect(await stored('refused-skill')).toBeNull();
  });

  it.each([
    [
      'a recommended edge that closes a cycle through a required one',
      () => ({ id: skill.alpha, recommendedPrerequisiteIds: idsOf('gamma') }),
      { field: ['input', 'recommendedPrerequisiteIds', '0'], code: 'PREREQUISITE_CYCLE' },
      'This prerequisite would close the cycle alpha ⇢ gamma ⇢ beta → alpha ("→" reads "requires", "⇢" reads "recommends first").',
    ],
    [
      'a required edge that closes a cycle through a recommended one',
      () => ({ id: skill.alpha, prerequisiteIds: idsOf('gamma') }),
      { field: ['input', 'prerequisiteIds', '0'], code: 'PREREQUISITE_CYCLE' },
      'This prerequisite would close the cycle alpha → gamma ⇢ beta → alpha ("→" reads "requires", "⇢" reads "recommends first").',
    ],
    [
      'the skill as its own recommended prerequisite',
      () => ({ id: skill.gamma, recommendedPrerequisiteIds: idsOf('beta', 'gamma') }),
      { field: ['input', 'recommendedPrerequisiteIds', '1'], code: 'PREREQUISITE_CYCLE' },
      'A skill cannot be its own prerequisite.',
    ],
    [
      'a required prerequisite the stored recommended list already has',
      () => ({ id: skill.gamma, prerequisiteIds: idsOf('alpha', 'beta') }),
      { field: ['input', 'prerequisiteIds', '1'], code: 'INVALID' },
      expect.stringContaining('already a recommended prerequisite'),
    ],
    [
      'a recommended prerequisite the stored required list already has',
      () => ({ id: skill.beta, recommendedPrerequisiteIds: idsOf('alpha') }),
      { field: ['input', 'recommendedPrerequisiteIds', '0'], code: 'INVALID' },
      expect.stringContaining('also a required prerequisite'),
    ],
    [
      'an unknown recommended prerequisite',
      () => ({ id: skill.gamma, recommendedPrerequisiteIds: [toGlobalId('Skill', new Types.ObjectId())] }),
      { field: ['input', 'recommendedPrerequisiteIds', '0'], code: 'NOT_FOUND' },
      'No skill has this id.',
    ],
  ])('refuses %s, writing nothing', async (_case, inputOf, error, message) => {
    const before = await Promise.all(['alpha', 'beta', 'gamma'].map(stored));
    const payload = await update(inputOf());
    expect(payload).toEqual({ skill: null, userErrors: [{ ...error, message }] });
    expect(await Promise.all(['alpha', 'beta', 'gamma'].map(stored))).toEqual(before);
  });

  it('moves an edge from recommended to required when one update gives both lists, and the next read shows it', async () => {
    expect((await readSkill('gamma')).prerequisiteLinks).toEqual([{ skill: { slug: 'beta' }, strength: 'RECOMMENDED' }]);
    const payload = await update({ id: skill.gamma, prerequisiteIds: idsOf('beta'), recommendedPrerequisiteIds: idsOf('alpha') });
    try {
      expect(payload.userErrors).toEqual([]);
      expect((await readSkill('gamma')).prerequisiteLinks).toEqual([
        { skill: { slug: 'beta' }, strength: 'REQUIRED' },
        { skill: { slug: 'alpha' }, strength: 'RECOMMENDED' },
      ]);
    } finally {
      // And back, whatever happened above, so the other tests see the fixture they expect.
      expect((await update({ id: skill.gamma, prerequisiteIds: [], recommendedPrerequisiteIds: idsOf('beta') })).userErrors).toEqual([]);
    }
  });

  it('reads a skill stored before recommended prerequisites existed as having none, and checks cycles through it', async () => {
    const legacyId = new Types.ObjectId();
    const beta = await stored('beta');
    await SkillModel.collection.insertOne({
      _id: legacyId,
      slug: 'legacy',
      name: 'Legacy',
      nameKey: 'legacy',
      matchKeys: ['legacy'],
      categoryId: beta!.categoryId,
      prerequisiteIds: [objectIdOf(skill.gamma)],
      relatedIds: [],
    });
    skill.legacy = toGlobalId('Skill', legacyId);
    expect(await readSkill('legacy')).toMatchObject({
      recommendedPrerequisites: [],
      prerequisiteLinks: [{ skill: { slug: 'gamma' }, strength: 'REQUIRED' }],
    });
    const payload = await update({ id: skill.alpha, recommendedPrerequisiteIds: idsOf('legacy') });
    expect(payload.userErrors).toEqual([
      {
        field: ['input', 'recommendedPrerequisiteIds', '0'],
        code: 'PREREQUISITE_CYCLE',
        message: expect.stringContaining('alpha ⇢ legacy → gamma ⇢ beta → alpha'),
      },
    ]);
  });
});

describe('deleteSkill', () => {
  it('removes the skill from the required and recommended prerequisites of others, and their next reads show it', async () => {
    expect((await create({ slug: 'delta' })).userErrors).toEqual([]);
    expect((await create({ slug: 'epsilon', prerequisiteIds: idsOf('delta', 'alpha') })).userErrors).toEqual([]);
    expect((await create({ slug: 'zeta', recommendedPrerequisiteIds: idsOf('alpha', 'delta') })).userErrors).toEqual([]);
    expect((await readSkill('epsilon')).prerequisites).toEqual([{ slug: 'delta' }, { slug: 'alpha' }]);
    expect((await readSkill('zeta')).recommendedPrerequisites).toEqual([{ slug: 'alpha' }, { slug: 'delta' }]);

    const deleted = dataOf(await app.graphql(DELETE, { input: { id: skill.delta } }, { admin: true })).deleteSkill;
    expect(deleted).toEqual({ deletedId: skill.delta, userErrors: [] });

    expect((await stored('epsilon'))?.prerequisiteIds.map(String)).toEqual(hexOf('alpha'));
    expect((await stored('zeta'))?.recommendedPrerequisiteIds.map(String)).toEqual(hexOf('alpha'));
    expect(
      await SkillModel.countDocuments({
        $or: [{ prerequisiteIds: objectIdOf(skill.delta) }, { recommendedPrerequisiteIds: objectIdOf(skill.delta) }],
      }),
    ).toBe(0);
    // The cached reads of both skills were invalidated, not only the stored documents changed.
    expect((await readSkill('epsilon')).prerequisiteLinks).toEqual([{ skill: { slug: 'alpha' }, strength: 'REQUIRED' }]);
    expect((await readSkill('zeta')).prerequisiteLinks).toEqual([{ skill: { slug: 'alpha' }, strength: 'RECOMMENDED' }]);
  });
});
