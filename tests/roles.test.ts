import { Types } from 'mongoose';
import { toGlobalId } from '../src/core/relay/global-id';
import { objectIdOf } from './helpers/catalog-fixture';
import { CategoryModel } from '../src/modules/category/category.model';
import { RoleModel } from '../src/modules/role/role.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { normaliseSkillTerm } from '../src/modules/skill/skill-term';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const ROLE_SKILL_FIELDS = 'skill { slug } level weight requirement';
const ROLE_FIELDS = `id slug title description requiredSkills { ${ROLE_SKILL_FIELDS} } additionalSkills { ${ROLE_SKILL_FIELDS} } skills { skill { slug } requirement }`;
const CREATE = `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { ${ROLE_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateRoleInput!) { updateRole(input: $input) { role { ${ROLE_FIELDS} } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeleteRoleInput!) { deleteRole(input: $input) { deletedId userErrors { field message code } } }`;
const LIST = `query($first: Int, $after: String, $filter: RoleFilter) {
  roles(first: $first, after: $after, filter: $filter) {
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}`;

/** Global ids of the fixture skills by slug. */
const skill: Record<string, string> = {};
const role: Record<string, string> = {};

/**
 * Categories and skills are written straight through the models (their mutations have their own
 * tests); each skill requires the one before it in `chain`, so prerequisites are never empty.
 */
async function insertTaxonomy(prefix: string, categoryCount: number, skillsPerCategory: number): Promise<string[]> {
  const slugs: string[] = [];
  let previous: Types.ObjectId | null = null;
  for (let c = 0; c < categoryCount; c += 1) {
    const category = await CategoryModel.create({
      slug: `${prefix}-category-${c}`,
      name: `${prefix} Category ${c}`,
      tier: 'FOUNDATION',
      position: c,
    });
    for (let s = 0; s < skillsPerCategory; s += 1) {
      const slug = `${prefix}-skill-${c}-${s}`;
      const name = `${prefix} Skill ${c}.${s}`;
      const created: { _id: Types.ObjectId } = await SkillModel.create({
        slug,
        name,
        nameKey: name.toLowerCase(),
        matchKeys: [normaliseSkillTerm(name)],
        categoryId: category._id,
        prerequisiteIds: previous ? [previous] : [],
      });
      skill[slug] = toGlobalId('Skill', created._id);
      previous = created._id;
      slugs.push(slug);
    }
  }
  return slugs;
}

async function createRole(input: Record<string, unknown>) {
  const payload = dataOf(await app.graphql(CREATE, { input }, { admin: true })).createRole;
  expect(payload.userErrors).toEqual([]);
  role[payload.role.slug] = payload.role.id;
  return payload.role;
}

async function listSlugs(variables: Record<string, unknown>): Promise<string[]> {
  const data = dataOf(await app.graphql(LIST, { first: 100, ...variables }));
  return data.roles.edges.map((edge: { node: { slug: string } }) => edge.node.slug);
}

