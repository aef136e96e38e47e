import { GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, type GraphQLNamedType } from 'graphql';
import { Types } from 'mongoose';
import { toGlobalId } from '../src/core/relay/global-id';
import { objectIdOf } from './helpers/catalog-fixture';
import { CategoryModel } from '../src/modules/category/category.model';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { RoleModel } from '../src/modules/role/role.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { buildAppSchema } from '../src/schema';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const SKILL_FIELDS =
  'id slug name description aliases category { slug } prerequisites { slug } dependents { slug } related { slug } roles { slug }';
const CREATE = `mutation($input: CreateSkillInput!) { createSkill(input: $input) { skill { ${SKILL_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { ${SKILL_FIELDS} } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeleteSkillInput!) { deleteSkill(input: $input) { deletedId userErrors { field message code } } }`;
const LIST = `query($first: Int, $after: String, $filter: SkillFilter, $orderBy: SkillOrder) {
  skills(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}`;

/** A page of `skills` as LIST selects it. */
interface SkillsPage {
  edges: Array<{ cursor: string; node: { slug: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

const categoryIds: Record<string, string> = {};
const skillIds: Record<string, string> = {};

/** Categories come straight from the model: their mutations are tested in categories.test.ts. */
async function insertCategory(slug: string, tier: 'FOUNDATION' | 'ADVANCED' | 'SOFT_SKILLS', parentSlug: string | null, position: number) {
  const parentId = parentSlug ? objectIdOf(categoryIds[parentSlug]) : null;
  const category = await CategoryModel.create({ slug, name: slug, tier, parentId, position });
  categoryIds[slug] = toGlobalId('Category', category._id);
}

async function createSkill(input: Record<string, unknown>) {
  const payload = dataOf(await app.graphql(CREATE, { input }, { admin: true })).createSkill;
  expect(payload.userErrors).toEqual([]);
  skillIds[payload.skill.slug] = payload.skill.id;
  return payload.skill;
}

async function listSlugs(variables: Record<string, unknown>): Promise<string[]> {
  const data = dataOf(await app.graphql(LIST, { first: 100, ...variables }));
  return data.skills.edges.map((edge: { node: { slug: string } }) => edge.node.slug);
}

async function errorCodes(query: string, variables: Record<string, unknown>): Promise<unknown[]> {
  const response = await app.graphql(query, variables);
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** All skills in name order, ignoring case. */
const ALL_BY_NAME = ['dotnet', 'c', 'csharp', 'cpp', 'docker', 'nodejs', 'kubernetes', 'mongodb', 'mysql', 'postgresql', 'sql'];

beforeAll(async () => {
  await insertCategory('databases', 'FOUNDATION', null, 0);
  await insertCategory('sql-databases', 'FOUNDATION', 'databases', 0);
  await insertCategory('relational-engines', 'FOUNDATION', 'sql-databases', 0);
  await insertCategory('languages', 'FOUNDATION', null, 1);
  await insertCategory('devops', 'ADVANCED', null, 0);

  await createSkill({ slug: 'sql', name: 'SQL', categoryId: categoryIds.databases, description: 'Structured Query Language.' });
  await createSkill({
    slug: 'postgresql',
    name: 'PostgreSQL',
    categoryId: categoryIds['relational-engines'],
    aliases: ['Postgres', 'postgres', ' psql '],
    prerequisiteIds: [skillIds.sql],
  });
  await createSkill({
    slug: 'mysql',
    name: 'MySQL',
    categoryId: categoryIds['sql-databases'],
    prerequisiteIds: [skillIds.sql],
    relatedIds: [skillIds.postgresql],
  });
  await createSkill({ slug: 'mongodb', name: 'MongoDB', categoryId: categoryIds.databases, aliases: ['Mongo'] });
  await createSkill({ slug: 'docker', name: 'Docker', categoryId: categoryIds.devops });
  await createSkill({
    slug: 'kubernetes',
    name: 'Kubernetes',
    categoryId: categoryIds.devops,
    aliases: ['k8s'],
    prerequisiteIds: [skillIds.docker],
  });
  await createSkill({ slug: 'nodejs', name: 'JavaScript (Node.js)', categoryId: categoryIds.languages, aliases: ['Node.js', 'NodeJS'] });
  await createSkill({ slug: 'c', name: 'C', categoryId: categoryIds.languages });
  await createSkill({ slug: 'cpp', name: 'C++', categoryId: categoryIds.languages, prerequisiteIds: [skillIds.c] });
  await createSkill({ slug: 'csharp', name: 'C#', categoryId: categoryIds.languages });
  await createSkill({ slug: 'dotnet', name: '.NET', categoryId: categoryIds.languages, relatedIds: [skillIds.csharp] });
  await RoleModel.create({
    slug: 'database-administrator',
    title: 'Database Administrator',
    titleKey: 'database administrator',
    requiredSkills: [{ skillId: objectIdOf(skillIds.postgresql), level: 'EXPERT', weight: 1 }],
    additionalSkills: [{ skillId: objectIdOf(skillIds.docker), level: 'BEGINNER', weight: 0.2 }],
  });
  await RoleModel.create({
    slug: 'api-developer',
    title: 'API Developer',
    titleKey: 'api developer',
    requiredSkills: [{ skillId: objectIdOf(skillIds.nodejs), level: 'ADVANCED', weight: 0.9 }],
    additionalSkills: [{ skillId: objectIdOf(skillIds.postgresql), level: 'INTERMEDIATE', weight: 0.5 }],
  });
});

describe('skill queries', () => {
  it('reads one skill by slug with its category, prerequisites, dependents, related skills and roles', async () => {
    const data = dataOf(
      await app.graphql(
        `query { postgresql: skill(slug: "postgresql") { ${SKILL_FIELDS} } sql: skill(slug: "sql") { ${SKILL_FIELDS} } missing: skill(slug: "nope") { id } }`,
      ),
    );
    expect(data.postgresql).toEqual({
      id: skillIds.postgresql,
      slug: 'postgresql',
      name: 'PostgreSQL',
      description: '',
      aliases: ['Postgres', 'psql'],
      category: { slug: 'relational-engines' },
      prerequisites: [{ slug: 'sql' }],
      dependents: [],
      // MySQL lists PostgreSQL as related; the relation reads both ways.
      related: [{ slug: 'mysql' }],
      roles: [{ slug: 'api-developer' }, { slug: 'database-administrator' }],
    });
    expect(data.sql).toMatchObject({
      description: 'Structured Query Language.',
      prerequisites: [],
      dependents: [{ slug: 'mysql' }, { slug: 'postgresql' }],
      related: [],
      roles: [],
    });
    expect(data.missing).toBeNull();
  });

  it('finds a skill by name or alias, ignoring case and punctuation', async () => {
    const data = dataOf(
      await app.graphql(`query {
        k8s: skillByName(name: "K8S") { slug }
        postgres: skillByName(name: "postgres") { slug }
        psql: skillByName(name: "PSQL") { slug }
        node: skillByName(name: "node js") { slug }
        full: skillByName(name: "javascript (node.js)") { slug }
        cpp: skillByName(name: "c++") { slug }
        csharp: skillByName(name: "C#") { slug }
        partial: skillByName(name: "kube") { slug }
        blank: skillByName(name: "...") { slug }
      }`),
    );
    expect(data).toEqual({
      k8s: { slug: 'kubernetes' },
      postgres: { slug: 'postgresql' },
      psql: { slug: 'postgresql' },
      node: { slug: 'nodejs' },
      full: { slug: 'nodejs' },
      cpp: { slug: 'cpp' },
      csharp: { slug: 'csharp' },
      partial: null,
      blank: null,
    });
  });

  it('fetches skills through node and nodes', async () => {
    const data = dataOf(
      await app.graphql(
        `query($id: ID!, $ids: [ID!]!) { node(id: $id) { __typename id ... on Skill { slug category { slug } } } nodes(ids: $ids) { id ... on Skill { name } } }`,
        {
          id: skillIds.kubernetes,
          ids: [skillIds.sql, toGlobalId('Skill', new Types.ObjectId()), toGlobalId('Role', objectIdOf(skillIds.docker)), skillIds.docker],
        },
      ),
    );
    expect(data.node).toEqual({ __typename: 'Skill', id: skillIds.kubernetes, slug: 'kubernetes', category: { slug: 'devops' } });
    // A Role id that holds a skill's ObjectId names no role: null, not the skill.
    expect(data.nodes).toEqual([{ id: skillIds.sql, name: 'SQL' }, null, null, { id: skillIds.docker, name: 'Docker' }]);
  });

  describe('skills connection', () => {
    it('orders by name by default and pages with cursors to an exact last page', async () => {
      expect(await listSlugs({})).toEqual(ALL_BY_NAME);
      const seen: string[] = [];
      let after: string | null = null;
      const pages: boolean[] = [];
      do {
        const page: SkillsPage = dataOf(await app.graphql(LIST, { first: 4, after })).skills;
        expect(page.totalCount).toBe(11);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
        seen.push(...page.edges.map((edge: { node: { slug: string } }) => edge.node.slug));
        pages.push(page.pageInfo.hasNextPage);
        after = page.pageInfo.endCursor;
      } while (pages[pages.length - 1]);
      expect(seen).toEqual(ALL_BY_NAME);
      expect(pages).toEqual([true, true, false]);

      // A page that ends exactly on the last item says so.
      const exact = dataOf(await app.graphql(LIST, { first: 11 })).skills;
      expect(exact.edges.length).toBe(11);
      expect(exact.pageInfo.hasNextPage).toBe(false);
      const afterLast = dataOf(await app.graphql(LIST, { first: 5, after: exact.pageInfo.endCursor })).skills;
      expect(afterLast).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
        totalCount: 11,
      });
    });

    it('orders by name or creation time in either direction, across pages', async () => {
      const creationOrder = ['sql', 'postgresql', 'mysql', 'mongodb', 'docker', 'kubernetes', 'nodejs', 'c', 'cpp', 'csharp', 'dotnet'];
      expect(await listSlugs({ orderBy: { field: 'NAME', direction: 'DESC' } })).toEqual([...ALL_BY_NAME].reverse());
      expect(await listSlugs({ orderBy: { field: 'CREATED_AT' } })).toEqual(creationOrder);
      const descending = { field: 'CREATED_AT', direction: 'DESC' };
      const firstPage = dataOf(await app.graphql(LIST, { first: 6, orderBy: descending })).skills;
      const secondPage = dataOf(await app.graphql(LIST, { first: 6, orderBy: descending, after: firstPage.pageInfo.endCursor })).skills;
      expect([...firstPage.edges, ...secondPage.edges].map((edge: { node: { slug: string } }) => edge.node.slug)).toEqual(
        [...creationOrder].reverse(),
      );
      expect(secondPage.pageInfo.hasNextPage).toBe(false);
    });

    it('returns an empty connection when nothing matches', async () => {
      const empty = dataOf(await app.graphql(LIST, { filter: { namePrefix: 'zzz' } })).skills;
      expect(empty).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        totalCount: 0,
      });
    });

    it('refuses a bad cursor, a cursor of another ordering and page sizes outside 1–100', async () => {
      const page = dataOf(await app.graphql(LIST, { first: 2 })).skills;
      expect(await errorCodes(LIST, { after: 'not-a-cursor' })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { after: page.pageInfo.endCursor.slice(0, -6) })).toEqual(['BAD_USER_INPUT']);
      const forged = Buffer.from(JSON.stringify([1, 'NAME_ASC', 'c', '{"$gt":""}'])).toString('base64url');
      expect(await errorCodes(LIST, { after: forged })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { after: page.pageInfo.endCursor, orderBy: { field: 'CREATED_AT' } })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { after: page.pageInfo.endCursor, orderBy: { field: 'NAME', direction: 'DESC' } })).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(await errorCodes(LIST, { first: 0 })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { first: 101 })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { first: -1 })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { first: 100 })).toEqual([]);
    });

    it('filters by category, including every descendant category', async () => {
      expect(await listSlugs({ filter: { categories: [categoryIds.databases] } })).toEqual(['mongodb', 'mysql', 'postgresql', 'sql']);
      expect(await listSlugs({ filter: { categories: [categoryIds['sql-databases']] } })).toEqual(['mysql', 'postgresql']);
      expect(await listSlugs({ filter: { categories: [categoryIds['relational-engines'], categoryIds.devops] } })).toEqual([
        'docker',
        'kubernetes',
        'postgresql',
      ]);
      expect(await listSlugs({ filter: { categories: [toGlobalId('Category', new Types.ObjectId())] } })).toEqual([]);
      expect(await listSlugs({ filter: { categories: [] } })).toEqual([]);
      expect(await errorCodes(LIST, { filter: { categories: ['garbage'] } })).toEqual(['BAD_USER_INPUT']);
      expect(await errorCodes(LIST, { filter: { categories: [skillIds.sql] } })).toEqual(['BAD_USER_INPUT']);
    });

    it('filters by a case-insensitive prefix of the name or an alias, treating the prefix as text', async () => {
      expect(await listSlugs({ filter: { namePrefix: 'POST' } })).toEqual(['postgresql']);
      expect(await listSlugs({ filter: { namePrefix: 'my' } })).toEqual(['mysql']);
      expect(await listSlugs({ filter: { namePrefix: 'K8' } })).toEqual(['kubernetes']);
      expect(await listSlugs({ filter: { namePrefix: 'node.j' } })).toEqual(['nodejs']);
      expect(await listSlugs({ filter: { namePrefix: 'java' } })).toEqual(['nodejs']);
      expect(await listSlugs({ filter: { namePrefix: 'mongo' } })).toEqual(['mongodb']);
      // Regular-expression metacharacters are matched literally: "c++" is not "one or more c", "." is not "any character".
      expect(await listSlugs({ filter: { namePrefix: 'c++' } })).toEqual(['cpp']);
      expect(await listSlugs({ filter: { namePrefix: 'C#' } })).toEqual(['csharp']);
      expect(await listSlugs({ filter: { namePrefix: '.' } })).toEqual(['dotnet']);
      expect(await listSlugs({ filter: { namePrefix: '.*' } })).toEqual([]);
      expect(await listSlugs({ filter: { namePrefix: '(' } })).toEqual([]);
      expect(await listSlugs({ filter: { namePrefix: 'c' } })).toEqual(['c', 'csharp', 'cpp']);
      expect(await errorCodes(LIST, { filter: { namePrefix: 'x'.repeat(101) } })).toEqual(['BAD_USER_INPUT']);
    });

    it('filters by ids, and combines every filter given', async () => {
      expect(await listSlugs({ filter: { ids: [skillIds.mysql, skillIds.docker, toGlobalId('Skill', new Types.ObjectId())] } })).toEqual([
        'docker',
        'mysql',
      ]);
      expect(await listSlugs({ filter: { ids: [] } })).toEqual([]);
      expect(await listSlugs({ filter: { ids: [skillIds.mysql, skillIds.docker, skillIds.mongodb], namePrefix: 'm' } })).toEqual([
        'mongodb',
        'mysql',
      ]);
      expect(
        await listSlugs({
          filter: { ids: [skillIds.mysql, skillIds.mongodb], categories: [categoryIds['sql-databases']], namePrefix: 'm' },
        }),
      ).toEqual(['mysql']);
      expect(await errorCodes(LIST, { filter: { ids: [categoryIds.devops] } })).toEqual(['BAD_USER_INPUT']);
      const filtered = dataOf(await app.graphql(LIST, { first: 1, filter: { categories: [categoryIds.databases] } })).skills;
      expect(filtered.totalCount).toBe(4);
      expect(filtered.pageInfo.hasNextPage).toBe(true);
    });
  });
});

