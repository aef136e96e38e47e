import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/core/project-root';
import { taxonomy } from '../../seeds/taxonomy';
import { JUDGED_KINDS, JUDGEMENT_FILE, judgementKeyOf, parseJudgementFile } from '../../scripts/link-eval/judgement-file';
import { countJudgements } from '../../scripts/link-eval/judgement-counts';
import { STRATA, stratumOfSkill, type Stratum } from '../../scripts/link-eval/strata';

/**
 * The committed judged link set (tests/link-judgements): well formed, large enough, and stratified as
 * its README says, so `npm run eval:links` measures every area the issue names.
 */
describe('the judged link set', () => {
  const skillSlugs = new Set(taxonomy.skills.map((skill) => skill.slug));
  const categoryBySlug = new Map(taxonomy.skills.map((skill) => [skill.slug, skill.category]));
  const stratumOf = (slug: string): Stratum => stratumOfSkill({ slug, category: categoryBySlug.get(slug) ?? '' });
  const judgements = parseJudgementFile(readFileSync(path.join(PROJECT_ROOT, JUDGEMENT_FILE), 'utf8'), skillSlugs);
  const counts = countJudgements(judgements, stratumOf);
  // Table cells as Prettier pads them, compared with single spaces.
  const readme = readFileSync(path.join(PROJECT_ROOT, 'tests', 'link-judgements', 'README.md'), 'utf8').replace(/ +/g, ' ');

  it('has at least 450 judgements, each resource (an event: each edition) once', () => {
    expect(judgements.length).toBeGreaterThanOrEqual(450);
    expect(new Set(judgements.map(judgementKeyOf)).size).toBe(judgements.length);
    expect(new Set(judgements.map((judgement) => judgement.url)).size).toBeGreaterThan(judgements.length - 10);
  });

  it('names only skills of the taxonomy (parseJudgementFile checks every slug)', () => {
    const named = new Set(judgements.flatMap((judgement) => [...judgement.expected, ...judgement.acceptable]));
    expect([...named].filter((slug) => !skillSlugs.has(slug))).toEqual([]);
    expect(named.size).toBeGreaterThan(80);
  });

  it('covers every source and every kind', () => {
    const sources = new Set(judgements.map((judgement) => judgement.source));
    for (const source of ['free-programming-books', 'ossu', 'confs-tech', 'awesome-for-beginners', 'coursera', 'udemy', 'edx', 'github'])
      expect(sources).toContain(source);
    expect(new Set(judgements.map((judgement) => judgement.kind))).toEqual(new Set(JUDGED_KINDS));
  });

  it('draws at least 10 resources for every stratum', () => {
    const short = STRATA.filter((stratum) => (counts.drawnFor.get(stratum) ?? 0) < 10);
    expect(short).toEqual([]);
  });

  it('judges at least 10 resources to cover each area the issue names, web servers as many as the data holds', () => {
    const areas: Stratum[] = ['databases', 'security', 'linux-server-admin', 'devops', 'cloud', 'apis', 'messaging', 'ml', 'soft-skills'];
    expect(areas.filter((stratum) => (counts.judged.get(stratum) ?? 0) < 10)).toEqual([]);
    // Only four resources in all of the data are about Nginx or the Apache web server (README.md).
    expect(counts.judged.get('web-servers')).toBeGreaterThanOrEqual(4);
    expect(counts.judged.get('no-skill-expected')).toBeGreaterThanOrEqual(50);
  });

  it('judges at least 3 resources for each database the article names', () => {
    const expectedCount = (slug: string) => judgements.filter((judgement) => judgement.expected.includes(slug)).length;
    const thin = ['postgresql', 'mysql', 'mongodb', 'redis', 'oracle', 'sql', 'nosql', 'data-modeling'].filter(
      (slug) => expectedCount(slug) < 3,
    );
    expect(thin).toEqual([]);
  });

  it('keeps the README tables true to the file', () => {
    expect(readme).toContain(`${counts.total} judgements`);
    for (const [sourceAndKind, count] of counts.bySourceAndKind) {
      const [source, kind] = sourceAndKind.split(' ');
      expect(readme).toContain(`| ${source} | ${kind} | ${count} |`);
    }
    for (const stratum of STRATA)
      expect(readme).toContain(`| ${stratum} | ${counts.drawnFor.get(stratum) ?? 0} | ${counts.judged.get(stratum) ?? 0} |`);
  });
});
