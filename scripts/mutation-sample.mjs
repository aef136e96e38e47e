// @ts-check
/**
 * `npm run mutation:sample`: mutation testing of a random sample of the mutants `npm run mutation`
 * would test, for a machine that cannot spend the day on the full run (on two shared cores the full
 * run costs about 35 s a mutant: ~16 hours for the ~1,700 mutants of src/core/cache and the writer).
 *
 * It lists every mutant StrykerJS's instrumenter finds in the files stryker.config.mjs mutates, draws
 * whole source lines at random (seeded: MUTATION_SAMPLE_SEED, default 20261130) until the lines hold
 * MUTATION_SAMPLE_SHARE of the mutants (default 0.13), and runs Stryker on exactly those lines. The
 * score of the sample estimates the score of the whole with a margin this prints (95 %, normal
 * approximation); the report lists every mutant tested, so each survivor can be looked at.
 * Extra arguments go to Stryker (e.g. `-- --concurrency 2`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Instrumenter } from '@stryker-mutator/instrumenter';

const share = Number(process.env.MUTATION_SAMPLE_SHARE ?? 0.13);
const seed = Number(process.env.MUTATION_SAMPLE_SEED ?? 20261130);
if (!(share > 0 && share <= 1) || !Number.isInteger(seed))
  throw new Error('MUTATION_SAMPLE_SHARE must be in (0, 1] and MUTATION_SAMPLE_SEED an integer');

/** The files stryker.config.mjs mutates: src/core/cache/*.ts (not tests) and the ingestion writer. */
const CACHE_DIR = 'src/core/cache';
const files = [
  ...readdirSync(CACHE_DIR)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(CACHE_DIR, name)),
  'src/modules/ingestion/resource-writer.ts',
];

const quiet = () => undefined;
const logger = {
  isDebugEnabled: () => false,
  isTraceEnabled: () => false,
  isInfoEnabled: () => false,
  debug: quiet,
  trace: quiet,
  info: quiet,
  warn: console.warn,
  error: console.error,
  fatal: console.error,
};
const { mutants } = await new Instrumenter(/** @type {any} */ (logger)).instrument(
  files.map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true })),
  { plugins: null, excludedMutations: [], ignorers: [] },
);

/** Mutants per source line they start on ("file:line"), and where the last of them ends. */
const lines = new Map();
for (const mutant of mutants) {
  const key = `${mutant.fileName}:${mutant.location.start.line}`;
  const entry = lines.get(key) ?? { count: 0, end: mutant.location.end };
  entry.count += 1;
  const { end } = mutant.location;
  if (end.line > entry.end.line || (end.line === entry.end.line && end.column > entry.end.column)) entry.end = end;
  lines.set(key, entry);
}

// mulberry32: a small seeded generator, so a sample can be drawn again exactly.
let state = seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const shuffled = [...lines.keys()];
for (let index = shuffled.length - 1; index > 0; index -= 1) {
  const other = Math.floor(random() * (index + 1));
  [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
}
const chosen = [];
let sampled = 0;
for (const line of shuffled) {
  if (sampled >= share * mutants.length) break;
  chosen.push(line);
  sampled += lines.get(line).count;
}
chosen.sort();

console.log(
  `mutation sample: ${sampled} of ${mutants.length} mutants (${((100 * sampled) / mutants.length).toFixed(1)} %) on ${chosen.length} of ${lines.size} lines, seed ${seed}`,
);
console.log(
  'per file:',
  Object.fromEntries(
    files.map((file) => [file, chosen.filter((line) => line.startsWith(`${file}:`)).reduce((sum, line) => sum + lines.get(line).count, 0)]),
  ),
);
// From the start of the line to the end of the longest mutant that starts on it: a mutant spanning
// several lines (a removed block) is in the sample with its first line; mutants nested in it come too.
const ranges = chosen.map((line) => {
  const [file, number] = [line.slice(0, line.lastIndexOf(':')), line.slice(line.lastIndexOf(':') + 1)];
  const { end } = lines.get(line);
  return `${file}:${number}:0-${end.line}:${end.column + 1}`;
});
const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', '--mutate', ranges.join(','), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
console.log("The sample's score s estimates the whole score within ±1.96·√(s·(1−s)/n) (95 %), n = mutants tested (not ignored).");
process.exitCode = run.status ?? 1;
