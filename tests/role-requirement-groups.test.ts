import { toGlobalId } from '../src/core/relay/global-id';
import { RoleModel } from '../src/modules/role/role.model';
import { seedCategories, seedRoles, seedSkills } from '../seeds/database/seed-taxonomy';
import { taxonomy } from '../seeds/taxonomy';
import { objectIdOf } from './helpers/catalog-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * Requirement groups through the API, over the seeded taxonomy: what `Role.requirements` says of the
 * seeded roles, and how createRole/updateRole keep groups and skill lists in agreement (nothing
 * written when they do not).
 */
let app: TestApp;
/** Global ids of the seeded skills by slug. */
const skill: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  const categories = await seedCategories(taxonomy.categories);
  const skills = await seedSkills(taxonomy.skills, categories.ids);
  await seedRoles(taxonomy.roles, skills.ids);
  for (const [slug, id] of skills.ids) skill[slug] = toGlobalId('Skill', id);
  await app.flushCaches();
});
afterAll(() => app?.stop());

const OPTION_FIELDS = 'skill { slug } level weight requirement group';
const REQUIREMENT_FIELDS = `key label requirement minimum weight options { ${OPTION_FIELDS} }`;
const ROLE_FIELDS = `id slug requiredSkills { ${OPTION_FIELDS} } additionalSkills { ${OPTION_FIELDS} } requirements { ${REQUIREMENT_FIELDS} }`;
const CREATE = `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { ${ROLE_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateRoleInput!) { updateRole(input: $input) { role { ${ROLE_FIELDS} } userErrors { field message code } } }`;
const READ = `query($slug: String!) { role(slug: $slug) { ${ROLE_FIELDS} } }`;

const LANGUAGES = ['python', 'java', 'php', 'ruby', 'javascript-nodejs', 'csharp'];

const entry = (slug: string, weight: number, group?: string | null) => ({
  skillId: skill[slug],
  level: 'INTERMEDIATE',
  weight,
  ...(group !== undefined ? { group } : {}),
});
const LANGUAGE_GROUP = { key: 'language', label: 'At least one language', minimum: 1 };

async function readRole(slug: string) {
  return dataOf(await app.graphql(READ, { slug })).role;
}

/** The stored document, for checking that a refused write left it exactly as it was. */
async function storedRole(slug: string) {
  return RoleModel.findOne({ slug }).lean().exec();
}

async function create(input: Record<string, unknown>) {
  return dataOf(await app.graphql(CREATE, { input }, { admin: true })).createRole;
}

async function update(input: Record<string, unknown>) {
  return dataOf(await app.graphql(UPDATE, { input }, { admin: true })).updateRole;
}

/** `userErrors` as "field code" lines, order kept. */
const errorLines = (userErrors: Array<{ field: string[]; code: string }>) =>
  userErrors.map(({ field, code }) => `${field.join('.')} ${code}`);

describe('Role.requirements of the seeded roles', () => {
  it('makes the backend role\'s six languages one requirement ("at least one"), standing where the first language is', async () => {
    const role = await readRole('backend-software-engineer');
    expect(role.requirements[0]).toEqual({
      key: 'programming-language',
      label: 'At least one programming language',
      requirement: 'REQUIRED',
      minimum: 1,
      weight: 0.9,
      options: LANGUAGES.map((slug) => ({
        skill: { slug },
        level: 'ADVANCED',
        weight: 0.9,
        requirement: 'REQUIRED',
        group: 'programming-language',
      })),
    });
    // Six languages make one requirement: 12 required entries become 7 requirements, plus 2 additional.
    expect(role.requirements.map((requirement: { key: string }) => requirement.key)).toEqual([
      'programming-language',
      ...['sql', 'nosql', 'database-management', 'restful-api-design', 'graphql', 'api-security-authentication'].map((slug) => skill[slug]),
      skill['system-design'],
      skill['scalability-strategy'],
    ]);
    expect(role.requirements[1]).toEqual({
      key: skill.sql,
      label: 'SQL',
      requirement: 'REQUIRED',
      minimum: 1,
      weight: 0.8,
      options: [{ skill: { slug: 'sql' }, level: 'ADVANCED', weight: 0.8, requirement: 'REQUIRED', group: null }],
    });
    expect(role.requirements.slice(-2).map((requirement: { requirement: string }) => requirement.requirement)).toEqual([
      'ADDITIONAL',
      'ADDITIONAL',
    ]);
    // The flat lists still list every skill, each with its group.
    expect(role.requiredSkills.filter((option: { group: string | null }) => option.group === 'programming-language')).toHaveLength(6);
  });

  it("makes DevOps's three cloud providers one additional requirement", async () => {
    const role = await readRole('devops-engineer');
    expect(
      role.requirements.map((requirement: { label: string; requirement: string; minimum: number; weight: number; options: unknown[] }) => [
        requirement.label,
        requirement.requirement,
        requirement.minimum,
        requirement.weight,
        requirement.options.length,
      ]),
    ).toEqual([
      ['Server administration', 'REQUIRED', 1, 0.9, 1],
      ['CI/CD', 'REQUIRED', 1, 0.9, 1],
      ['Docker', 'REQUIRED', 1, 0.8, 1],
      ['Kubernetes', 'REQUIRED', 1, 0.7, 1],
      ['Cloud services', 'ADDITIONAL', 1, 0.6, 1],
      ['At least one cloud provider', 'ADDITIONAL', 1, 0.5, 3],
      ['Script automation', 'ADDITIONAL', 1, 0.6, 1],
    ]);
  });
});