async function errorCodes(query: string, variables: Record<string, unknown>): Promise<unknown[]> {
  const response = await app.graphql(query, variables);
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

const entry = (slug: string, level: string, weight: number) => ({ skillId: skill[slug], level, weight });

beforeAll(async () => {
  await insertTaxonomy('core', 2, 3);
  // Titles differ in case so the order must ignore it; "(" and "." must be matched literally by titlePrefix.
  await createRole({
    slug: 'api-developer',
    title: 'API Developer',
    description: 'Designs and builds APIs.',
    requiredSkills: [entry('core-skill-0-0', 'ADVANCED', 1), entry('core-skill-0-1', 'INTERMEDIATE', 0.5)],
    additionalSkills: [entry('core-skill-1-0', 'BEGINNER', 0.25)],
  });
  await createRole({ slug: 'backend-engineer', title: 'backend Engineer', requiredSkills: [entry('core-skill-0-1', 'EXPERT', 0.9)] });
  await createRole({
    slug: 'database-administrator',
    title: 'Database Administrator (DBA)',
    requiredSkills: [entry('core-skill-1-1', 'EXPERT', 1)],
  });
  await createRole({ slug: 'devops-engineer', title: 'DevOps Engineer', additionalSkills: [entry('core-skill-1-2', 'INTERMEDIATE', 0.4)] });
  await createRole({ slug: 'full-stack-developer', title: 'Full-Stack Developer' });
});

describe('role queries', () => {
  it('reads one role by slug with its required, additional and combined skills', async () => {
    const data = dataOf(
      await app.graphql(`query { role(slug: "api-developer") { ${ROLE_FIELDS} createdAt updatedAt } missing: role(slug: "nope") { id } }`),
    );
    expect(data.role).toEqual({
      id: role['api-developer'],
      slug: 'api-developer',
      title: 'API Developer',
      description: 'Designs and builds APIs.',
      requiredSkills: [
        { skill: { slug: 'core-skill-0-0' }, level: 'ADVANCED', weight: 1, requirement: 'REQUIRED' },
        { skill: { slug: 'core-skill-0-1' }, level: 'INTERMEDIATE', weight: 0.5, requirement: 'REQUIRED' },
      ],
      additionalSkills: [{ skill: { slug: 'core-skill-1-0' }, level: 'BEGINNER', weight: 0.25, requirement: 'ADDITIONAL' }],
      skills: [
        { skill: { slug: 'core-skill-0-0' }, requirement: 'REQUIRED' },
        { skill: { slug: 'core-skill-0-1' }, requirement: 'REQUIRED' },
        { skill: { slug: 'core-skill-1-0' }, requirement: 'ADDITIONAL' },
      ],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(data.missing).toBeNull();
  });

  it('lists the roles of a skill on the skill, whether required or additional', async () => {
    const data = dataOf(
      await app.graphql(
        `query { a: skill(slug: "core-skill-0-1") { roles { slug } } b: skill(slug: "core-skill-1-0") { roles { slug } } c: skill(slug: "core-skill-0-2") { roles { slug } } }`,
      ),
    );
    expect(data).toEqual({
      a: { roles: [{ slug: 'api-developer' }, { slug: 'backend-engineer' }] },
      b: { roles: [{ slug: 'api-developer' }] },
      c: { roles: [] },
    });
  });

  it('fetches roles through node and nodes', async () => {
    const data = dataOf(
      await app.graphql(
        `query($id: ID!, $ids: [ID!]!) { node(id: $id) { __typename id ... on Role { slug } } nodes(ids: $ids) { id ... on Role { title } } }`,
        {
          id: role['devops-engineer'],
          ids: [
            role['api-developer'],
            toGlobalId('Role', new Types.ObjectId()),
            toGlobalId('Skill', objectIdOf(role['api-developer'])),
            role['full-stack-developer'],
          ],
        },
      ),
    );
    expect(data.node).toEqual({ __typename: 'Role', id: role['devops-engineer'], slug: 'devops-engineer' });
    expect(data.nodes).toEqual([
      { id: role['api-developer'], title: 'API Developer' },
      null,
      null,
      { id: role['full-stack-developer'], title: 'Full-Stack Developer' },
    ]);
  });

  describe('roles connection', () => {
    const BY_TITLE = ['api-developer', 'backend-engineer', 'database-administrator', 'devops-engineer', 'full-stack-developer'];

    it('orders by title ignoring case and pages with cursors to an exact last page', async () => {
      expect(await listSlugs({})).toEqual(BY_TITLE);
      const first = dataOf(await app.graphql(LIST, { first: 2 })).roles;
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(first.totalCount).toBe(5);
      const second = dataOf(await app.graphql(LIST, { first: 3, after: first.pageInfo.endCursor })).roles;
      expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect([...first.edges, ...second.edges].map((edge: { node: { slug: string } }) => edge.node.slug)).toEqual(BY_TITLE);
      const beyond = dataOf(await app.graphql(LIST, { after: second.pageInfo.endCursor })).roles;
      expect(beyond).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
        totalCount: 5,
      });
    });

    it('refuses a bad cursor and page sizes outside 1–100', async () => {
      const page = dataOf(await app.graphql(LIST, { first: 1 })).roles;
      expect(await errorCodes(LIST, { after: 'bm90IGEgY3Vyc29y' })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { after: page.pageInfo.endCursor.slice(0, -5) })).toEqual(['BAD_USER_INPUT']);
      // A cursor of the skills list (another ordering) is refused too.
      const skillsPage = dataOf(await app.graphql(`query { skills(first: 1) { pageInfo { endCursor } } }`)).skills;
      expect(await errorCodes(LIST, { after: skillsPage.pageInfo.endCursor })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { first: 0 })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { first: 101 })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { first: 1 })).toEqual([]);
    });

    it('filters by skills, matching required or additional', async () => {
      expect(await listSlugs({ filter: { skills: [skill['core-skill-0-1']] } })).toEqual(['api-developer', 'backend-engineer']);
      expect(await listSlugs({ filter: { skills: [skill['core-skill-1-2'], skill['core-skill-1-1']] } })).toEqual([
        'database-administrator',
        'devops-engineer',
      ]);
      expect(await listSlugs({ filter: { skills: [skill['core-skill-0-2']] } })).toEqual([]);
      expect(await listSlugs({ filter: { skills: [] } })).toEqual([]);
      expect(await errorCodes(LIST, { filter: { skills: ['garbage'] } })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { filter: { skills: [role['api-developer']] } })).toEqual(['BAD_USER_INPUT']);
      const counted = dataOf(await app.graphql(LIST, { first: 1, filter: { skills: [skill['core-skill-0-1']] } })).roles;
      expect(counted).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    });

    it('filters by a case-insensitive title prefix, treating it as text', async () => {
      expect(await listSlugs({ filter: { titlePrefix: 'BACKEND' } })).toEqual(['backend-engineer']);
      expect(await listSlugs({ filter: { titlePrefix: 'd' } })).toEqual(['database-administrator', 'devops-engineer']);
      expect(await listSlugs({ filter: { titlePrefix: 'database administrator (' } })).toEqual(['database-administrator']);
      expect(await listSlugs({ filter: { titlePrefix: '.' } })).toEqual([]);
      expect(await listSlugs({ filter: { titlePrefix: 'full-stack' } })).toEqual(['full-stack-developer']);
      expect(await listSlugs({ filter: { titlePrefix: 'd', skills: [skill['core-skill-1-2']] } })).toEqual(['devops-engineer']);
      expect(await errorCodes(LIST, { filter: { titlePrefix: 'x'.repeat(101) } })).toEqual(['BAD_USER_INPUT']);
    });
  });
});

