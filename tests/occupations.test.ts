import path from 'node:path';
import { Types } from 'mongoose';
import { seedOccupations, type OccupationSeedInput } from '../seeds/database/seed-occupations';
import { PROJECT_ROOT } from '../src/core/project-root';
import { OccupationModel, SkillTechnologyModel } from '../src/modules/occupation/occupation.model';
import { readOnetData, type OnetData } from '../src/modules/occupation/onet-files';
import { RoleModel } from '../src/modules/role/role.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { seedBulkCatalog } from './helpers/catalog-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * O*NET market context through GraphQL: the seed stores the roles' occupations and the technology rows
 * naming each skill from the real O*NET 29.2 copy; `Role.occupations` and `Skill.marketDemand` read
 * them through batched loaders.
 */
let app: TestApp;
let onet: OnetData;
let input: OccupationSeedInput;
const skillSlugs = ['skill-00', 'skill-01', 'skill-02', 'skill-03', 'skill-04', 'skill-05'];

beforeAll(async () => {
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  onet = await readOnetData(path.join(PROJECT_ROOT, 'seeds', 'data', 'onet-29.2'));
  await seedBulkCatalog({ resourceCount: 10, providerCount: 2, skillCount: 6, categoryCount: 2 });
  const skills = await SkillModel.find({ slug: { $in: skillSlugs } }, { slug: 1 }).lean();
  const skillIds = new Map(skills.map((skill) => [skill.slug, skill._id]));
  const roleIds = new Map<string, Types.ObjectId>();
  for (const slug of ['backend', 'dba', 'unmapped']) {
    const role = await RoleModel.create({
      slug,
      title: slug,
      titleKey: slug,
      requiredSkills: [{ skillId: skillIds.get('skill-00'), level: 'BEGINNER', weight: 1 }],
    });
    roleIds.set(slug, role._id);
  }
  input = {
    onet,
    roleOccupations: {
      backend: [
        { code: '15-1252.00', reason: 'Software Developers: the closest occupation.' },
        { code: '15-1254.00', reason: 'Web Developers: back-end developers are filed here.' },
      ],
      dba: [{ code: '15-1242.00', reason: 'Database Administrators: the same job.' }],
    },
    skillTechnologies: [
      { skill: 'skill-00', examples: ['PostgreSQL'] },
      { skill: 'skill-01', examples: ['MySQL', 'MariaDB'] },
      { skill: 'skill-02', examples: ['Docker'] },
      { skill: 'skill-03', examples: ['Python'] },
      { skill: 'skill-04', examples: ['Git'] },
    ],
    roleIds,
    skillIds,
  };
});
afterAll(() => app?.stop());

/** The rows of the O*NET copy for `example` in the occupations the fixture's roles map to. */
const rowsOf = (example: string) =>
  onet.technologies.filter((row) => row.example === example && ['15-1252.00', '15-1254.00', '15-1242.00'].includes(row.occupationCode));

describe('seeding O*NET occupations', () => {
  it('stores the mapped occupations and the technology rows of their skills, and a second run writes nothing', async () => {
    const first = await seedOccupations(input);
    const expectedRows = ['PostgreSQL', 'MySQL', 'MariaDB', 'Docker', 'Python', 'Git'].flatMap(rowsOf).length;
    expect(expectedRows).toBeGreaterThan(10);
    expect(first.occupations).toMatchObject({ read: 3, created: 3, updated: 0 });
    expect(first.skillTechnologies).toMatchObject({ read: expectedRows, created: expectedRows, updated: 0 });
    const second = await seedOccupations(input);
    expect(second.occupations).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(second.skillTechnologies).toMatchObject({ created: 0, updated: 0, unchanged: expectedRows });
  });

  it('refuses a code or an example the release does not have, before writing anything', async () => {
    const before = await SkillTechnologyModel.countDocuments();
    await expect(
      seedOccupations({ ...input, roleOccupations: { ...input.roleOccupations, dba: [{ code: '15-9999.00', reason: 'x' }] } }),
    ).rejects.toThrow(/"15-9999.00", which is not an O\*NET 29.2 occupation/);
    await expect(seedOccupations({ ...input, skillTechnologies: [{ skill: 'skill-00', examples: ['PostgresQL'] }] })).rejects.toThrow(
      /names "PostgresQL", which no O\*NET 29.2 technology row has/,
    );
    expect(await SkillTechnologyModel.countDocuments()).toBe(before);
    expect(await OccupationModel.countDocuments()).toBe(3);
  });

  it('removes what the mapping no longer names, counted as updated, and puts it back when named again', async () => {
    const gitRows = rowsOf('Git').length;
    const withoutGit = await seedOccupations({
      ...input,
      skillTechnologies: input.skillTechnologies.filter((entry) => entry.skill !== 'skill-04'),
    });
    expect(withoutGit.skillTechnologies.updated).toBe(gitRows);
    expect(await SkillTechnologyModel.countDocuments({ example: 'Git' })).toBe(0);
    const again = await seedOccupations(input);
    expect(again.skillTechnologies.created).toBe(gitRows);
  });
});

