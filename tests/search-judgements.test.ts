import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seedDatabase } from '../seeds/seed';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/** A judged query (see the file's "about"). */
interface Judgement {
  query: string;
  intent: string;
  best: { title: string; kinds?: string[] };
  related?: { skills?: string[]; title?: string };
}

const JUDGEMENTS: Judgement[] = JSON.parse(readFileSync(path.join(__dirname, 'search-judgements.json'), 'utf8')).queries;
const CUTOFF = 10;
const TARGET_MEAN_NDCG = 0.85;

interface JudgedResource {
  slug: string;
  title: string;
  kind: string;
  skillSlugs: Set<string>;
}

/** The grade of a resource for a query: 2 best, 1 related, 0 not relevant. */
function gradeOf(judgement: Judgement, resource: JudgedResource): number {
  const best = new RegExp(judgement.best.title, 'i');
  if (best.test(resource.title) && (!judgement.best.kinds || judgement.best.kinds.includes(resource.kind))) return 2;
  const related = judgement.related;
  if (related?.skills?.some((slug) => resource.skillSlugs.has(slug))) return 1;
  if (related?.title && new RegExp(related.title, 'i').test(resource.title)) return 1;
  return 0;
}

const gain = (grade: number) => 2 ** grade - 1;
const discountedGain = (grades: number[]) =>
  grades.slice(0, CUTOFF).reduce((sum, grade, rank) => sum + gain(grade) / Math.log2(rank + 2), 0);

/** nDCG@10: the discounted gain of the ranking over that of the ideal ranking of every judged resource. */
export function ndcgAt10(rankedGrades: number[], allGrades: number[]): number {
  const ideal = discountedGain([...allGrades].sort((left, right) => right - left));
  return ideal === 0 ? 0 : discountedGain(rankedGrades) / ideal;
}

let app: TestApp;
let catalogue: JudgedResource[];
beforeAll(async () => {
  app = await startTestApp();
  await seedDatabase();
  const skillSlugById = new Map((await SkillModel.find({}, { slug: 1 }).lean()).map((skill) => [String(skill._id), skill.slug]));
  catalogue = (await ResourceModel.find({}, { slug: 1, title: 1, kind: 1, skillIds: 1 }).lean()).map((resource) => ({
    slug: resource.slug,
    title: resource.title,
    kind: resource.kind,
    skillSlugs: new Set(resource.skillIds.map((id) => skillSlugById.get(String(id)) ?? '')),
  }));
}, 900_000);
afterAll(() => app?.stop());

const SEARCH = `query($query: String!) { search(query: $query, first: ${CUTOFF}) { edges { node { slug } } } }`;

describe('search relevance over the judged queries (tests/search-judgements.json)', () => {
  it(`has at least 30 judged queries, each with something to find`, () => {
    expect(JUDGEMENTS.length).toBeGreaterThanOrEqual(30);
    for (const judgement of JUDGEMENTS) {
      expect({ query: judgement.query, best: catalogue.filter((resource) => gradeOf(judgement, resource) === 2).length }).toEqual({
        query: judgement.query,
        best: expect.any(Number),
      });
      expect(catalogue.some((resource) => gradeOf(judgement, resource) === 2)).toBe(true);
    }
  });

  it(`reaches a mean nDCG@${CUTOFF} of at least ${TARGET_MEAN_NDCG}`, async () => {
    const bySlug = new Map(catalogue.map((resource) => [resource.slug, resource]));
    const rows: Array<{ query: string; ndcg: number; misses: string[] }> = [];
    // A few at a time: the queries are independent, and the server answers them in parallel.
    for (let start = 0; start < JUDGEMENTS.length; start += 4) {
      const batch = JUDGEMENTS.slice(start, start + 4);
      const pages = await Promise.all(batch.map((judgement) => app.graphql(SEARCH, { query: judgement.query }).then(dataOf)));
      batch.forEach((judgement, index) => {
        const ranked = pages[index].search.edges.map((edge: { node: { slug: string } }) => bySlug.get(edge.node.slug)!);
        const rankedGrades = ranked.map((resource: JudgedResource) => gradeOf(judgement, resource));
        const allGrades = catalogue.map((resource) => gradeOf(judgement, resource)).filter((grade) => grade > 0);
        const misses = ranked
          .filter((_: JudgedResource, rank: number) => rankedGrades[rank] < 2)
          .map((resource: JudgedResource) => `${resource.title} [${rankedGrades[ranked.indexOf(resource)]}]`);
        rows.push({ query: judgement.query, ndcg: ndcgAt10(rankedGrades, allGrades), misses });
      });
    }
    const mean = rows.reduce((sum, row) => sum + row.ndcg, 0) / rows.length;
    const report = rows
      .map((row) => `${row.ndcg.toFixed(3)}  ${row.query}${row.misses.length ? `   (below best: ${row.misses.join('; ')})` : ''}`)
      .join('\n');
    // Printed so a run shows the figure and what each query still gets wrong.
    console.log(`search nDCG@${CUTOFF} over ${rows.length} judged queries: mean ${mean.toFixed(3)}\n${report}`);
    expect(mean).toBeGreaterThanOrEqual(TARGET_MEAN_NDCG);
  }, 180_000);
});

describe('ndcgAt10', () => {
  it('is 1 for the ideal order and less for a worse one', () => {
    expect(ndcgAt10([2, 2, 1], [1, 2, 2])).toBeCloseTo(1);
    expect(ndcgAt10([1, 2, 2], [1, 2, 2])).toBeLessThan(1);
    expect(ndcgAt10([0, 0], [2])).toBe(0);
  });
});
