import { Types } from 'mongoose';
import { toGlobalId } from '../src/core/relay/global-id';
import { CategoryModel } from '../src/modules/category/category.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * The prerequisite graph stays acyclic when writes race: two updates that would each be fine alone but
 * close a cycle together (A requires B, B requires A), sent at once through two API instances, must
 * not both land. One is written; the other reports the cycle (or, if it could not get its turn, a
 * CONFLICT to retry), and the stored graph never holds a cycle.
 */
let app: TestApp;
let other: Awaited<ReturnType<TestApp['startAnotherInstance']>>;

beforeAll(async () => {
  app = await startTestApp();
  other = await app.startAnotherInstance();
});
afterAll(() => app?.stop());

const UPDATE = `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { slug } userErrors { code message } } }`;

/** Skills named `${prefix}-0` … `${prefix}-${count - 1}` with no edges; global ids in that order. */
async function createSkills(prefix: string, count: number): Promise<Types.ObjectId[]> {
  const category = await CategoryModel.create({ slug: `${prefix}-category`, name: `${prefix} category`, tier: 'FOUNDATION', position: 0 });
  const skills = await SkillModel.insertMany(
    Array.from({ length: count }, (_, index) => ({
      slug: `${prefix}-${index}`,
      name: `${prefix} ${index}`,
      nameKey: `${prefix} ${index}`,
      matchKeys: [`${prefix} ${index}`],
      categoryId: category._id,
    })),
  );
  return skills.map((skill) => skill._id);
}

/** True when following stored prerequisite edges (both kinds) from some skill comes back to it. */
async function storedGraphHasCycle(): Promise<boolean> {
  const skills = await SkillModel.find({}, { prerequisiteIds: 1, recommendedPrerequisiteIds: 1 }).lean().exec();
  const edges = new Map(
    skills.map((skill) => [String(skill._id), [...(skill.prerequisiteIds ?? []), ...(skill.recommendedPrerequisiteIds ?? [])].map(String)]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'open') return true;
    state.set(id, 'open');
    const cyclic = (edges.get(id) ?? []).some(visit);
    state.set(id, 'done');
    return cyclic;
  };
  return [...edges.keys()].some(visit);
}

it('of two updates that together close a cycle, sent at once through two instances, at most one lands', async () => {
  const rounds = 12;
  for (let round = 0; round < rounds; round += 1) {
    const [a, b, c] = (await createSkills(`race${round}`, 3)).map((id) => toGlobalId('Skill', id));
    // Round by round, a two-skill cycle (a → b, b → a) or a three-skill one closed by the second write
    // (a → b already stored; then b → c and c → a at once), of both kinds of edge.
    const list = round % 2 === 0 ? 'prerequisiteIds' : 'recommendedPrerequisiteIds';
    const writes =
      round % 4 < 2
        ? [
            { through: app, input: { id: a, [list]: [b] } },
            { through: other, input: { id: b, [list]: [a] } },
          ]
        : [
            { through: app, input: { id: b, [list]: [c] } },
            { through: other, input: { id: c, [list]: [a] } },
          ];
    if (round % 4 >= 2)
      expect(dataOf(await app.graphql(UPDATE, { input: { id: a, prerequisiteIds: [b] } }, { admin: true })).updateSkill.userErrors).toEqual(
        [],
      );
    const results = await Promise.all(writes.map(({ through, input }) => through.graphql(UPDATE, { input }, { admin: true })));
    const payloads = results.map((result) => dataOf(result).updateSkill);
    const landed = payloads.filter((payload) => payload.userErrors.length === 0);
    expect({ round, landed: landed.length }).toEqual({ round, landed: 1 });
    const refused = payloads.find((payload) => payload.userErrors.length > 0)!;
    expect(['PREREQUISITE_CYCLE', 'CONFLICT']).toContain(refused.userErrors[0].code);
    expect(refused.skill).toBeNull();
    expect(await storedGraphHasCycle()).toBe(false);
  }
});

it('of two updates filing one prerequisite as required and as recommended, sent at once through two instances, at most one lands', async () => {
  for (let round = 0; round < 12; round += 1) {
    const [skill, prerequisite] = (await createSkills(`kinds${round}`, 2)).map((id) => toGlobalId('Skill', id));
    // Each alone is valid: the stored lists are empty. Together they would file `prerequisite` under both kinds.
    const writes = [
      { through: round % 2 === 0 ? app : other, input: { id: skill, prerequisiteIds: [prerequisite] } },
      { through: round % 2 === 0 ? other : app, input: { id: skill, recommendedPrerequisiteIds: [prerequisite] } },
    ];
    const payloads = (await Promise.all(writes.map(({ through, input }) => through.graphql(UPDATE, { input }, { admin: true })))).map(
      (result) => dataOf(result).updateSkill,
    );
    expect({ round, landed: payloads.filter((payload) => payload.userErrors.length === 0).length }).toEqual({ round, landed: 1 });
    const refused = payloads.find((payload) => payload.userErrors.length > 0)!;
    expect(['INVALID', 'CONFLICT']).toContain(refused.userErrors[0].code);
    const stored = await SkillModel.findOne({ slug: `kinds${round}-0` })
      .lean()
      .exec();
    const required = (stored?.prerequisiteIds ?? []).map(String);
    expect((stored?.recommendedPrerequisiteIds ?? []).map(String).filter((id) => required.includes(id))).toEqual([]);
    expect(required.length + (stored?.recommendedPrerequisiteIds ?? []).length).toBe(1);
  }
});