describe('Role.occupations', () => {
  const ROLES = `{ roles(first: 10) { edges { node { slug occupations { code title description } } } } }`;

  it("lists each role's occupations closest first, with O*NET's title and description; none for an unmapped role", async () => {
    const roles = dataOf(await app.graphql(ROLES)).roles.edges.map((edge: { node: unknown }) => edge.node);
    const developers = onet.occupations.find((row) => row.code === '15-1252.00')!;
    expect(roles).toEqual([
      {
        slug: 'backend',
        occupations: [
          { code: '15-1252.00', title: 'Software Developers', description: developers.description },
          { code: '15-1254.00', title: 'Web Developers', description: expect.stringMatching(/\S/) },
        ],
      },
      { slug: 'dba', occupations: [{ code: '15-1242.00', title: 'Database Administrators', description: expect.stringMatching(/\S/) }] },
      { slug: 'unmapped', occupations: [] },
    ]);
  });
});

describe('Skill.marketDemand', () => {
  const SKILL = `query($slug: String!) { skill(slug: $slug) { marketDemand {
    occupation { code title } hotTechnology inDemand examples technologies { example commodityCode commodityTitle hotTechnology inDemand }
  } } }`;

  it("says, per occupation of the roles, whether O*NET marks the skill's technologies hot or in demand: as in the file", async () => {
    const demand = dataOf(await app.graphql(SKILL, { slug: 'skill-01' })).skill.marketDemand;
    const expected = [...new Set([...rowsOf('MySQL'), ...rowsOf('MariaDB')].map((row) => row.occupationCode))].sort().map((code) => {
      const rows = [...rowsOf('MariaDB'), ...rowsOf('MySQL')].filter((row) => row.occupationCode === code);
      return {
        occupation: { code, title: onet.occupations.find((row) => row.code === code)!.title },
        hotTechnology: rows.some((row) => row.hotTechnology),
        inDemand: rows.some((row) => row.inDemand),
        examples: rows.map((row) => row.example),
        technologies: rows.map(({ example, commodityCode, commodityTitle, hotTechnology, inDemand }) => ({
          example,
          commodityCode,
          commodityTitle,
          hotTechnology,
          inDemand,
        })),
      };
    });
    expect(demand).toEqual(expected);
    // The data itself: O*NET 29.2 marks MySQL a Hot Technology for Database Administrators.
    expect(demand.find((row: { occupation: { code: string } }) => row.occupation.code === '15-1242.00')).toMatchObject({
      hotTechnology: true,
      examples: expect.arrayContaining(['MySQL']),
    });
  });

  it('is empty for a skill O*NET names no technology for', async () => {
    expect(dataOf(await app.graphql(SKILL, { slug: 'skill-05' })).skill.marketDemand).toEqual([]);
  });
});

describe('round trips', () => {
  const SKILLS = `query($first: Int) { skills(first: $first) { edges { node { name marketDemand { occupation { title } hotTechnology examples } } } } }`;

  it("costs the same commands for 2 or 6 skills' market demand: skills, technology rows, occupations", async () => {
    const measured: number[] = [];
    for (const first of [2, 6]) {
      const { result, commands, byCommand } = await app.countDatabaseCommands(() => app.graphql(SKILLS, { first }));
      const edges = dataOf(result).skills.edges as Array<{ node: { marketDemand: unknown[] } }>;
      expect(edges).toHaveLength(first);
      expect(edges[0].node.marketDemand.length).toBeGreaterThan(0);
      expect(byCommand).toEqual({ find: 3 });
      measured.push(commands);
    }
    expect(measured).toEqual([3, 3]);
  });

  it('batches Role.occupations into one query for every role', async () => {
    const { commands } = await app.countDatabaseCommands(() =>
      app.graphql(`{ roles(first: 10) { edges { node { occupations { code } } } } }`),
    );
    expect(commands).toBe(2);
  });
});
