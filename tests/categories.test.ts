import { Types } from 'mongoose';
import { toGlobalId } from '../src/core/relay/global-id';
import { objectIdOf } from './helpers/catalog-fixture';
import { CategoryModel } from '../src/modules/category/category.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const CATEGORY_FIELDS = 'id slug name description tier position parent { slug } children { slug } skills { slug }';
const CREATE = `mutation($input: CreateCategoryInput!) { createCategory(input: $input) { category { ${CATEGORY_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { category { ${CATEGORY_FIELDS} } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeleteCategoryInput!) { deleteCategory(input: $input) { deletedId userErrors { field message code } } }`;

async function createCategory(input: Record<string, unknown>) {
  const payload = dataOf(await app.graphql(CREATE, { input }, { admin: true })).createCategory;
  expect(payload.userErrors).toEqual([]);
  return payload.category as { id: string; slug: string; position: number };
}

async function listSlugs(tier?: string): Promise<string[]> {
  const data = dataOf(await app.graphql(`query($tier: CategoryTier) { categories(tier: $tier) { slug } }`, { tier }));
  return data.categories.map((category: { slug: string }) => category.slug);
}

/** Adds a skill straight through the model: the skill module's own tests cover its mutations. */
async function insertSkill(slug: string, categoryGlobalId: string) {
  return SkillModel.create({ slug, name: slug.toUpperCase(), nameKey: slug, categoryId: objectIdOf(categoryGlobalId), matchKeys: [slug] });
}

const ids: Record<string, string> = {};