describe('createSkill', () => {
  it('stores the name, aliases and match keys in step', async () => {
    const skill = await createSkill({
      slug: 'redis',
      name: '  Redis ',
      categoryId: categoryIds.databases,
      aliases: ['REDIS', 'Redis DB', 'redis-db'],
    });
    expect(skill).toMatchObject({ name: 'Redis', aliases: ['Redis DB'], category: { slug: 'databases' }, prerequisites: [], related: [] });
    const stored = await SkillModel.findOne({ slug: 'redis' }).select('+matchKeys').lean();
    expect(stored).toMatchObject({ nameKey: 'redis', matchKeys: ['redis', 'redis db'] });
  });

  it('reports every problem with its field path, writing nothing', async () => {
    const before = await SkillModel.find().sort({ _id: 1 }).lean();
    const missingSkill = toGlobalId('Skill', new Types.ObjectId());
    const payload = dataOf(
      await app.graphql(
        CREATE,
        {
          input: {
            slug: 'postgresql',
            name: 'x'.repeat(201),
            description: 'y'.repeat(5001),
            categoryId: toGlobalId('Category', new Types.ObjectId()),
            aliases: ['ok', 'z'.repeat(101), 'k8s', '!!!'],
            prerequisiteIds: [skillIds.sql, skillIds.c, missingSkill, 'garbage', categoryIds.databases],
            relatedIds: [missingSkill],
          },
        },
        { admin: true },
      ),
    ).createSkill;
    expect(payload.skill).toBeNull();
    expect(payload.userErrors.map((error: { field: string[]; code: string }) => `${error.field.join('.')} ${error.code}`).sort()).toEqual(
      [
        'input.slug DUPLICATE',
        'input.name INVALID',
        'input.description INVALID',
        'input.aliases.1 INVALID',
        'input.aliases.3 INVALID',
        'input.aliases.2 DUPLICATE',
        'input.categoryId NOT_FOUND',
        'input.prerequisiteIds.2 NOT_FOUND',
        'input.prerequisiteIds.3 NOT_FOUND',
        'input.prerequisiteIds.4 NOT_FOUND',
        'input.relatedIds.0 NOT_FOUND',
      ].sort(),
    );
    expect(
      payload.userErrors.find((error: { code: string; message: string }) => error.code === 'DUPLICATE' && error.message.includes('k8s'))
        .message,
    ).toContain('kubernetes');
    expect(await SkillModel.find().sort({ _id: 1 }).lean()).toEqual(before);
  });

  it('refuses a name that another skill has as an alias', async () => {
    const payload = dataOf(
      await app.graphql(CREATE, { input: { slug: 'postgres', name: 'Postgres', categoryId: categoryIds.databases } }, { admin: true }),
    ).createSkill;
    expect(payload).toEqual({
      skill: null,
      userErrors: [{ field: ['input', 'name'], code: 'DUPLICATE', message: '"postgres" already names the skill "postgresql".' }],
    });
    expect(await SkillModel.exists({ slug: 'postgres' })).toBeNull();
  });

  it('refuses callers without the admin token', async () => {
    const response = await app.graphql(CREATE, { input: { slug: 'sneaky', name: 'Sneaky', categoryId: categoryIds.databases } });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await SkillModel.exists({ slug: 'sneaky' })).toBeNull();
  });
});

