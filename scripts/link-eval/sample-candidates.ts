import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { PROJECT_ROOT } from '../../src/core/project-root';
import { taxonomy } from '../../seeds/taxonomy';
import { readCandidatePool, type Candidate } from './candidate-pool';
import { suggestedStratum, type Stratum } from './strata';
import { seededRandom } from '../../src/core/seeded-random';
import { judgementKeyOf, readJudgements } from './judgement-file';

/**
 * How the judged link set was drawn (tests/link-judgements/README.md): a seeded shuffle of every
 * candidate, then the first ones of each sampling frame and suggested stratum up to its quota. The
 * judge then reads each drawn resource and writes its judgement by hand; this script predicts no skill.
 *
 *   npx tsx scripts/link-eval/sample-candidates.ts seeds/data out.json
 *     [--seed N] [--exclude judgements.json …] [--scale F]
 *
 * A held-out set is drawn with another seed, excluding every resource an earlier judgement file holds
 * (by `judgementKeyOf`), with every quota scaled by F to draw a smaller set of the same shape.
 */

const SEED = 20261206;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/** The sampling frame of a candidate: its source, and for the big lists the part of it. */
function frameOf(candidate: Candidate): string {
  if (candidate.source === 'free-programming-books') {
    const [part, suffix] = [candidate.group.split('-')[0], candidate.group.split('-').slice(1).join('-')];
    const english = suffix === 'en' || suffix === 'langs' || suffix === 'subjects';
    return `fpb-${part}-${english ? 'en' : 'other'}`;
  }
  if (candidate.source === 'confs-tech') return `confs-tech:${candidate.group}`;
  return candidate.source;
}

const TOPICAL: Partial<Record<Stratum, number>> = {
  messaging: 3,
  'web-servers': 4,
  databases: 10,
  security: 8,
  'linux-server-admin': 6,
  devops: 8,
  cloud: 6,
  apis: 5,
  ml: 8,
  'soft-skills': 5,
  'general-programming': 16,
};
const scaled = (factor: number): Partial<Record<Stratum, number>> =>
  Object.fromEntries(Object.entries(TOPICAL).map(([stratum, count]) => [stratum, Math.max(1, Math.round(count * factor))]));

/** Quotas by frame; `*` takes that many of the frame whatever their stratum. */
const QUOTAS: Record<string, Partial<Record<Stratum | '*', number>>> = {
  'fpb-courses-en': scaled(1.2),
  'fpb-books-en': scaled(1),
  'fpb-books-other': { '*': 14 },
  'fpb-courses-other': { databases: 4, security: 3, devops: 3, ml: 3, 'general-programming': 8 },
  'fpb-interactive-en': { '*': 14 },
  ossu: { '*': 34 },
  'awesome-for-beginners': { '*': 55 },
  coursera: { '*': 100 },
  udemy: { '*': 100 },
  edx: { '*': 100 },
  github: { '*': 100 },
  'confs-tech:devops': { '*': 12 },
  'confs-tech:security': { '*': 10 },
  'confs-tech:api': { '*': 6 },
  'confs-tech:graphql': { '*': 3 },
  'confs-tech:data': { '*': 10 },
  'confs-tech:networking': { '*': 8 },
  'confs-tech:ux': { '*': 8 },
  'confs-tech:accessibility': { '*': 4 },
  'confs-tech:product': { '*': 4 },
  'confs-tech:general': { '*': 8 },
  'confs-tech:leadership': { '*': 6 },
  'confs-tech:tech-comm': { '*': 4 },
  'confs-tech:sre': { '*': 4 },
  'confs-tech:performance': { '*': 4 },
  'confs-tech:iot': { '*': 3 },
  'confs-tech:javascript': { '*': 4 },
  'confs-tech:python': { '*': 3 },
  'confs-tech:identity': { '*': 3 },
  'confs-tech:opensource': { '*': 3 },
  'confs-tech:testing': { '*': 3 },
  'confs-tech:java': { '*': 2 },
  'confs-tech:dotnet': { '*': 2 },
};

