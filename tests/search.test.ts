import { selectHiddenFields } from '../src/core/hidden-fields';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { RoleModel } from '../src/modules/role/role.model';
import { backfillSearchFields } from '../src/modules/search/search-indexing';
import { SEARCH_FIELDS_VERSION } from '../src/modules/search/search-fields';
import { SCORE_WEIGHTS } from '../src/modules/search/search-query';
import { SkillModel } from '../src/modules/skill/skill.model';
import { normaliseSkillTerm } from '../src/modules/skill/skill-term';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { dataOf, errorOf, startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
let fixture: CatalogFixture;
beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedCatalog();
  // The fixture writes raw documents, like data from before search existed; aliases as the taxonomy has them.
  const aliases: Record<string, string[]> = {
    kubernetes: ['k8s', 'Kube'],
    postgresql: ['Postgres', 'psql'],
    javascript: ['Node.js', 'Node', 'JS'],
  };
  for (const [skill, names] of Object.entries(aliases)) {
    const id = fixture.skillIds[skill as keyof CatalogFixture['skillIds']];
    const name = (await SkillModel.findById(id).lean())!.name;
    await SkillModel.updateOne({ _id: id }, { $set: { aliases: names, matchKeys: [name, ...names].map(normaliseSkillTerm) } });
  }
  expect(await backfillSearchFields()).toBe(15);
});
afterAll(() => app?.stop());

const SEARCH = `query($query: String!, $filter: ResourceFilter, $first: Int, $after: String) {
  search(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount
    terms
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor score node { slug } }
  }
}`;

interface SearchPage {
  totalCount: number;
  terms: string[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; score: number; node: { slug: string } }>;
}

async function search(query: string, variables: Record<string, unknown> = {}): Promise<SearchPage> {
  return dataOf(await app.graphql(SEARCH, { query, ...variables })).search;
}

const slugs = (page: SearchPage) => page.edges.map((edge) => edge.node.slug);