describe('updateSkill', () => {
  it('changes names, aliases, category and links, keeping match keys in step', async () => {
    const { id } = await createSkill({ slug: 'helm', name: 'Helm', categoryId: categoryIds.devops, aliases: ['helm charts'] });
    const payload = dataOf(
      await app.graphql(
        UPDATE,
        {
          input: {
            id,
            name: 'Helm Charts',
            aliases: ['helm3'],
            categoryId: categoryIds.languages,
            prerequisiteIds: [skillIds.kubernetes, skillIds.kubernetes],
            relatedIds: [skillIds.docker],
          },
        },
        { admin: true },
      ),
    ).updateSkill;
    expect(payload.userErrors).toEqual([]);
    expect(payload.skill).toMatchObject({
      slug: 'helm',
      name: 'Helm Charts',
      aliases: ['helm3'],
      category: { slug: 'languages' },
      prerequisites: [{ slug: 'kubernetes' }],
      related: [{ slug: 'docker' }],
    });
    expect(await SkillModel.findById(objectIdOf(id)).select('+matchKeys').lean()).toMatchObject({
      nameKey: 'helm charts',
      matchKeys: ['helm charts', 'helm3'],
    });
    const lookups = dataOf(
      await app.graphql(`query { old: skillByName(name: "helm") { slug } alias: skillByName(name: "HELM3") { slug } }`),
    );
    expect(lookups).toEqual({ old: null, alias: { slug: 'helm' } });
    const kubernetes = dataOf(await app.graphql(`query { skill(slug: "kubernetes") { dependents { slug } } }`)).skill;
    expect(kubernetes.dependents).toEqual([{ slug: 'helm' }]);

    // Omitted fields keep their value.
    const described = dataOf(
      await app.graphql(UPDATE, { input: { id, description: 'Package manager for Kubernetes.' } }, { admin: true }),
    ).updateSkill;
    expect(described.skill).toMatchObject({
      name: 'Helm Charts',
      aliases: ['helm3'],
      description: 'Package manager for Kubernetes.',
      prerequisites: [{ slug: 'kubernetes' }],
    });
  });

  it('refuses prerequisites that would form a cycle, including the skill itself, writing nothing', async () => {
    // sql ← postgresql (postgresql requires sql); making sql require postgresql closes the loop.
    const before = await SkillModel.find().sort({ _id: 1 }).lean();
    const direct = dataOf(
      await app.graphql(UPDATE, { input: { id: skillIds.sql, prerequisiteIds: [skillIds.docker, skillIds.postgresql] } }, { admin: true }),
    ).updateSkill;
    expect(direct).toEqual({
      skill: null,
      userErrors: [
        {
          field: ['input', 'prerequisiteIds', '1'],
          code: 'PREREQUISITE_CYCLE',
          message: 'This prerequisite would close the cycle sql → postgresql → sql ("→" reads "requires").',
        },
      ],
    });

    // A longer loop: docker ← kubernetes ← helm; docker requiring helm closes it.
    const longer = dataOf(
      await app.graphql(UPDATE, { input: { id: skillIds.docker, prerequisiteIds: [skillIds.helm] } }, { admin: true }),
    ).updateSkill;
    expect(longer.userErrors).toEqual([
      {
        field: ['input', 'prerequisiteIds', '0'],
        code: 'PREREQUISITE_CYCLE',
        message: 'This prerequisite would close the cycle docker → helm → kubernetes → docker ("→" reads "requires").',
      },
    ]);

    const self = dataOf(
      await app.graphql(UPDATE, { input: { id: skillIds.mysql, prerequisiteIds: [skillIds.sql, skillIds.mysql] } }, { admin: true }),
    ).updateSkill;
    expect(self).toEqual({
      skill: null,
      userErrors: [{ field: ['input', 'prerequisiteIds', '1'], code: 'PREREQUISITE_CYCLE', message: expect.any(String) }],
    });
    expect(await SkillModel.find().sort({ _id: 1 }).lean()).toEqual(before);

    // Not a cycle: a diamond (mysql requires sql and postgresql, which also requires sql).
    const diamond = dataOf(
      await app.graphql(UPDATE, { input: { id: skillIds.mysql, prerequisiteIds: [skillIds.sql, skillIds.postgresql] } }, { admin: true }),
    ).updateSkill;
    expect(diamond.userErrors).toEqual([]);
    expect(diamond.skill.prerequisites).toEqual([{ slug: 'sql' }, { slug: 'postgresql' }]);
  });

  it('refuses a taken slug or alias, a self-relation, unknown ids and too-long fields, writing nothing', async () => {
    const before = await SkillModel.find().sort({ _id: 1 }).lean();
    const cases: Array<[Record<string, unknown>, string[], string]> = [
      [{ slug: 'docker' }, ['input', 'slug'], 'DUPLICATE'],
      [{ aliases: ['Dockerfile', 'k8s'] }, ['input', 'aliases', '1'], 'DUPLICATE'],
      [{ relatedIds: [skillIds.postgresql, skillIds.mysql] }, ['input', 'relatedIds', '1'], 'INVALID'],
      [{ relatedIds: [toGlobalId('Skill', new Types.ObjectId())] }, ['input', 'relatedIds', '0'], 'NOT_FOUND'],
      [
        { prerequisiteIds: [skillIds.sql, skillIds.c, toGlobalId('Skill', new Types.ObjectId())] },
        ['input', 'prerequisiteIds', '2'],
        'NOT_FOUND',
      ],
      [{ categoryId: skillIds.sql }, ['input', 'categoryId'], 'NOT_FOUND'],
      [{ name: 'n'.repeat(201) }, ['input', 'name'], 'INVALID'],
      [{ description: 'd'.repeat(5001) }, ['input', 'description'], 'INVALID'],
      [{ aliases: ['a'.repeat(101)] }, ['input', 'aliases', '0'], 'INVALID'],
      [{ aliases: Array.from({ length: 51 }, (_, index) => `alias ${index}`) }, ['input', 'aliases'], 'INVALID'],
    ];
    for (const [changes, field, code] of cases) {
      const payload = dataOf(await app.graphql(UPDATE, { input: { id: skillIds.mysql, ...changes } }, { admin: true })).updateSkill;
      expect({ changes, payload }).toEqual({
        changes,
        payload: { skill: null, userErrors: [{ field, code, message: expect.any(String) }] },
      });
    }
    const unknown = dataOf(
      await app.graphql(UPDATE, { input: { id: toGlobalId('Skill', new Types.ObjectId()), name: 'Ghost' } }, { admin: true }),
    ).updateSkill;
    expect(unknown).toEqual({ skill: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: expect.any(String) }] });
    expect(await SkillModel.find().sort({ _id: 1 }).lean()).toEqual(before);
  });

  it('refuses callers without the admin token', async () => {
    const response = await app.graphql(UPDATE, { input: { id: skillIds.sql, name: 'Hacked' } });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await SkillModel.findOne({ slug: 'sql' }).lean())?.name).toBe('SQL');
  });
});