describe('createRole', () => {
  it('refuses a duplicate slug, unknown skills, weights outside 0–1 and a skill listed twice, writing nothing', async () => {
    const before = await RoleModel.countDocuments();
    const payload = dataOf(
      await app.graphql(
        CREATE,
        {
          input: {
            slug: 'api-developer',
            title: 't'.repeat(201),
            requiredSkills: [
              entry('core-skill-0-0', 'ADVANCED', 1),
              { skillId: toGlobalId('Skill', new Types.ObjectId()), level: 'BEGINNER', weight: 0.5 },
              entry('core-skill-0-1', 'ADVANCED', 1.5),
              entry('core-skill-0-0', 'EXPERT', 0.5),
              { skillId: role['devops-engineer'], level: 'BEGINNER', weight: 0.5 },
            ],
            additionalSkills: [entry('core-skill-1-0', 'BEGINNER', -0.1), entry('core-skill-0-1', 'BEGINNER', 0.2)],
          },
        },
        { admin: true },
      ),
    ).createRole;
    expect(payload.role).toBeNull();
    expect(payload.userErrors.map((error: { field: string[]; code: string }) => `${error.field.join('.')} ${error.code}`).sort()).toEqual(
      [
        'input.slug DUPLICATE',
        'input.title INVALID',
        'input.requiredSkills.1.skillId NOT_FOUND',
        'input.requiredSkills.2.weight INVALID',
        'input.requiredSkills.3.skillId INVALID',
        'input.requiredSkills.4.skillId NOT_FOUND',
        'input.additionalSkills.0.weight INVALID',
        'input.additionalSkills.1.skillId INVALID',
      ].sort(),
    );
    expect(await RoleModel.countDocuments()).toBe(before);
  });

  it('refuses callers without the admin token', async () => {
    const response = await app.graphql(CREATE, { input: { slug: 'sneaky', title: 'Sneaky' } });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await RoleModel.exists({ slug: 'sneaky' })).toBeNull();
  });
});