describe('search: what it finds', () => {
  it('ranks a title match above a skill match above a body match', async () => {
    const page = await search('kubernetes');
    expect(slugs(page)[0]).toBe('kubernetes-in-action');
    // Taught, not in the title: Docker Deep Dive and KubeCon Online teach Kubernetes.
    expect(slugs(page)).toEqual(expect.arrayContaining(['docker-deep-dive', 'kubecon-online']));
    expect(page.edges[0].score).toBeGreaterThan(page.edges[1].score);
  });

  it('expands skill aliases from the skills collection: k8s, postgres, node', async () => {
    expect(slugs(await search('k8s'))[0]).toBe('kubernetes-in-action');
    expect(slugs(await search('postgres'))).toEqual(
      expect.arrayContaining(['postgres-beginners', 'pg-utils', 'postgres-meetup', 'python-pipelines']),
    );
    const node = slugs(await search('node'));
    expect(node).toEqual(expect.arrayContaining(['intro-js', 'js-testing', 'express', 'jsconf-eu']));
    expect(node).not.toContain('advanced-python');
  });

  it('matches the last word as a prefix while it is being typed', async () => {
    expect(slugs(await search('kuber'))).toEqual(expect.arrayContaining(['kubernetes-in-action', 'docker-deep-dive']));
    expect(slugs(await search('pyth'))[0]).toMatch(/python|pycon|django/);
    // With a space after it, the word is complete: "kuber" is not a word anyone wrote.
    expect((await search('kuber ')).totalCount).toBe(0);
  });

  it('forgives one typo in words of five letters or more', async () => {
    expect(slugs(await search('kubernets'))[0]).toBe('kubernetes-in-action');
    expect(slugs(await search('kuberentes'))[0]).toBe('kubernetes-in-action');
    expect(slugs(await search('pyhton'))).toEqual(expect.arrayContaining(['advanced-python', 'python-pipelines']));
    // Short words are not fuzzy: "jav" is not "java", and nothing is Java here.
    expect((await search('dokcer ')).totalCount).toBeGreaterThan(0);
  });

  it('prefers resources that match more of the query', async () => {
    const page = await search('python postgresql');
    expect(slugs(page).slice(0, 2).sort()).toEqual(['postgres-beginners', 'python-pipelines']);
  });

  it('requires one of the words that name a skill to match, when some do', async () => {
    const page = await search('kubernetes web');
    expect(slugs(page).sort()).toEqual(['docker-deep-dive', 'kubecon-online', 'kubernetes-in-action']);
    expect(page.totalCount).toBe(3);
    // Without a word naming a skill, any word may match.
    expect(slugs(await search('web frontend'))).toEqual(expect.arrayContaining(['intro-js', 'express', 'django', 'jsconf-eu']));
  });

  it('adds the kind bonus, and only it, when the query asks for a kind ("course", "project", "conference")', async () => {
    const scoreOf = (page: SearchPage, slug: string) => page.edges.find((edge) => edge.node.slug === slug)?.score;
    const plain = await search('docker');
    // No resource of the fixture has "course", "project" or "conference" in its text: the word adds nothing else.
    const typeNameBySlug = new Map<string, string>(
      dataOf(await app.graphql(`query { search(query: "docker") { edges { node { __typename slug } } } }`)).search.edges.map(
        (edge: { node: { __typename: string; slug: string } }) => [edge.node.slug, edge.node.__typename],
      ),
    );
    expect(new Set(typeNameBySlug.values())).toEqual(new Set(['Course', 'OpenSourceProject', 'Event']));
    for (const [words, favoured] of [
      ['docker course', 'Course'],
      ['docker project', 'OpenSourceProject'],
      ['docker conference', 'Event'],
    ] as const) {
      const asked = await search(words);
      expect(slugs(asked).sort()).toEqual(slugs(plain).sort());
      for (const slug of slugs(plain)) {
        const bonus = typeNameBySlug.get(slug) === favoured ? SCORE_WEIGHTS.kindIntent : 0;
        expect(scoreOf(asked, slug)).toBeCloseTo(scoreOf(plain, slug)! + bonus, 10);
      }
    }
  });

  it('reports the words it searched for', async () => {
    expect((await search('The Kubernetes for beginners')).terms).toEqual(['kubernetes', 'beginners']);
  });
});