describe('deleteSkill', () => {
  it('refuses while a role or a resource refers to the skill', async () => {
    const byRole = dataOf(await app.graphql(DELETE, { input: { id: skillIds.postgresql } }, { admin: true })).deleteSkill;
    expect(byRole).toEqual({
      deletedId: null,
      userErrors: [{ field: ['input', 'id'], code: 'IN_USE', message: expect.stringContaining('2 roles') }],
    });

    await ResourceModel.collection.insertOne({
      kind: 'COURSE',
      slug: 'mongo-course',
      title: 'Mongo',
      skillIds: [objectIdOf(skillIds.mongodb)],
    });
    const byResource = dataOf(await app.graphql(DELETE, { input: { id: skillIds.mongodb } }, { admin: true })).deleteSkill;
    expect(byResource).toEqual({
      deletedId: null,
      userErrors: [{ field: ['input', 'id'], code: 'IN_USE', message: expect.stringContaining('1 resources') }],
    });
    expect(await SkillModel.countDocuments({ slug: { $in: ['postgresql', 'mongodb'] } })).toBe(2);
  });

  it("deletes an unused skill and removes it from other skills' prerequisites and related lists", async () => {
    const { id } = await createSkill({ slug: 'linux', name: 'Linux', categoryId: categoryIds.devops, relatedIds: [skillIds.c] });
    expect(
      dataOf(
        await app.graphql(
          UPDATE,
          { input: { id: skillIds.docker, prerequisiteIds: [id], relatedIds: [id, skillIds.kubernetes] } },
          { admin: true },
        ),
      ).updateSkill.userErrors,
    ).toEqual([]);

    const deleted = dataOf(await app.graphql(DELETE, { input: { id } }, { admin: true })).deleteSkill;
    expect(deleted).toEqual({ deletedId: id, userErrors: [] });
    expect(await SkillModel.exists({ slug: 'linux' })).toBeNull();
    const docker = await SkillModel.findOne({ slug: 'docker' }).lean();
    expect(docker?.prerequisiteIds).toEqual([]);
    expect(docker?.relatedIds.map(String)).toEqual([String(objectIdOf(skillIds.kubernetes))]);

    const again = dataOf(await app.graphql(DELETE, { input: { id } }, { admin: true })).deleteSkill;
    expect(again).toEqual({ deletedId: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: expect.any(String) }] });
  });

  it('refuses callers without the admin token', async () => {
    const response = await app.graphql(DELETE, { input: { id: skillIds.c } });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await SkillModel.exists({ slug: 'c' })).not.toBeNull();
  });
});

