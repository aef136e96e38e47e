import path from 'node:path';
import mongoose from 'mongoose';
import { SOURCE_ADAPTERS } from '../src/modules/ingestion/sources';
import { readFeedFiles } from '../src/modules/ingestion/feed-fetcher';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import { snapshotDateOf } from '../src/modules/ingestion/source-notes';
import { seedDatabase } from '../seeds/seed';
import { SEED_DATA_DIR, SEED_FEEDS } from '../seeds/sources/seed-feeds';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';
import { seedChangedNothing, type SeedReport } from '../seeds/seed-report';

/**
 * Terms exactly as the article (seeds/article) words them. Each must resolve to a seeded skill by
 * name or alias: written out here, not derived from the taxonomy, so a skill missing from the seed fails.
 */
const ARTICLE_SKILL_TERMS = [
  'Python',
  'Java',
  'PHP',
  'Ruby',
  'JavaScript (Node.js)',
  'C#',
  'MySQL',
  'PostgreSQL',
  'MongoDB',
  'Redis',
  'Oracle',
  'SQL',
  'NoSQL',
  'Linux/Unix systems',
  'Apache',
  'Nginx',
  'AWS',
  'GCP',
  'Azure',
  'RESTful API design',
  'Graph QL',
  'API security and authentication',
  'Git',
  'Service-oriented architecture principles',
  'Docker',
  'Kubernetes',
  'message queues',
  'event-driven architectures',
  'Encryption techniques',
  'Access Control',
  'Secure coding practices',
  'Vulnerability assessment',
  'Caching strategies',
  'Database query optimization',
  'Load balancing',
  'Profiling and debugging',
  'ML libraries and frameworks',
  'Data pre-processing',
  'feature creation',
  'Continuous Integration/Continuous Deployment',
  'Infrastructure as Code',
  'IaC',
  'Monitoring and logging',
  'Problem-solving',
  'Communication',
  'Teamwork',
  'Flexibility',
  'Precision',
  'server administration',
  'containerization',
  'cloud services',
  'script automation',
  'data modeling',
  'performance tuning',
  'ethical hacking',
  'security auditing',
  'semi-supervised learning',
  'data analysis',
  'statistical analysis',
  'deep learning frameworks',
  'system design',
  'scalability',
  'database management',
  'cybersecurity',
];

const ARTICLE_ROLES = ['Backend Software Engineer', 'DevOps Engineer', 'Database Administrator', 'Security Engineer', 'AI/ML Engineer'];

let app: TestApp;
let firstRun: SeedReport;
let secondRun: SeedReport;
let secondRunCommands: Record<string, number>;

beforeAll(async () => {
  app = await startTestApp();
  firstRun = await seedDatabase();
  const second = await app.countDatabaseCommands(() => seedDatabase());
  secondRun = second.result;
  secondRunCommands = second.byCommand;
}, 900_000);
afterAll(() => app?.stop());

