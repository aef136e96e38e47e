import { seedIngestionVocabulary, type IngestionFixture } from './helpers/ingestion-fixture';
import { insertRawResources } from './helpers/raw-resource-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * The field weights of the search score, as docs/SEARCH.md documents them: a word in the title counts
 * 3, in the skills taught 2, in the body 1; plus 0.25 per field hit, plus 2 for a matched word, the
 * word's part doubled when it names a skill; plus 1 × the share of the title's words matched.
 * Resources that match one word in one field each, so each score is the documented sum and
 * swapping two weights changes both the order and the figures.
 */
const DOCUMENTED = { title: 3, skills: 2, body: 1, extraField: 0.25, matchedTerm: 2, skillTerm: 2, titleCoverage: 1 };

/** The documented score of a one-word query matched in one field, by the weight of that field. */
function oneFieldScore(fieldWeight: number, termWeight: number, titleShare = 0): number {
  return (fieldWeight + DOCUMENTED.extraField) * termWeight + DOCUMENTED.matchedTerm * termWeight + DOCUMENTED.titleCoverage * titleShare;
}

let app: TestApp;
let vocabulary: IngestionFixture;

beforeAll(async () => {
  app = await startTestApp();
  vocabulary = await seedIngestionVocabulary();
  const providerId = vocabulary.providerIds.independent;
  await insertRawResources([
    // "docker" names a skill (Docker): in the title of one, the skills of another, the body of a third.
    { slug: 'docker-in-title', title: 'Docker Handbook', providerId },
    { slug: 'docker-in-skills', title: 'Image Builds Explained', providerId, skillIds: [vocabulary.skillIds.docker] },
    { slug: 'docker-in-body', title: 'Shipping Software', providerId, description: 'Runs docker in production.' },
    // "control" names no skill, but is a word of Git's alias "version control": in the skills of one, the body of another.
    { slug: 'control-in-skills', title: 'Branching Workflows', providerId, skillIds: [vocabulary.skillIds.git] },
    { slug: 'control-in-body', title: 'Release Management', providerId, description: 'Keeps control of every release.' },
  ]);
});
afterAll(() => app?.stop());

async function scores(query: string): Promise<Array<[string, number]>> {
  const { search } = dataOf(
    await app.graphql(`query($query: String!) { search(query: $query) { edges { score node { slug } } } }`, { query }),
  );
  return search.edges.map((edge: { score: number; node: { slug: string } }) => [edge.node.slug, edge.score]);
}

it('ranks a title match above a skills match above a body match, by the documented weights (a word naming a skill)', async () => {
  const ranked = await scores('docker ');
  expect(ranked.map(([slug]) => slug)).toEqual(['docker-in-title', 'docker-in-skills', 'docker-in-body']);
  const [title, skills, body] = ranked.map(([, score]) => score);
  expect(title).toBeCloseTo(oneFieldScore(DOCUMENTED.title, DOCUMENTED.skillTerm, 1 / 2), 10);
  expect(skills).toBeCloseTo(oneFieldScore(DOCUMENTED.skills, DOCUMENTED.skillTerm), 10);
  expect(body).toBeCloseTo(oneFieldScore(DOCUMENTED.body, DOCUMENTED.skillTerm), 10);
  // The gap between a skills match and a body match is the difference of their weights, doubled.
  expect(skills - body).toBeCloseTo((DOCUMENTED.skills - DOCUMENTED.body) * DOCUMENTED.skillTerm, 10);
});

it('ranks a skills match above a body match by the documented weights (a word naming no skill)', async () => {
  const ranked = await scores('control ');
  expect(ranked.map(([slug]) => slug)).toEqual(['control-in-skills', 'control-in-body']);
  const [skills, body] = ranked.map(([, score]) => score);
  expect(skills).toBeCloseTo(oneFieldScore(DOCUMENTED.skills, 1), 10);
  expect(body).toBeCloseTo(oneFieldScore(DOCUMENTED.body, 1), 10);
  expect(skills - body).toBeCloseTo(DOCUMENTED.skills - DOCUMENTED.body, 10);
});