describe('createRole with requirement groups', () => {
  it('stores the groups and the entries that name them, and reads them back as requirements', async () => {
    const payload = await create({
      slug: 'polyglot',
      title: 'Polyglot',
      requirementGroups: [{ key: 'language', label: '  Two languages  ', minimum: 2 }],
      requiredSkills: [
        entry('sql', 0.5, null),
        entry('python', 0.8, 'language'),
        entry('java', 0.6, 'language'),
        entry('ruby', 0.7, 'language'),
      ],
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.role.requirements).toEqual([
      expect.objectContaining({ key: skill.sql, label: 'SQL', minimum: 1, weight: 0.5 }),
      expect.objectContaining({ key: 'language', label: 'Two languages', minimum: 2, weight: 0.8 }),
    ]);
    const stored = await storedRole('polyglot');
    expect(stored?.requirementGroups).toEqual([{ key: 'language', label: 'Two languages', minimum: 2 }]);
    expect(stored?.requiredSkills.map((stored) => stored.group)).toEqual([undefined, 'language', 'language', 'language']);
    // An ungrouped entry is stored without the key, not with a null.
    expect(Object.keys(stored!.requiredSkills[0])).not.toContain('group');
  });

  // Rows build their input when the test runs: the skill ids are known only after the seed in beforeAll.
  it.each([
    [
      'a skill naming an undeclared group',
      () => ({ requirementGroups: [LANGUAGE_GROUP], requiredSkills: [entry('python', 0.9, 'language'), entry('java', 0.9, 'langauge')] }),
      ['input.requiredSkills.1.group NOT_FOUND'],
    ],
    [
      'a group key given twice',
      () => ({
        requirementGroups: [LANGUAGE_GROUP, { ...LANGUAGE_GROUP, label: 'Again' }],
        requiredSkills: [entry('python', 0.9, 'language')],
      }),
      ['input.requirementGroups.1.key DUPLICATE'],
    ],
    [
      'a group no skill names',
      () => ({
        requirementGroups: [LANGUAGE_GROUP, { key: 'cloud', label: 'A cloud', minimum: 1 }],
        requiredSkills: [entry('python', 0.9, 'language')],
      }),
      ['input.requirementGroups.1 INVALID'],
    ],
    [
      'a group whose options are both required and additional',
      () => ({
        requirementGroups: [LANGUAGE_GROUP],
        requiredSkills: [entry('python', 0.9, 'language')],
        additionalSkills: [entry('java', 0.9, 'language')],
      }),
      ['input.additionalSkills.0.group INVALID'],
    ],
    [
      'a minimum above the options',
      () => ({
        requirementGroups: [{ ...LANGUAGE_GROUP, minimum: 3 }],
        requiredSkills: [entry('python', 0.9, 'language'), entry('java', 0.9, 'language')],
      }),
      ['input.requirementGroups.0.minimum INVALID'],
    ],
    [
      'a key that is not slug-like, an empty label, a minimum of 0',
      () => ({
        requirementGroups: [{ key: 'Programming Language', label: '   ', minimum: 0 }],
        requiredSkills: [entry('python', 0.9, 'Programming Language')],
      }),
      ['input.requirementGroups.0.key INVALID', 'input.requirementGroups.0.label INVALID', 'input.requirementGroups.0.minimum INVALID'],
    ],
    [
      'groups without a skill list (every group then has no option)',
      () => ({ requirementGroups: [LANGUAGE_GROUP] }),
      ['input.requirementGroups.0 INVALID'],
    ],
  ])('refuses %s, writing nothing', async (_case, fieldsOf, expected) => {
    const payload = await create({ slug: 'refused-role', title: 'Refused', ...fieldsOf() });
    expect(errorLines(payload.userErrors)).toEqual(expected);
    expect(payload.role).toBeNull();
    expect(await storedRole('refused-role')).toBeNull();
  });

  it('refuses more groups than allowed', async () => {
    const groups = Array.from({ length: 51 }, (_, index) => ({ key: `group-${index}`, label: `Group ${index}`, minimum: 1 }));
    const payload = await create({
      slug: 'refused-role',
      title: 'Refused',
      requirementGroups: groups,
      requiredSkills: [entry('python', 0.9, 'group-0')],
    });
    expect(errorLines(payload.userErrors)).toEqual(['input.requirementGroups INVALID']);
    expect(await storedRole('refused-role')).toBeNull();
  });
});

describe('updateRole checks groups against the parts it leaves as stored', () => {
  /** A role with a two-of-three language group, made anew for each test so refusals compare against a known document. */
  async function languageRole(slug: string) {
    const payload = await create({
      slug,
      title: slug,
      requirementGroups: [{ key: 'language', label: 'Two languages', minimum: 2 }],
      requiredSkills: [entry('python', 0.9, 'language'), entry('java', 0.9, 'language'), entry('ruby', 0.9, 'language'), entry('sql', 0.8)],
      additionalSkills: [entry('docker', 0.4)],
    });
    expect(payload.userErrors).toEqual([]);
    return payload.role.id as string;
  }

  let refusedUpdates = 0;
  it.each([
    [
      'new groups that leave out one the stored skills name',
      () => ({ requirementGroups: [] }),
      ['input.requirementGroups NOT_FOUND', 'input.requirementGroups NOT_FOUND', 'input.requirementGroups NOT_FOUND'],
    ],
    [
      'new groups whose minimum the stored options cannot meet',
      () => ({ requirementGroups: [{ key: 'language', label: 'Four', minimum: 4 }] }),
      ['input.requirementGroups.0.minimum INVALID'],
    ],
    [
      'new required skills that drop every option of a stored group',
      () => ({ requiredSkills: [entry('sql', 0.8)] }),
      ['input.requiredSkills INVALID'],
    ],
    [
      'new required skills that leave a stored group fewer options than its minimum',
      () => ({ requiredSkills: [entry('python', 0.9, 'language'), entry('sql', 0.8)] }),
      ['input.requiredSkills INVALID'],
    ],
    [
      'new additional skills that join a group the stored required skills hold',
      () => ({ additionalSkills: [entry('php', 0.3, 'language')] }),
      ['input.additionalSkills.0.group INVALID'],
    ],
    [
      'new required skills naming a group the role does not declare',
      () => ({ requiredSkills: [entry('python', 0.9, 'language'), entry('java', 0.9, 'language'), entry('php', 0.9, 'framework')] }),
      ['input.requiredSkills.2.group NOT_FOUND'],
    ],
    [
      'a list that breaks groups together with a valid slug change',
      () => ({
        slug: 'renamed-role',
        requirementGroups: [
          { key: 'language', label: 'Two', minimum: 2 },
          { key: 'unused', label: 'Unused', minimum: 1 },
        ],
      }),
      ['input.requirementGroups.1 INVALID'],
    ],
  ])('refuses %s, writing nothing', async (_case, fieldsOf, expected) => {
    refusedUpdates += 1;
    const slug = `refused-update-${refusedUpdates}`;
    const id = await languageRole(slug);
    const before = await storedRole(slug);
    const payload = await update({ id, ...fieldsOf() });
    expect(errorLines(payload.userErrors)).toEqual(expected);
    expect(payload.role).toBeNull();
    expect(await storedRole(slug)).toEqual(before);
    expect(await storedRole('renamed-role')).toBeNull();
  });

  it('accepts replacing one part when the stored rest still agrees, and the next read shows it', async () => {
    const id = await languageRole('accepted-update');
    const before = await readRole('accepted-update');
    expect(before.requirements.map((requirement: { key: string }) => requirement.key)).toEqual(['language', skill.sql, skill.docker]);

    // Groups only: a new label and minimum the stored options meet.
    expect((await update({ id, requirementGroups: [{ key: 'language', label: 'Three languages', minimum: 3 }] })).userErrors).toEqual([]);
    // Required skills only: sql moves first, the group keeps its three options.
    expect(
      (
        await update({
          id,
          requiredSkills: [
            entry('sql', 0.8),
            entry('ruby', 0.7, 'language'),
            entry('python', 0.9, 'language'),
            entry('java', 0.5, 'language'),
          ],
        })
      ).userErrors,
    ).toEqual([]);
    const after = await readRole('accepted-update');
    expect(
      after.requirements.map(
        (requirement: { key: string; label: string; minimum: number; weight: number; options: Array<{ skill: { slug: string } }> }) => [
          requirement.key,
          requirement.label,
          requirement.minimum,
          requirement.weight,
          requirement.options.map((option) => option.skill.slug),
        ],
      ),
    ).toEqual([
      [skill.sql, 'SQL', 1, 0.8, ['sql']],
      ['language', 'Three languages', 3, 0.9, ['ruby', 'python', 'java']],
      [skill.docker, 'Docker', 1, 0.4, ['docker']],
    ]);

    // Dropping the group needs both parts at once: then every language is a requirement of its own.
    expect(
      (await update({ id, requirementGroups: [], requiredSkills: [entry('python', 0.9, null), entry('java', 0.9)] })).userErrors,
    ).toEqual([]);
    const ungrouped = await readRole('accepted-update');
    expect(ungrouped.requirements.map((requirement: { key: string; minimum: number }) => [requirement.key, requirement.minimum])).toEqual([
      [skill.python, 1],
      [skill.java, 1],
      [skill.docker, 1],
    ]);
    expect((await storedRole('accepted-update'))?.requirementGroups).toEqual([]);
  });

  it('leaves groups alone when an update touches neither them nor the skill lists', async () => {
    const id = await languageRole('title-only');
    const payload = await update({ id, title: 'Renamed' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.role.requirements[0]).toMatchObject({ key: 'language', minimum: 2 });
    expect((await storedRole('title-only'))?.requiredSkills.map((stored) => String(stored.skillId))).toEqual(
      ['python', 'java', 'ruby', 'sql'].map((slug) => String(objectIdOf(skill[slug]))),
    );
  });
});

describe('parallel updates of one role', () => {
  it('never leave options naming a group another update removed: an update decided on a stale read is decided again', async () => {
    const created = await create({
      slug: 'race-role',
      title: 'Race role',
      requirementGroups: [LANGUAGE_GROUP],
      requiredSkills: [entry('python', 0.9, 'language')],
    });
    expect(created.userErrors).toEqual([]);
    const id = created.role.id as string;
    let groupsRemoved = 0;
    for (let round = 0; round < 15; round += 1) {
      // One update removes the group (and its options); the other adds an option to the group, valid against what it read.
      const [removal] = await Promise.all([
        update({ id, requirementGroups: [], requiredSkills: [entry('sql', 0.8)] }),
        update({ id, requiredSkills: [entry('python', 0.9, 'language'), entry('java', 0.9, 'language')] }),
      ]);
      if (removal.userErrors.length === 0) groupsRemoved += 1;
      const stored = await storedRole('race-role');
      const declared = new Set((stored!.requirementGroups ?? []).map((group: { key: string }) => group.key));
      for (const option of [...stored!.requiredSkills, ...stored!.additionalSkills])
        if (option.group) expect(declared).toContain(option.group);
      // Back to the start for the next round.
      const reset = await update({ id, requirementGroups: [LANGUAGE_GROUP], requiredSkills: [entry('python', 0.9, 'language')] });
      expect(reset.userErrors).toEqual([]);
    }
    // Every round's removal landed; an addition that came second was refused (the check above), not written over it.
    expect(groupsRemoved).toBe(15);
  });
});