describe('updateRole', () => {
  it('changes the title and replaces only the skill lists given', async () => {
    const { id } = await createRole({
      slug: 'qa-engineer',
      title: 'QA Engineer',
      requiredSkills: [entry('core-skill-0-2', 'BEGINNER', 0.3)],
      additionalSkills: [entry('core-skill-1-0', 'BEGINNER', 0.1)],
    });
    const payload = dataOf(
      await app.graphql(
        UPDATE,
        {
          input: {
            id,
            title: 'Quality Engineer',
            slug: 'quality-engineer',
            requiredSkills: [entry('core-skill-1-1', 'EXPERT', 0), entry('core-skill-0-2', 'ADVANCED', 1)],
          },
        },
        { admin: true },
      ),
    ).updateRole;
    expect(payload.userErrors).toEqual([]);
    expect(payload.role).toMatchObject({
      slug: 'quality-engineer',
      title: 'Quality Engineer',
      requiredSkills: [
        { skill: { slug: 'core-skill-1-1' }, level: 'EXPERT', weight: 0, requirement: 'REQUIRED' },
        { skill: { slug: 'core-skill-0-2' }, level: 'ADVANCED', weight: 1, requirement: 'REQUIRED' },
      ],
      additionalSkills: [{ skill: { slug: 'core-skill-1-0' }, level: 'BEGINNER', weight: 0.1, requirement: 'ADDITIONAL' }],
    });
    expect((await RoleModel.findById(objectIdOf(id)).lean())?.titleKey).toBe('quality engineer');
    expect(await listSlugs({ filter: { titlePrefix: 'quality' } })).toEqual(['quality-engineer']);
  });

  it('refuses a skill already in the list the input leaves unchanged, a taken slug, bad weights and unknown ids, writing nothing', async () => {
    const before = await RoleModel.find().sort({ _id: 1 }).lean();
    const id = role['api-developer'];
    const cases: Array<[Record<string, unknown>, string[], string]> = [
      // core-skill-1-0 is already among api-developer's additional skills.
      [{ requiredSkills: [entry('core-skill-1-0', 'BEGINNER', 0.5)] }, ['input', 'requiredSkills', '0', 'skillId'], 'INVALID'],
      [
        { additionalSkills: [entry('core-skill-0-2', 'BEGINNER', 0.5), entry('core-skill-0-2', 'BEGINNER', 0.5)] },
        ['input', 'additionalSkills', '1', 'skillId'],
        'INVALID',
      ],
      [{ requiredSkills: [entry('core-skill-0-0', 'BEGINNER', 1.01)] }, ['input', 'requiredSkills', '0', 'weight'], 'INVALID'],
      [
        { requiredSkills: [entry('core-skill-0-0', 'BEGINNER', 0.5), { skillId: 'garbage', level: 'BEGINNER', weight: 0.5 }] },
        ['input', 'requiredSkills', '1', 'skillId'],
        'NOT_FOUND',
      ],
      [{ slug: 'backend-engineer' }, ['input', 'slug'], 'DUPLICATE'],
      [{ title: '  ' }, ['input', 'title'], 'INVALID'],
      [{ description: 'd'.repeat(5001) }, ['input', 'description'], 'INVALID'],
    ];
    for (const [changes, field, code] of cases) {
      const payload = dataOf(await app.graphql(UPDATE, { input: { id, ...changes } }, { admin: true })).updateRole;
      expect({ changes, payload }).toEqual({
        changes,
        payload: { role: null, userErrors: [{ field, code, message: expect.any(String) }] },
      });
    }
    const unknown = dataOf(
      await app.graphql(UPDATE, { input: { id: toGlobalId('Role', new Types.ObjectId()), title: 'Ghost' } }, { admin: true }),
    ).updateRole;
    expect(unknown).toEqual({ role: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: expect.any(String) }] });
    expect(await RoleModel.find().sort({ _id: 1 }).lean()).toEqual(before);

    // Moving a skill from additional to required in one update is fine: both lists are replaced.
    const moved = dataOf(
      await app.graphql(
        UPDATE,
        { input: { id, requiredSkills: [entry('core-skill-1-0', 'ADVANCED', 0.7)], additionalSkills: [] } },
        { admin: true },
      ),
    ).updateRole;
    expect(moved.userErrors).toEqual([]);
    expect(moved.role.skills).toEqual([{ skill: { slug: 'core-skill-1-0' }, requirement: 'REQUIRED' }]);
  });

  it('refuses callers without the admin token', async () => {
    const response = await app.graphql(UPDATE, { input: { id: role['devops-engineer'], title: 'Hacked' } });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await RoleModel.findOne({ slug: 'devops-engineer' }).lean())?.title).toBe('DevOps Engineer');
  });
});

