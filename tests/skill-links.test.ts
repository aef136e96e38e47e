import { toGlobalId } from '../src/core/relay/global-id';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import type { FeedRecord } from '../src/modules/ingestion/ingestion.types';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { SearchService } from '../src/modules/search/search.service';
import { createApiKeyAsAdmin } from './helpers/api-keys';
import { seedIngestionVocabulary, type IngestionFixture } from './helpers/ingestion-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

// Every door stores a resource's skill links with the one matcher's confidence and evidence
// (src/modules/skill-matching), and GraphQL shows them on `skills`.

let app: TestApp;
let fixture: IngestionFixture;
let partnerKey: { secret: string };

const SKILLS = `skills { skill { slug } confidence matchedBy }`;
const RESOURCE = `query($id: ID!) { node(id: $id) { ... on Resource { title ${SKILLS} } } }`;

function record(recordNumber: number, fields: Partial<FeedRecord>): FeedRecord {
  return {
    recordNumber,
    externalId: `r-${recordNumber}`,
    kind: 'COURSE',
    title: `Course ${recordNumber}`,
    url: `https://courses.example/${recordNumber}`,
    ...fields,
  };
}

async function linksOf(externalId: string) {
  const resource = await ResourceModel.findOne({ 'source.externalId': externalId }).lean();
  if (!resource) throw new Error(`no resource ${externalId}`);
  const response = await app.graphql(RESOURCE, { id: toGlobalId('Course', resource._id) });
  return dataOf(response).node.skills as Array<{ skill: { slug: string }; confidence: number; matchedBy: string }>;
}

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedIngestionVocabulary();
  partnerKey = await createApiKeyAsAdmin(app, {
    name: 'Acme sync',
    role: 'PARTNER',
    providerId: toGlobalId('Provider', fixture.providerIds['acme-academy']),
  });
  const service = new IngestionService(app.entityChanges);
  await service.ingest('test-feed', {
    records: [
      record(1, { title: 'Learn PostgreSQL from scratch' }),
      record(2, { title: 'Docker and Kubernetes', skillTerms: ['Docker'] }),
      record(3, { title: 'Everything about tooling', skillTermPaths: [['Web Development']] }),
      record(4, { title: 'Kubernetes Community Days', description: 'Written by the adapter: Docker, Docker.', generatedDescription: true }),
      record(5, { title: 'Git basics' }),
    ],
    rejected: [],
  });
});
afterAll(() => app?.stop());

describe('skill links in GraphQL', () => {
  it('shows the title matches of a feed record with TITLE and their confidence', async () => {
    expect(await linksOf('r-1')).toEqual([{ skill: { slug: 'postgresql' }, confidence: 0.9, matchedBy: 'TITLE' }]);
  });

  it('keeps the best evidence per skill, surest first', async () => {
    expect(await linksOf('r-2')).toEqual([
      { skill: { slug: 'docker' }, confidence: 0.9, matchedBy: 'TITLE' },
      { skill: { slug: 'kubernetes' }, confidence: 0.9, matchedBy: 'TITLE' },
    ]);
  });

  it('gives a heading that is a skill of its own HEADING, and ignores a description the adapter wrote', async () => {
    expect(await linksOf('r-3')).toEqual([{ skill: { slug: 'web-development' }, confidence: 0.85, matchedBy: 'HEADING' }]);
    expect((await linksOf('r-4')).map((link) => link.skill.slug)).toEqual(['kubernetes']);
  });

  it("marks a partner's skill names PARTNER and still reads the title", async () => {
    const payload = dataOf(
      await app.graphql(
        `mutation($input: UpsertResourcesInput!) { upsertResources(input: $input) { results { status resource { ${SKILLS} } } userErrors { message } } }`,
        {
          input: {
            items: [
              {
                externalId: 'p-1',
                kind: 'COURSE',
                title: 'Python for data pipelines',
                url: 'https://acme.example/p-1',
                skills: ['Docker', 'Basket weaving'],
              },
            ],
          },
        },
        { headers: { 'x-api-key': partnerKey.secret } },
      ),
    ).upsertResources;
    expect(payload.results[0].status).toBe('CREATED');
    expect(payload.results[0].resource.skills).toEqual([
      { skill: { slug: 'docker' }, confidence: 0.95, matchedBy: 'PARTNER' },
      { skill: { slug: 'python' }, confidence: 0.9, matchedBy: 'TITLE' },
    ]);
  });

  it('marks the skills an admin lists ADMIN with confidence 1', async () => {
    const created = dataOf(
      await app.graphql(
        `mutation($input: CreateCourseInput!) { createCourse(input: $input) { resource { ${SKILLS} } userErrors { message } } }`,
        {
          input: {
            title: 'Hand-picked',
            url: 'https://acme.example/hand-picked',
            providerId: toGlobalId('Provider', fixture.providerIds['acme-academy']),
            free: true,
            skills: [{ skillId: toGlobalId('Skill', fixture.skillIds.git) }],
          },
        },
        { admin: true },
      ),
    ).createCourse;
    expect(created.userErrors).toEqual([]);
    expect(created.resource.skills).toEqual([{ skill: { slug: 'git' }, confidence: 1, matchedBy: 'ADMIN' }]);
  });

  it('answers null confidence and evidence for links written before links were scored', async () => {
    // Written straight to the collection, as an older version stored links; never read before, so no cache holds it.
    await ResourceModel.collection.updateOne(
      { 'source.externalId': 'r-5' },
      { $unset: { 'skills.0.confidence': '', 'skills.0.matchedBy': '' } },
    );
    expect(await linksOf('r-5')).toEqual([{ skill: { slug: 'git' }, confidence: null, matchedBy: null }]);
  });
});

describe('search by an alias', () => {
  it('finds the PostgreSQL course the title linked when searching "postgres"', async () => {
    const found = await new SearchService().search({ query: 'postgres', first: 10 });
    expect(found.edges.map((edge) => edge.node.title)).toContain('Learn PostgreSQL from scratch');
  });
});