describe('database round trips', () => {
  const PAGE_QUERY = `query($first: Int) { skills(first: $first) { edges { node { name category { name } prerequisites { name } dependents { name } related { name } roles { title } } } } }`;

  it('costs one query per relation for a page of 5 or of 60 skills', async () => {
    // Measures the loaders, not the caches: start cold, and again after writing fixtures past the services.
    await app.flushCaches();
    const small = await app.countDatabaseCommands(() => app.graphql(PAGE_QUERY, { first: 5 }));
    expect(dataOf(small.result).skills.edges.length).toBe(5);

    const category = await CategoryModel.create({ slug: 'bulk', name: 'Bulk', tier: 'ADVANCED' });
    const existing = await SkillModel.find({}, { _id: 1 }).lean();
    await SkillModel.insertMany(
      Array.from({ length: 60 }, (_, index) => ({
        slug: `bulk-${index}`,
        name: `Bulk ${index}`,
        nameKey: `bulk ${String(index).padStart(2, '0')}`,
        categoryId: index % 2 === 0 ? category._id : objectIdOf(categoryIds.languages),
        matchKeys: [`bulk ${index}`],
        prerequisiteIds: [existing[index % existing.length]._id, existing[(index + 3) % existing.length]._id],
        relatedIds: [existing[(index + 5) % existing.length]._id],
      })),
    );
    await app.flushCaches();
    const large = await app.countDatabaseCommands(() => app.graphql(PAGE_QUERY, { first: 60 }));
    const edges = dataOf(large.result).skills.edges;
    expect(edges.length).toBe(60);
    const bulk = edges.filter((edge: { node: { name: string } }) => edge.node.name.startsWith('Bulk'));
    expect(bulk.length).toBe(59);
    expect(
      bulk.every(
        (edge: { node: { prerequisites: unknown[]; related: unknown[]; category: { name: string } } }) =>
          edge.node.prerequisites.length === 2 && edge.node.related.length >= 1 && edge.node.category.name,
      ),
    ).toBe(true);
    // skills page + categories + prerequisite/related skills + dependents + reverse related + roles.
    expect(small.byCommand).toEqual({ find: 6 });
    expect(large.byCommand).toEqual({ find: 6 });
  });
});

