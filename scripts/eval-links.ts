import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/core/project-root';
import { taxonomy } from '../seeds/taxonomy';
import { JUDGEMENT_FILE, JudgementFileError, parseJudgementFile } from './link-eval/judgement-file';
import { evaluateLinks } from './link-eval/link-evaluation';
import { formatLinkReport } from './link-eval/format-link-report';
import { currentPipelinePredictor, predictLinks, readEvaluatedFeeds } from './link-eval/predicted-links';
import { stratumOfSkill } from './link-eval/strata';

/**
 * `npm run eval:links [-- --judgements <file>] [-- --list-not-found] [-- --split A|B]`: how well the skills attached to
 * resources agree with the judged link set (tests/link-judgements/README.md). Parses the seed feeds and
 * the partner fixtures in memory through their adapters and the normaliser (no database), finds each
 * judged resource by URL and prints precision and recall overall, per source, per kind and per stratum,
 * next to issue 11's targets. `--split A` or `B` evaluates one half of the judged resources, split by a
 * stable hash of the URL: tune a rule on one half's misses, then check it holds on the other.
 *
 * Exit codes: 0 the evaluation ran (whether or not the targets are met), 2 the judgement file is
 * malformed (every problem is listed), 1 anything else went wrong.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fileArgument = args.indexOf('--judgements');
  const file = fileArgument >= 0 ? args[fileArgument + 1] : JUDGEMENT_FILE;
  if (!file) {
    console.error('eval-links: --judgements needs a file');
    process.exitCode = 2;
    return;
  }
  const skillSlugs = new Set(taxonomy.skills.map((skill) => skill.slug));
  let text: string;
  try {
    text = await readFile(path.resolve(PROJECT_ROOT, file), 'utf8');
  } catch (error) {
    console.error(`eval-links: cannot read ${file}: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
  if (split !== undefined && split !== 'A' && split !== 'B') {
    console.error('eval-links: --split needs A or B');
    process.exitCode = 2;
    return;
  }
  const judgements = parseJudgementFile(text, skillSlugs).filter((judgement) => split === undefined || halfOf(judgement.url) === split);
  const predictions = predictLinks(await readEvaluatedFeeds(), currentPipelinePredictor());
  const categoryBySlug = new Map(taxonomy.skills.map((skill) => [skill.slug, skill.category]));
  const evaluation = evaluateLinks(judgements, predictions, (slug) => stratumOfSkill({ slug, category: categoryBySlug.get(slug) ?? '' }));
  console.log(
    formatLinkReport(evaluation, {
      judged: judgements.length,
      file,
      listNotFound: args.includes('--list-not-found') ? Number.POSITIVE_INFINITY : 0,
    }),
  );
}

/** The half a judged resource falls in: the first byte of its URL's SHA-1, even or odd. */
function halfOf(url: string): 'A' | 'B' {
  return createHash('sha1').update(url).digest()[0] % 2 === 0 ? 'A' : 'B';
}

main().catch((error: unknown) => {
  if (error instanceof JudgementFileError) {
    console.error(`eval-links: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  console.error('eval-links failed:', error);
  process.exitCode = 1;
});