describe('search: filters, order and pages', () => {
  it('combines with every ResourceFilter condition', async () => {
    const filter = {
      kinds: ['COURSE'],
      free: false,
      languages: ['en', 'de'],
      skills: [fixture.ids.skill.kubernetes],
      maxPrice: 100,
      minRating: 3,
    };
    expect(slugs(await search('docker', { filter })).sort()).toEqual(['docker-deep-dive', 'kubernetes-in-action']);
    expect(slugs(await search('kubernetes', { filter: { kinds: ['EVENT'], online: true } }))).toEqual(['kubecon-online']);
    expect(slugs(await search('postgres', { filter: { providers: [fixture.ids.provider.github] } }))).toEqual(['pg-utils']);
    expect(slugs(await search('postgres', { filter: { startsAfter: '2025-06-01', startsBefore: '2025-06-30' } }))).toEqual([
      'postgres-meetup',
    ]);
    expect(slugs(await search('web', { filter: { tags: ['frontend'] } }))).toEqual(['intro-js']);
    expect(slugs(await search('javascript', { filter: { levels: ['BEGINNER'] } }))).toEqual(['intro-js']);
  });

  it('orders by score, then id, and pages never repeat or skip a result', async () => {
    const all = await search('python docker postgres javascript', { first: 100 });
    expect(all.totalCount).toBe(all.edges.length);
    for (let index = 1; index < all.edges.length; index += 1) {
      const [previous, current] = [all.edges[index - 1], all.edges[index]];
      expect(previous.score > current.score || (previous.score === current.score && previous.cursor !== current.cursor)).toBe(true);
    }
    const walked: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const page: SearchPage = await search('python docker postgres javascript', { first: 2, after });
      walked.push(...slugs(page));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).not.toBeNull();
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(slugs(all));
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('refuses a cursor of another query', async () => {
    const page = await search('python', { first: 1 });
    const response = await app.graphql(SEARCH, { query: 'docker', first: 1, after: page.pageInfo.endCursor });
    expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT' });
    // "kube" while typing (a prefix) and "kube " (a finished word) find and score differently.
    const typing = await search('kube', { first: 1 });
    expect(errorOf(await app.graphql(SEARCH, { query: 'kube ', first: 1, after: typing.pageInfo.endCursor }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('costs two round trips for a page (synonyms, then one aggregation), whatever its size', async () => {
    for (const first of [2, 50]) {
      const { commands, byCommand } = await app.countDatabaseCommands(() =>
        app.graphql(`query($first: Int) { search(query: "docker kubernetes", first: $first) { edges { score node { slug } } } }`, {
          first,
        }),
      );
      expect(byCommand).toEqual({ find: 1, aggregate: 1 });
      expect(commands).toBe(2);
    }
  });
});

describe('search: bad input', () => {
  it('refuses an empty or over-long query', async () => {
    expect(errorOf(await app.graphql(SEARCH, { query: '' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/must not be empty/),
    });
    expect(errorOf(await app.graphql(SEARCH, { query: 'kubernetes '.repeat(1000) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/at most 200/),
    });
  });

  it('treats regex and operator syntax as text, finding nothing rather than everything', async () => {
    for (const query of ['.*', '$where', '^.*$', '\\', '(((', '[a-z]+']) {
      const page = await search(query);
      expect({ query, totalCount: page.totalCount, edges: page.edges }).toEqual({ query, totalCount: 0, edges: [] });
    }
    expect((await search('{"$gt": ""}')).totalCount).toBe(0);
  });

  it('refuses out-of-range page sizes and junk cursors', async () => {
    for (const first of [0, -1, 101, 2 ** 31 - 1])
      expect(errorOf(await app.graphql(SEARCH, { query: 'python', first })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await app.graphql(SEARCH, { query: 'python', after: 'not-a-cursor' })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await app.graphql(SEARCH, { query: 'python', filter: { maxPrice: -1 } })).code).toBe('BAD_USER_INPUT');
  });

  it('uses at most 12 words of a long query', async () => {
    const words = 'python docker kubernetes javascript postgresql web backend devops cloud data testing action deep dive';
    expect((await search(words)).terms).toHaveLength(12);
  });
});

describe('suggest', () => {
  const SUGGEST = `query($prefix: String!, $first: Int) { suggest(prefix: $prefix, first: $first) { kind label matchedAlias skill { slug } role { slug } } }`;
  interface Suggestion {
    kind: string;
    label: string;
    matchedAlias: string | null;
    skill: { slug: string } | null;
    role: { slug: string } | null;
  }
  const suggest = async (prefix: string, first?: number) =>
    dataOf(await app.graphql<{ suggest: Suggestion[] }>(SUGGEST, { prefix, first })).suggest;

  beforeAll(async () => {
    await RoleModel.create({ slug: 'kubernetes-administrator', title: 'Kubernetes administrator', titleKey: 'kubernetes administrator' });
  });

  it('suggests skills by name or alias and roles by title, names first and shortest first', async () => {
    expect(await suggest('Kub')).toEqual([
      { kind: 'SKILL', label: 'Kubernetes', matchedAlias: null, skill: { slug: 'kubernetes' }, role: null },
      { kind: 'ROLE', label: 'Kubernetes administrator', matchedAlias: null, skill: null, role: { slug: 'kubernetes-administrator' } },
    ]);
    expect(await suggest('k8')).toEqual([
      { kind: 'SKILL', label: 'Kubernetes', matchedAlias: 'k8s', skill: { slug: 'kubernetes' }, role: null },
    ]);
    expect((await suggest('no')).map((suggestion) => [suggestion.label, suggestion.matchedAlias])).toEqual([['JavaScript', 'Node.js']]);
    expect((await suggest('p', 1)).map((suggestion) => suggestion.label)).toEqual(['Python']);
  });

  it('treats the prefix as text and refuses bad sizes', async () => {
    for (const prefix of ['', '.*', '(', '$where', '[a-z]'])
      expect({ prefix, suggestions: await suggest(prefix) }).toEqual({ prefix, suggestions: [] });
    expect(errorOf(await app.graphql(SUGGEST, { prefix: 'a'.repeat(101) })).code).toBe('BAD_USER_INPUT');
    for (const first of [0, 21]) expect(errorOf(await app.graphql(SUGGEST, { prefix: 'py', first })).code).toBe('BAD_USER_INPUT');
  });
});

describe('search fields on write', () => {
  it('indexes a resource created or changed through the API, and follows skill renames', async () => {
    const created = dataOf(
      await app.graphql(
        `mutation($input: CreateCourseInput!) { createCourse(input: $input) { resource { id slug } userErrors { message } } }`,
        {
          input: {
            title: 'Observability with Grafana',
            url: 'https://example.com/grafana',
            providerId: fixture.ids.provider.udemy,
            free: true,
            skills: [{ skillId: fixture.ids.skill.docker }],
          },
        },
        { admin: true },
      ),
    ).createCourse.resource;
    expect(slugs(await search('grafana'))).toEqual([created.slug]);
    expect(slugs(await search('docker observability'))[0]).toBe(created.slug);

    await app.graphql(
      `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { userErrors { message } } }`,
      { input: { id: created.id, title: 'Monitoring with Prometheus' } },
      { admin: true },
    );
    expect(slugs(await search('grafana'))).toEqual([]);
    expect(slugs(await search('prometheus'))).toEqual([created.slug]);

    const stored = await ResourceModel.findOne({ slug: created.slug }).select(selectHiddenFields(ResourceModel)).lean();
    expect(stored).toMatchObject({ searchTitleTokens: ['monitor', 'prometheus'], searchVersion: SEARCH_FIELDS_VERSION });
    expect(stored!.searchKeys).toEqual(
      expect.arrayContaining(['w:monitor', 'w:prometheus', 'p:prom', 'f:prometheus', `k:${String(fixture.skillIds.docker)}`]),
    );
    expect(await backfillSearchFields()).toBe(0);

    // A new alias of a skill becomes a search term of every resource teaching it.
    const renamed = await app.graphql(
      `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { userErrors { message } } }`,
      { input: { id: fixture.ids.skill.docker, aliases: ['Moby'] } },
      { admin: true },
    );
    expect(dataOf(renamed).updateSkill.userErrors).toEqual([]);
    const teaching = await ResourceModel.find({ skillIds: fixture.skillIds.docker }, { slug: 1, searchSkillTokens: 1 }).lean();
    expect(teaching.length).toBeGreaterThan(3);
    for (const resource of teaching) expect(resource.searchSkillTokens).toContain('moby');
  });

  it('re-indexes a resource written by an older analysis once (searchVersion), and only then finds it', async () => {
    const current = (await ResourceModel.findOne({ slug: 'kubernetes-in-action' }).select(selectHiddenFields(ResourceModel)).lean())!;
    expect(current.searchKeys).toEqual(
      expect.arrayContaining(['w:kubernet', 'p:kube', 'f:kubernetes', `k:${String(fixture.skillIds.kubernetes)}`]),
    );
    // As version 1 stored it: the per-field arrays, no `searchKeys`.
    await ResourceModel.collection.updateOne(
      { _id: current._id },
      { $set: { searchVersion: SEARCH_FIELDS_VERSION - 1 }, $unset: { searchKeys: '' } },
    );
    // Page sizes no other test uses: the response cache must not answer (raw writes do not purge it).
    expect(slugs(await search('kubernetes', { first: 17 }))).not.toContain('kubernetes-in-action');
    expect(await backfillSearchFields()).toBe(1);
    expect(await backfillSearchFields()).toBe(0);
    const rewritten = (await ResourceModel.findOne({ slug: 'kubernetes-in-action' }).select(selectHiddenFields(ResourceModel)).lean())!;
    expect(rewritten.searchKeys).toEqual(current.searchKeys);
    expect(rewritten.updatedAt).toEqual(current.updatedAt);
    expect(slugs(await search('kubernetes', { first: 16 }))[0]).toBe('kubernetes-in-action');
  });
});
