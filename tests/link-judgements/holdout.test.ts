import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/core/project-root';
import { taxonomy } from '../../seeds/taxonomy';
import { JUDGED_KINDS, JUDGEMENT_FILE, judgementKeyOf, parseJudgementFile } from '../../scripts/link-eval/judgement-file';
import { countJudgements } from '../../scripts/link-eval/judgement-counts';
import { STRATA, stratumOfSkill, type Stratum } from '../../scripts/link-eval/strata';

/**
 * The held-out judged set (README.md, "The held-out set"): well formed, sharing no resource with the
 * set the matcher was tuned on, and as the README describes it.
 */
describe('the held-out judged link set', () => {
  const HOLDOUT_FILE = path.join(PROJECT_ROOT, 'tests', 'link-judgements', 'holdout-2026-12.json');
  const skillSlugs = new Set(taxonomy.skills.map((skill) => skill.slug));
  const categoryBySlug = new Map(taxonomy.skills.map((skill) => [skill.slug, skill.category]));
  const stratumOf = (slug: string): Stratum => stratumOfSkill({ slug, category: categoryBySlug.get(slug) ?? '' });
  const read = (file: string) => parseJudgementFile(readFileSync(file, 'utf8'), skillSlugs);
  const heldOut = read(HOLDOUT_FILE);
  const readme = readFileSync(path.join(PROJECT_ROOT, 'tests', 'link-judgements', 'README.md'), 'utf8').replace(/ +/g, ' ');
  const section = readme.slice(readme.indexOf('## The held-out set'));

  it('shares no resource with the tuning set', () => {
    const tuning = new Set(read(path.join(PROJECT_ROOT, JUDGEMENT_FILE)).map(judgementKeyOf));
    expect(heldOut.filter((judgement) => tuning.has(judgementKeyOf(judgement))).map((judgement) => judgement.title)).toEqual([]);
  });

  it('covers the four sampled sources and every kind, with resources judged to teach no skill', () => {
    expect(new Set(heldOut.map((judgement) => judgement.source))).toEqual(
      new Set(['free-programming-books', 'ossu', 'confs-tech', 'awesome-for-beginners']),
    );
    expect(new Set(heldOut.map((judgement) => judgement.kind))).toEqual(new Set(JUDGED_KINDS));
    expect(heldOut.filter((judgement) => judgement.expected.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it('keeps the README section true to the file', () => {
    const counts = countJudgements(heldOut, stratumOf);
    expect(section).toContain(`holds ${counts.total} other resources`);
    for (const [sourceAndKind, count] of counts.bySourceAndKind) {
      const [source, kind] = sourceAndKind.split(' ');
      expect(section).toContain(`| ${source} | ${kind} | ${count} |`);
    }
    for (const stratum of STRATA)
      expect(section).toContain(`| ${stratum} | ${counts.drawnFor.get(stratum) ?? 0} | ${counts.judged.get(stratum) ?? 0} |`);
  });
});