/**
 * After the quotas, strata still short of these totals are topped up from the English
 * free-programming-books lists and OSSU (the same shuffled order), so that thin areas (web servers,
 * messaging) have enough judged links to say something.
 */
const STRATUM_MINIMUMS: Partial<Record<Stratum, number>> = {
  messaging: 14,
  'web-servers': 14,
  'linux-server-admin': 18,
  apis: 22,
  cloud: 22,
  'soft-skills': 26,
  security: 45,
  databases: 45,
  devops: 45,
  ml: 40,
};
const TOP_UP_FRAMES = new Set(['fpb-courses-en', 'fpb-books-en', 'fpb-interactive-en', 'ossu']);
/** So rare in English that they are topped up from every frame (other languages, events). */
const SCARCE_STRATA = new Set<Stratum>(['messaging', 'web-servers']);

/**
 * Last, a few resources whose own words name a skill the article asks for and the draw above left
 * thin (Oracle, security auditing, semi-supervised learning, soft skills…), from any frame.
 */
const NAMED_SKILL_TOP_UPS: ReadonlyArray<{ pattern: RegExp; count: number }> = [
  { pattern: /\bpostgres/i, count: 4 },
  { pattern: /\boracle\b|pl\/sql/i, count: 5 },
  { pattern: /\baudit|\bcompliance\b|iso 27001|soc 2/i, count: 6 },
  { pattern: /semi-supervised|self-training|weak supervision/i, count: 4 },
  { pattern: /\boauth|\bjwt\b|openid|authentication/i, count: 6 },
  { pattern: /soft skills|communicat|technical writing|teamwork|problem solving|public speaking|presentation skills/i, count: 14 },
  { pattern: /nginx|apache http|httpd|web servers?\b|load balanc|haproxy|reverse proxy/i, count: 8 },
  { pattern: /data model|database design|schema design|normali[sz]ation/i, count: 6 },
  { pattern: /infrastructure as code|pulumi|cloudformation|\bpuppet\b/i, count: 5 },
  { pattern: /ethical hacking|pentest|penetration test|\bctf\b|bug bount/i, count: 4 },
];

/** confs.tech topics drawn to test precision: their events mostly teach no skill of the taxonomy. */
const PRECISION_FRAMES = new Set(
  ['ux', 'accessibility', 'product', 'general', 'networking', 'leadership', 'iot', 'data', 'opensource'].map(
    (topic) => `confs-tech:${topic}`,
  ),
);

/** The stratum a candidate is drawn for: its words', or `no-skill-expected` for a precision frame's event they place nowhere. */
function drawnStratumOf(candidate: Candidate, frame: string): Stratum {
  const stratum = suggestedStratum([candidate.title, ...candidate.context, candidate.description].join(' '));
  return stratum === 'general-programming' && PRECISION_FRAMES.has(frame) ? 'no-skill-expected' : stratum;
}

export interface DrawnCandidate extends Candidate {
  frame: string;
  suggestedStratum: Stratum;
}

export interface DrawOptions {
  /** `judgementKeyOf` keys of resources already judged: never drawn again. */
  exclude?: ReadonlySet<string>;
  /** Every quota, minimum and top-up count times this (rounded, at least 1): a smaller draw of the same shape. */
  scale?: number;
}