describe('deleteRole', () => {
  it('deletes a role, then reports it missing', async () => {
    const { id } = await createRole({ slug: 'temporary', title: 'Temporary' });
    expect(dataOf(await app.graphql(DELETE, { input: { id } }, { admin: true })).deleteRole).toEqual({ deletedId: id, userErrors: [] });
    expect(await RoleModel.exists({ slug: 'temporary' })).toBeNull();
    expect(dataOf(await app.graphql(DELETE, { input: { id } }, { admin: true })).deleteRole).toEqual({
      deletedId: null,
      userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: expect.any(String) }],
    });
  });

  it('refuses callers without the admin token', async () => {
    const response = await app.graphql(DELETE, { input: { id: role['devops-engineer'] } });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await RoleModel.exists({ slug: 'devops-engineer' })).not.toBeNull();
  });
});

describe('database round trips', () => {
  const PAGE_QUERY = `query($first: Int, $filter: RoleFilter) { roles(first: $first, filter: $filter) {
    edges { node { title requiredSkills { skill { name category { name } prerequisites { name } } } } }
  } }`;

  it('costs the same few queries for 5 roles as for 40 roles with several skills each', async () => {
    const bulkSkills = await insertTaxonomy('bulk', 8, 6);
    for (let index = 0; index < 40; index += 1) {
      // Even positions only: each skill's prerequisite (the one before it) is then never a required skill
      // itself, so prerequisites cost their own query for 5 roles and for 40 alike.
      const picked = [0, 7, 13, 21, 34].map((offset) => bulkSkills[(2 * (index + offset)) % bulkSkills.length]);
      await RoleModel.create({
        slug: `bulk-role-${index}`,
        title: `Bulk Role ${String(index).padStart(2, '0')}`,
        titleKey: `bulk role ${String(index).padStart(2, '0')}`,
        requiredSkills: picked.map((slug, position) => ({ skillId: objectIdOf(skill[slug]), level: 'INTERMEDIATE', weight: position / 5 })),
      });
    }
    const filter = { titlePrefix: 'bulk role' };
    const small = await app.countDatabaseCommands(() => app.graphql(PAGE_QUERY, { first: 5, filter }));
    const large = await app.countDatabaseCommands(() => app.graphql(PAGE_QUERY, { first: 40, filter }));
    const smallEdges = dataOf(small.result).roles.edges;
    const largeEdges = dataOf(large.result).roles.edges;
    expect(smallEdges.length).toBe(5);
    expect(largeEdges.length).toBe(40);
    expect(largeEdges.flatMap((edge: { node: { requiredSkills: unknown[] } }) => edge.node.requiredSkills).length).toBe(200);
    expect(largeEdges[39].node.requiredSkills[0].skill).toEqual({
      name: 'bulk Skill 5.0',
      category: { name: 'bulk Category 5' },
      prerequisites: [{ name: 'bulk Skill 4.5' }],
    });
    // roles page + the roles' skills + their categories + their prerequisites.
    expect(small.byCommand).toEqual({ find: 4 });
    expect(large.byCommand).toEqual({ find: 4 });
  });
});