describe('the seed', () => {
  it('maps every skill the article names to a seeded skill', async () => {
    const missing: string[] = [];
    for (let start = 0; start < ARTICLE_SKILL_TERMS.length; start += 25) {
      const chunk = ARTICLE_SKILL_TERMS.slice(start, start + 25);
      const data = dataOf(
        await app.graphql(
          `query { ${chunk.map((term, index) => `s${index}: skillByName(name: ${JSON.stringify(term)}) { slug }`).join(' ')} }`,
        ),
      );
      chunk.forEach((term, index) => data[`s${index}`] === null && missing.push(term));
    }
    expect(missing).toEqual([]);
  });

  it('seeds the five roles with required and additional skills', async () => {
    const data = dataOf(
      await app.graphql(
        `query { roles(first: 20) { totalCount edges { node { title requiredSkills { skill { slug } level weight } additionalSkills { skill { slug } } } } } }`,
      ),
    );
    expect(data.roles.totalCount).toBe(5);
    const roles = data.roles.edges.map((edge: { node: unknown }) => edge.node);
    expect(roles.map((role: { title: string }) => role.title).sort()).toEqual([...ARTICLE_ROLES].sort());
    for (const role of roles) {
      expect(role.requiredSkills.length).toBeGreaterThanOrEqual(2);
      expect(role.additionalSkills.length).toBeGreaterThanOrEqual(2);
      for (const entry of role.requiredSkills) expect(entry.weight).toBeGreaterThan(0);
    }
    const devops = roles.find((role: { title: string }) => role.title === 'DevOps Engineer');
    expect(devops.requiredSkills.map((entry: { skill: { slug: string } }) => entry.skill.slug)).toEqual(
      expect.arrayContaining(['ci-cd', 'docker']),
    );
  });

  it('records real prerequisite edges', async () => {
    const data = dataOf(
      await app.graphql(`query {
      kubernetes: skill(slug: "kubernetes") { prerequisites { slug } }
      optimisation: skill(slug: "database-query-optimization") { prerequisites { slug } }
      cicd: skill(slug: "ci-cd") { prerequisites { slug } }
      git: skill(slug: "git") { dependents { slug } }
    }`),
    );
    expect(data.kubernetes.prerequisites.map((skill: { slug: string }) => skill.slug)).toContain('docker');
    expect(data.optimisation.prerequisites.map((skill: { slug: string }) => skill.slug)).toContain('sql');
    expect(data.cicd.prerequisites.map((skill: { slug: string }) => skill.slug)).toContain('git');
    expect(data.git.dependents.map((skill: { slug: string }) => skill.slug)).toContain('ci-cd');
  });

  it('imports every record of each data source, counted per source', async () => {
    const bySource = Object.fromEntries(firstRun.sources.map((source) => [source.feed, source]));
    expect(bySource.ossu).toMatchObject({ read: 63 + 61, created: 123 });
    expect(bySource['free-programming-books']).toMatchObject({ read: 9549, created: 9341, listed: 13 });
    expect(bySource['awesome-for-beginners']).toMatchObject({ read: 229, created: 229 });
    expect(bySource['confs-tech']).toMatchObject({ read: 6831, created: 5999 });
    const data = dataOf(
      await app.graphql(`query {
      courses: resources(filter: { kinds: [COURSE] }) { totalCount }
      books: resources(filter: { kinds: [BOOK] }) { totalCount }
      projects: resources(filter: { kinds: [OPEN_SOURCE_PROJECT] }) { totalCount }
      events: resources(filter: { kinds: [EVENT], eventTime: ANY }) { totalCount }
      providers(first: 100) { totalCount }
    }`),
    );
    // Courses: OSSU's 123 (curriculum and extras) and the lists' 4,459 courses and 235 interactive tutorials, less the 13 they share.
    expect([data.courses.totalCount, data.books.totalCount, data.projects.totalCount, data.events.totalCount]).toEqual([
      123 + 4459 + 235 - 13,
      4660,
      229,
      5999,
    ]);
    expect(data.providers.totalCount).toBe(firstRun.collections.providers.created);
    for (const slug of ['coursera', 'udemy', 'edx', 'github', 'confs-tech']) {
      expect(dataOf(await app.graphql(`query { provider(slug: "${slug}") { slug } }`)).provider).toEqual({ slug });
    }
  });

  it('is idempotent: a second run creates and changes nothing, and writes nothing', async () => {
    expect(seedChangedNothing(secondRun)).toBe(true);
    expect(['insert', 'update', 'delete'].filter((command) => secondRunCommands[command])).toEqual([]);
    for (const counts of Object.values(secondRun.collections)) {
      expect({ created: counts.created, updated: counts.updated }).toEqual({ created: 0, updated: 0 });
    }
    expect(await mongoose.connection.collection('resources').countDocuments()).toBe(123 + 9341 + 229 + 5999);
  });

  it('reports per source what the ingestion pipeline did: every listing read, merged listings, nothing rejected, retired or listed elsewhere', () => {
    expect(
      firstRun.sources.map((source) => ({
        feed: source.feed,
        read: source.read,
        created: source.created,
        listed: source.listed,
        retired: source.retired,
        rejected: source.rejected.length,
        resources: source.resources,
        skipped: source.skipped,
      })),
    ).toEqual([
      {
        feed: 'ossu',
        read: 124,
        created: 123,
        listed: 0,
        retired: 0,
        rejected: 0,
        resources: 123,
        // Introduction to Haskell is in the curriculum and the extras.
        skipped: [{ reason: 'URL listed more than once: merged into one course', count: 1 }],
      },
      {
        feed: 'free-programming-books',
        read: 9549,
        created: 9341,
        listed: 13,
        retired: 0,
        rejected: 2,
        resources: 9354,
        skipped: [
          { reason: 'URL listed more than once: merged into one resource', count: 137 },
          {
            reason:
              'URL listed under another title too (a translation, or another book behind the same page): the first title kept, without the other headings',
            count: 56,
          },
          // Rejections in record-number order; a list line's record number is its line in its file.
          { reason: 'rejected: books/free-programming-books-zh.md line 316: not a "* [Title](URL)" list item', count: 1 },
          { reason: 'rejected: books/free-programming-books-langs.md line 1396: not a "* [Title](URL)" list item', count: 1 },
        ],
      },
      { feed: 'awesome-for-beginners', read: 229, created: 229, listed: 0, retired: 0, rejected: 0, resources: 229, skipped: [] },
      {
        feed: 'confs-tech',
        read: 6831,
        created: 5999,
        listed: 0,
        retired: 0,
        rejected: 0,
        resources: 5999,
        skipped: [{ reason: 'same conference (name and start date) listed under several topics: merged', count: 832 }],
      },
    ]);
    expect(secondRun.sources.map((source) => [source.unchanged, source.created, source.updated])).toEqual([
      [123, 0, 0],
      [9341, 0, 0],
      [229, 0, 0],
      [5999, 0, 0],
    ]);
  });

  it('writes what `npm run ingest` of the same files writes: ingesting them after the seed writes nothing', async () => {
    // What the ingest command does for `--source <feed> seeds/data/<folder>` (tests/seed-ingest-equivalence.test.ts runs the command itself).
    const ingestion = new IngestionService(app.entityChanges);
    const { result: reports, byCommand } = await app.countDatabaseCommands(async () => {
      const all = [];
      for (const feed of SEED_FEEDS) {
        const target = path.join(SEED_DATA_DIR, feed.folder);
        const adapter = SOURCE_ADAPTERS[feed.source];
        all.push(
          await ingestion.ingest(adapter.feed, adapter.read(await readFeedFiles(target, adapter)), {
            now: (await snapshotDateOf(target)) ?? undefined,
          }),
        );
      }
      return all;
    });
    expect(
      reports.map((report) => [
        report.feed,
        report.created,
        report.updated,
        report.unchanged,
        report.listed,
        report.retired,
        report.rejected.length,
      ]),
    ).toEqual([
      ['ossu', 0, 0, 123, 0, 0, 0],
      ['free-programming-books', 0, 0, 9341, 13, 0, 2],
      ['awesome-for-beginners', 0, 0, 229, 0, 0, 0],
      ['confs-tech', 0, 0, 5999, 0, 0, 0],
    ]);
    expect(['insert', 'update', 'delete'].filter((command) => byCommand[command])).toEqual([]);
  }, 240_000);

  it('maps resources to skills through names and aliases, and reports what it could not map', async () => {
    const data = dataOf(
      await app.graphql(`query { skill(slug: "kubernetes") { resources(first: 1, filter: { eventTime: ANY }) { totalCount } } }`),
    );
    expect(data.skill.resources.totalCount).toBeGreaterThan(10);
    expect(firstRun.unmappedTerms.length).toBeGreaterThan(0);
    expect(firstRun.unmappedTerms.every((entry) => entry.count > 0 && entry.term.length > 0)).toBe(true);
  });
});