describe('categories', () => {
  beforeAll(async () => {
    // Created out of order, so the list order must come from tier and position, not insertion.
    ids.soft = (await createCategory({ slug: 'soft-skills', name: 'Soft Skills', tier: 'SOFT_SKILLS' })).id;
    ids.security = (await createCategory({ slug: 'security', name: 'Security', tier: 'ADVANCED', position: 1 })).id;
    ids.devops = (await createCategory({ slug: 'devops', name: 'DevOps', tier: 'ADVANCED', position: 0 })).id;
    ids.databases = (
      await createCategory({ slug: 'databases', name: 'Databases', tier: 'FOUNDATION', position: 1, description: 'Storing data.' })
    ).id;
    ids.languages = (
      await createCategory({ slug: 'programming-languages', name: 'Programming Languages', tier: 'FOUNDATION', position: 0 })
    ).id;
    ids.nosql = (
      await createCategory({ slug: 'nosql-databases', name: 'NoSQL Databases', tier: 'FOUNDATION', parentId: ids.databases, position: 1 })
    ).id;
    ids.sql = (
      await createCategory({ slug: 'sql-databases', name: 'SQL Databases', tier: 'FOUNDATION', parentId: ids.databases, position: 0 })
    ).id;
    ids.frameworks = (
      await createCategory({ slug: 'backend-frameworks', name: 'Backend Frameworks', tier: 'FOUNDATION', parentId: ids.languages })
    ).id;
    await insertSkill('postgresql', ids.sql);
    await insertSkill('mysql', ids.sql);
  });

  it('lists the whole tree parents-first, by tier then position', async () => {
    expect(await listSlugs()).toEqual([
      'programming-languages',
      'backend-frameworks',
      'databases',
      'sql-databases',
      'nosql-databases',
      'devops',
      'security',
      'soft-skills',
    ]);
  });

  it('filters the list by tier', async () => {
    expect(await listSlugs('ADVANCED')).toEqual(['devops', 'security']);
    expect(await listSlugs('SOFT_SKILLS')).toEqual(['soft-skills']);
    expect(await listSlugs('FOUNDATION')).toEqual([
      'programming-languages',
      'backend-frameworks',
      'databases',
      'sql-databases',
      'nosql-databases',
    ]);
  });

  it('reads one category by slug with its parent, children and skills', async () => {
    const data = dataOf(
      await app.graphql(
        `query { databases: category(slug: "databases") { ${CATEGORY_FIELDS} } sql: category(slug: "sql-databases") { ${CATEGORY_FIELDS} } missing: category(slug: "nope") { id } }`,
      ),
    );
    expect(data.databases).toEqual({
      id: ids.databases,
      slug: 'databases',
      name: 'Databases',
      description: 'Storing data.',
      tier: 'FOUNDATION',
      position: 1,
      parent: null,
      children: [{ slug: 'sql-databases' }, { slug: 'nosql-databases' }],
      skills: [],
    });
    expect(data.sql).toMatchObject({ parent: { slug: 'databases' }, children: [], skills: [{ slug: 'mysql' }, { slug: 'postgresql' }] });
    expect(data.missing).toBeNull();
  });

  it('puts a category created without a position after its last sibling', async () => {
    const frameworks = dataOf(await app.graphql(`query { category(slug: "backend-frameworks") { position } }`)).category;
    expect(frameworks.position).toBe(0);
    const created = await createCategory({ slug: 'caching', name: 'Caching', tier: 'FOUNDATION', parentId: ids.databases });
    expect(created.position).toBe(2);
    expect((await listSlugs('FOUNDATION')).slice(2)).toEqual(['databases', 'sql-databases', 'nosql-databases', 'caching']);
    const deleted = dataOf(await app.graphql(DELETE, { input: { id: created.id } }, { admin: true })).deleteCategory;
    expect(deleted).toEqual({ deletedId: created.id, userErrors: [] });
  });

  it('fetches categories through node and nodes', async () => {
    const data = dataOf(
      await app.graphql(
        `query($id: ID!, $ids: [ID!]!) { node(id: $id) { __typename id ... on Category { slug } } nodes(ids: $ids) { id ... on Category { name } } }`,
        {
          id: ids.sql,
          ids: [ids.devops, toGlobalId('Category', new Types.ObjectId()), 'not-an-id', ids.soft],
        },
      ),
    );
    expect(data.node).toEqual({ __typename: 'Category', id: ids.sql, slug: 'sql-databases' });
    expect(data.nodes).toEqual([{ id: ids.devops, name: 'DevOps' }, null, null, { id: ids.soft, name: 'Soft Skills' }]);
  });

  describe('createCategory', () => {
    it('refuses a duplicate slug, an unknown parent and malformed fields, writing nothing', async () => {
      const before = await CategoryModel.countDocuments();
      const duplicate = dataOf(
        await app.graphql(CREATE, { input: { slug: 'security', name: 'Security again', tier: 'ADVANCED' } }, { admin: true }),
      ).createCategory;
      expect(duplicate).toEqual({
        category: null,
        userErrors: [{ field: ['input', 'slug'], code: 'DUPLICATE', message: expect.any(String) }],
      });

      for (const parentId of [toGlobalId('Category', new Types.ObjectId()), toGlobalId('Skill', new Types.ObjectId()), 'garbage']) {
        const unknownParent = dataOf(
          await app.graphql(CREATE, { input: { slug: 'orphan', name: 'Orphan', tier: 'ADVANCED', parentId } }, { admin: true }),
        ).createCategory;
        expect(unknownParent).toEqual({
          category: null,
          userErrors: [{ field: ['input', 'parentId'], code: 'NOT_FOUND', message: expect.any(String) }],
        });
      }

      const malformed = dataOf(
        await app.graphql(
          CREATE,
          { input: { slug: 'Bad Slug', name: '   ', tier: 'ADVANCED', description: 'x'.repeat(5001), position: -1 } },
          { admin: true },
        ),
      ).createCategory;
      expect(malformed.category).toBeNull();
      expect(malformed.userErrors.map((error: { field: string[]; code: string }) => [error.field.join('.'), error.code])).toEqual([
        ['input.slug', 'INVALID'],
        ['input.name', 'INVALID'],
        ['input.description', 'INVALID'],
        ['input.position', 'INVALID'],
      ]);
      expect(await CategoryModel.countDocuments()).toBe(before);
      expect(dataOf(await app.graphql(`query { category(slug: "orphan") { id } }`)).category).toBeNull();
    });

    it('refuses callers without the admin token', async () => {
      const response = await app.graphql(CREATE, { input: { slug: 'sneaky', name: 'Sneaky', tier: 'ADVANCED' } });
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(response.data?.createCategory ?? null).toBeNull();
      expect(await CategoryModel.exists({ slug: 'sneaky' })).toBeNull();
    });
  });

  describe('updateCategory', () => {
    it('renames, re-tiers and moves a category, and makes it top-level again with parentId: null', async () => {
      const created = await createCategory({ slug: 'observability', name: 'Observability', tier: 'FOUNDATION' });
      const moved = dataOf(
        await app.graphql(
          UPDATE,
          { input: { id: created.id, name: 'Monitoring', tier: 'ADVANCED', parentId: ids.devops } },
          { admin: true },
        ),
      ).updateCategory;
      expect(moved.userErrors).toEqual([]);
      expect(moved.category).toMatchObject({
        slug: 'observability',
        name: 'Monitoring',
        tier: 'ADVANCED',
        parent: { slug: 'devops' },
        position: 0,
      });
      expect(await listSlugs('ADVANCED')).toEqual(['devops', 'observability', 'security']);

      const renamedSlug = dataOf(
        await app.graphql(UPDATE, { input: { id: created.id, slug: 'monitoring', parentId: null, position: 5 } }, { admin: true }),
      ).updateCategory;
      expect(renamedSlug.userErrors).toEqual([]);
      expect(renamedSlug.category).toMatchObject({ slug: 'monitoring', parent: null, position: 5 });
      expect(await listSlugs('ADVANCED')).toEqual(['devops', 'security', 'monitoring']);
      expect(dataOf(await app.graphql(DELETE, { input: { id: created.id } }, { admin: true })).deleteCategory.userErrors).toEqual([]);
    });

    it('keeps the parent when parentId is omitted', async () => {
      const updated = dataOf(
        await app.graphql(UPDATE, { input: { id: ids.sql, description: 'Relational systems.' } }, { admin: true }),
      ).updateCategory;
      expect(updated.userErrors).toEqual([]);
      expect(updated.category).toMatchObject({
        slug: 'sql-databases',
        description: 'Relational systems.',
        parent: { slug: 'databases' },
        position: 0,
      });
    });

    it('refuses a parent that would make a cycle, an unknown parent, a taken slug and an unknown id, writing nothing', async () => {
      const snapshot = await CategoryModel.find().sort({ _id: 1 }).lean();
      const cases: Array<[Record<string, unknown>, string[], string]> = [
        [{ id: ids.databases, parentId: ids.databases }, ['input', 'parentId'], 'INVALID'],
        [{ id: ids.databases, parentId: ids.sql }, ['input', 'parentId'], 'INVALID'],
        [{ id: ids.databases, parentId: toGlobalId('Category', new Types.ObjectId()) }, ['input', 'parentId'], 'NOT_FOUND'],
        [{ id: ids.databases, slug: 'security' }, ['input', 'slug'], 'DUPLICATE'],
        [{ id: toGlobalId('Category', new Types.ObjectId()), name: 'Ghost' }, ['input', 'id'], 'NOT_FOUND'],
        [{ id: ids.databases, name: 'x'.repeat(201) }, ['input', 'name'], 'INVALID'],
      ];
      for (const [input, field, code] of cases) {
        const payload = dataOf(await app.graphql(UPDATE, { input }, { admin: true })).updateCategory;
        expect(payload).toEqual({ category: null, userErrors: [{ field, code, message: expect.any(String) }] });
      }
      expect(await CategoryModel.find().sort({ _id: 1 }).lean()).toEqual(snapshot);
    });

    it('refuses callers without the admin token', async () => {
      const response = await app.graphql(UPDATE, { input: { id: ids.soft, name: 'Hacked' } });
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(dataOf(await app.graphql(`query { category(slug: "soft-skills") { name } }`)).category.name).toBe('Soft Skills');
    });
  });

  describe('deleteCategory', () => {
    it('refuses while skills or sub-categories belong to the category', async () => {
      const withSkills = dataOf(await app.graphql(DELETE, { input: { id: ids.sql } }, { admin: true })).deleteCategory;
      expect(withSkills).toEqual({
        deletedId: null,
        userErrors: [{ field: ['input', 'id'], code: 'IN_USE', message: expect.stringContaining('2 skills') }],
      });
      const withChildren = dataOf(await app.graphql(DELETE, { input: { id: ids.databases } }, { admin: true })).deleteCategory;
      expect(withChildren).toEqual({
        deletedId: null,
        userErrors: [{ field: ['input', 'id'], code: 'IN_USE', message: expect.stringContaining('2 sub-categories') }],
      });
      expect(await CategoryModel.countDocuments({ _id: { $in: [ids.sql, ids.databases].map(objectIdOf) } })).toBe(2);
    });

    it('deletes an unused category, then reports it missing', async () => {
      const created = await createCategory({ slug: 'temporary', name: 'Temporary', tier: 'SOFT_SKILLS' });
      expect(dataOf(await app.graphql(DELETE, { input: { id: created.id } }, { admin: true })).deleteCategory).toEqual({
        deletedId: created.id,
        userErrors: [],
      });
      expect(await CategoryModel.exists({ slug: 'temporary' })).toBeNull();
      expect(dataOf(await app.graphql(DELETE, { input: { id: created.id } }, { admin: true })).deleteCategory).toEqual({
        deletedId: null,
        userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: expect.any(String) }],
      });
    });

    it('refuses callers without the admin token', async () => {
      const response = await app.graphql(DELETE, { input: { id: ids.soft } });
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(await CategoryModel.exists({ slug: 'soft-skills' })).not.toBeNull();
    });
  });

  describe('database round trips', () => {
    const TREE_QUERY = `query { categories { name parent { name } children { name } skills { name } } }`;

    it('costs one query per relation, however many categories and skills there are', async () => {
      // Measures the loaders, not the caches: start cold, and again after writing fixtures past the services.
      await app.flushCaches();
      const small = await app.countDatabaseCommands(() => app.graphql(TREE_QUERY));
      expect(dataOf(small.result).categories.length).toBe(8);

      const parent = await CategoryModel.create({ slug: 'bulk', name: 'Bulk', tier: 'ADVANCED', position: 9 });
      for (let index = 0; index < 30; index += 1) {
        const child = await CategoryModel.create({
          slug: `bulk-${index}`,
          name: `Bulk ${index}`,
          tier: 'ADVANCED',
          parentId: parent._id,
          position: index,
        });
        await SkillModel.insertMany(
          [0, 1, 2].map((n) => ({
            slug: `bulk-${index}-${n}`,
            name: `Bulk ${index} ${n}`,
            nameKey: `bulk ${index} ${n}`,
            categoryId: child._id,
            matchKeys: [`bulk ${index} ${n}`],
          })),
        );
      }
      await app.flushCaches();
      const large = await app.countDatabaseCommands(() => app.graphql(TREE_QUERY));
      const categories = dataOf(large.result).categories;
      expect(categories.length).toBe(39);
      expect(categories.find((category: { name: string }) => category.name === 'Bulk 7').skills).toEqual([
        { name: 'Bulk 7 0' },
        { name: 'Bulk 7 1' },
        { name: 'Bulk 7 2' },
      ]);
      // categories + parents + children + skills: one `find` each.
      expect(small.byCommand).toEqual({ find: 4 });
      expect(large.byCommand).toEqual({ find: 4 });

      const skillsOnly = await app.countDatabaseCommands(() => app.graphql(`query { categories { skills { name } } }`));
      expect(skillsOnly.byCommand).toEqual({ find: 2 });
    });
  });
});