describe('schema documentation', () => {
  it('describes every type, field, argument, input field and enum value of the category, skill and role modules', async () => {
    const schema = await buildAppSchema();
    const names = [
      'Category',
      'CategoryTier',
      'CategoryPayload',
      'DeleteCategoryPayload',
      'CreateCategoryInput',
      'UpdateCategoryInput',
      'DeleteCategoryInput',
      'Skill',
      'SkillConnection',
      'SkillEdge',
      'SkillFilter',
      'SkillOrder',
      'SkillOrderField',
      'OrderDirection',
      'SkillPayload',
      'DeleteSkillPayload',
      'CreateSkillInput',
      'UpdateSkillInput',
      'DeleteSkillInput',
      'Role',
      'RoleSkill',
      'RoleSkillRequirement',
      'RoleConnection',
      'RoleEdge',
      'RoleFilter',
      'RolePayload',
      'DeleteRolePayload',
      'RoleSkillInput',
      'CreateRoleInput',
      'UpdateRoleInput',
      'DeleteRoleInput',
    ];
    const missing: string[] = [];
    const check = (path: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(path);
    };
    for (const name of names) {
      const type: GraphQLNamedType | undefined = schema.getType(name);
      if (!type) {
        missing.push(`${name} (absent)`);
        continue;
      }
      check(name, type.description);
      if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType) {
        for (const field of Object.values(type.getFields())) {
          check(`${name}.${field.name}`, field.description);
          field.args.forEach((argument) => check(`${name}.${field.name}(${argument.name})`, argument.description));
        }
      } else if (type instanceof GraphQLInputObjectType) {
        Object.values(type.getFields()).forEach((field) => check(`${name}.${field.name}`, field.description));
      } else if (type instanceof GraphQLEnumType) {
        type.getValues().forEach((value) => check(`${name}.${value.name}`, value.description));
      }
    }
    const operations = ['categories', 'category', 'skills', 'skill', 'skillByName', 'roles', 'role'].map(
      (name) => ['Query', schema.getQueryType()!.getFields()[name]] as const,
    );
    const mutations = ['Category', 'Skill', 'Role'].flatMap((entity) =>
      ['create', 'update', 'delete'].map((verb) => ['Mutation', schema.getMutationType()!.getFields()[`${verb}${entity}`]] as const),
    );
    for (const [root, field] of [...operations, ...mutations]) {
      check(`${root}.${field.name}`, field.description);
      field.args.forEach((argument) => check(`${root}.${field.name}(${argument.name})`, argument.description));
    }
    expect(missing).toEqual([]);
  });
});