/** The draw: one seeded shuffle, then quotas by frame and suggested stratum; each URL (and event start) once. */
export function drawSample(pool: readonly Candidate[], seed = SEED, options: DrawOptions = {}): DrawnCandidate[] {
  const taken = new Map<string, number>();
  const seen = new Set<string>();
  const drawn: DrawnCandidate[] = [];
  const scale = options.scale ?? 1;
  const scaledCount = (count: number) => (scale === 1 || count === 0 ? count : Math.max(1, Math.round(count * scale)));
  const excluded = options.exclude ?? new Set<string>();
  const order = shuffled(pool, seededRandom(seed)).filter((candidate) => !excluded.has(judgementKeyOf(candidate)));
  for (const candidate of order) {
    const frame = frameOf(candidate);
    const quota = QUOTAS[frame];
    if (!quota) continue;
    const key = `${candidate.url}@${candidate.startDate ?? ''}`;
    if (seen.has(key)) continue;
    const stratum = drawnStratumOf(candidate, frame);
    const bucket = quota['*'] !== undefined ? `${frame}/*` : `${frame}/${stratum}`;
    const limit = scaledCount(quota['*'] ?? quota[stratum] ?? 0);
    if ((taken.get(bucket) ?? 0) >= limit) continue;
    taken.set(bucket, (taken.get(bucket) ?? 0) + 1);
    seen.add(key);
    drawn.push({ ...candidate, frame, suggestedStratum: stratum });
  }
  const perStratum = new Map<Stratum, number>();
  for (const candidate of drawn) perStratum.set(candidate.suggestedStratum, (perStratum.get(candidate.suggestedStratum) ?? 0) + 1);
  for (const candidate of order) {
    const frame = frameOf(candidate);
    const key = `${candidate.url}@${candidate.startDate ?? ''}`;
    if (seen.has(key)) continue;
    const stratum = drawnStratumOf(candidate, frame);
    if (!TOP_UP_FRAMES.has(frame) && !SCARCE_STRATA.has(stratum)) continue;
    if ((perStratum.get(stratum) ?? 0) >= scaledCount(STRATUM_MINIMUMS[stratum] ?? 0)) continue;
    perStratum.set(stratum, (perStratum.get(stratum) ?? 0) + 1);
    seen.add(key);
    drawn.push({ ...candidate, frame, suggestedStratum: stratum });
  }
  for (const topUp of NAMED_SKILL_TOP_UPS) {
    let added = 0;
    for (const candidate of order) {
      if (added >= scaledCount(topUp.count)) break;
      const key = `${candidate.url}@${candidate.startDate ?? ''}`;
      if (seen.has(key) || !QUOTAS[frameOf(candidate)] || !topUp.pattern.test([candidate.title, ...candidate.context].join(' '))) continue;
      added += 1;
      seen.add(key);
      drawn.push({
        ...candidate,
        frame: frameOf(candidate),
        suggestedStratum: drawnStratumOf(candidate, frameOf(candidate)),
      });
    }
  }
  return drawn.sort((left, right) => left.frame.localeCompare(right.frame) || left.suggestedStratum.localeCompare(right.suggestedStratum));
}

/** The value after `--name`, for each time it is given. */
function optionValues(args: readonly string[], name: string): string[] {
  return args.flatMap((arg, index) => (arg === name && index + 1 < args.length ? [args[index + 1]] : []));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const optionNames = new Set(['--seed', '--exclude', '--scale']);
  const [dataRoot, output] = args.filter((arg, index) => !arg.startsWith('--') && !optionNames.has(args[index - 1]));
  const seed = Number(optionValues(args, '--seed')[0] ?? SEED);
  const scale = Number(optionValues(args, '--scale')[0] ?? 1);
  if (!dataRoot || !output || !Number.isInteger(seed) || !(scale > 0)) {
    console.error(
      'usage: tsx scripts/link-eval/sample-candidates.ts <data root, e.g. seeds/data> <output.json> [--seed N] [--exclude judgements.json …] [--scale F]',
    );
    process.exitCode = 2;
    return;
  }
  const skillSlugs = new Set(taxonomy.skills.map((skill) => skill.slug));
  const exclude = new Set<string>();
  for (const file of optionValues(args, '--exclude'))
    for (const judgement of readJudgements(JSON.parse(await readFile(file, 'utf8')), skillSlugs)) exclude.add(judgementKeyOf(judgement));
  const pool = await readCandidatePool(dataRoot, path.join(PROJECT_ROOT, 'tests', 'fixtures', 'feeds'));
  const drawn = drawSample(pool, seed, { exclude, scale });
  await writeFile(output, `${JSON.stringify(drawn, null, 1)}\n`);
  console.log(`pool ${pool.length} candidates, ${exclude.size} excluded; seed ${seed}, scale ${scale}; drew ${drawn.length}`);
}

if (require.main === module) void main();
