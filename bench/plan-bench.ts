import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { CacheMetrics } from '../src/core/cache/cache-metrics';
import type { CacheStore } from '../src/core/cache/cache-store';
import { MemoryCacheStore } from '../src/core/cache/memory-cache-store';
import { RedisCacheStore } from '../src/core/cache/redis-cache-store';
import { createLogger } from '../src/core/logger';
import { connectMongo, databaseCommandCounter } from '../src/core/mongo';
import { PROJECT_ROOT } from '../src/core/project-root';
import { LearningPlanService, type LearningPlanView, type SkillGapView } from '../src/modules/learning-plan/learning-plan.service';
import { readPlanSkills } from '../src/modules/learning-plan/plan-catalogue';
import { PlanCache } from '../src/modules/learning-plan/plan-cache';
import type { LearningPlanInput } from '../src/modules/learning-plan/plan-input';
import { skillsToConsider } from '../src/modules/learning-plan/plan-targets';
import { skillGap } from '../src/modules/learning-plan/skill-gap';
import { ResourceService } from '../src/modules/resource/resource.service';
import { requirementsOf } from '../src/modules/role/role-requirements';
import { RoleModel, type RoleDocument } from '../src/modules/role/role.model';
import { Level } from '../src/modules/shared-enums';
import { positiveInteger } from './bench-settings';
import { generateCatalog } from './generate-catalog';

/**
 * `npm run bench:plans`: learning plans, skill gaps and roadmaps for the largest seeded role over a
 * generated catalogue (bench/generate-catalog.ts, with `pricing`), each compared with
 * `resources(first: 20)` measured in the same run, written to bench/PLANS-REPORT.md.
 *
 * Needs MONGODB_URI (two fresh databases are created on it and dropped afterwards); REDIS_URL, when set,
 * adds a warm plan served from Redis next to the one served from the in-process store.
 * BENCH_PLANS_RESOURCES (default 100000) sizes the measured catalogue; BENCH_PLANS_SMALL (default 10000)
 * a second one, timed the same way, whose round trips show that they do not grow with the catalogue.
 * BENCH_PLANS_RUNS (default 20) rounds, each timing every scenario once, after one warm-up.
 * Services are called directly, cold figures with no plan cache (`new LearningPlanService()`).
 */

/** How big an answer is, so that a reader sees the plan is real. */
type Size = string;

interface Scenario {
  name: string;
  run: () => Promise<unknown>;
  size: (result: unknown) => Size;
}

interface Row {
  name: string;
  median: number;
  p95: number;
  roundTrips: number;
  size: Size;
}

interface Measurement {
  count: number;
  generationSeconds: number;
  role: LargestRole;
  rows: Row[];
}

interface LargestRole {
  slug: string;
  title: string;
  /** Options of its REQUIRED requirements. */
  requiredOptions: number;
  /** Skills an unconstrained plan from scratch reads candidates for: those options and their prerequisite closure. */
  consideredSkills: number;
  /** The same with the additional skills (what a roadmap reads). */
  consideredWithAdditional: number;
  /** Two of its required skills, as a learner who knows them would give them. */
  knownSlugs: [string, string];
}

const noSize = (): Size => '';

function planSize(result: unknown): Size {
  const { plan } = result as LearningPlanView;
  const errors = plan.userErrors.length ? `, ${plan.userErrors.map((error) => error.constraint).join('+')} error` : '';
  return (
    `${plan.steps.length} steps, ${Math.round(plan.totals.hours)} h, ${plan.totals.weeks} weeks` +
    `${plan.unplanned.length ? `, ${plan.unplanned.length} unplanned` : ''}${errors}`
  );
}

function gapSize(result: unknown): Size {
  const { gap, bestResources } = result as SkillGapView;
  const options = gap.requirements.flatMap((requirement) => requirement.options);
  const gaps = options.filter((option) => option.status !== 'MET').length;
  const resources = Object.values(bestResources).reduce((sum, list) => sum + list.length, 0);
  return `${gaps} of ${options.length} options to learn, readiness ${gap.readiness}, ${resources} resources`;
}

/**
 * The seeded role whose plan reads the most: the most REQUIRED options plus the REQUIRED prerequisites
 * they bring in (what an unconstrained plan from scratch asks candidates for), then with additional skills.
 */
async function largestRole(): Promise<LargestRole> {
  const skills = await readPlanSkills();
  const roles = await RoleModel.find({}, { slug: 1, title: 1, requiredSkills: 1, additionalSkills: 1, requirementGroups: 1 })
    .sort({ slug: 1 })
    .lean<RoleDocument[]>()
    .exec();
  const sized = roles.map((role) => {
    const requirements = requirementsOf(role);
    const gap = skillGap(requirements, new Map());
    const required = requirements.filter((requirement) => requirement.kind === 'REQUIRED').flatMap((requirement) => requirement.options);
    return {
      role,
      required,
      considered: skillsToConsider(gap, skills, new Map(), false).length,
      withAdditional: skillsToConsider(gap, skills, new Map(), true).length,
    };
  });
  sized.sort((left, right) => right.considered - left.considered || right.withAdditional - left.withAdditional);
  const largest = sized[0];
  if (!largest || largest.required.length < 2) throw new Error('the seeded taxonomy has no role with two required skills');
  const [first, second] = largest.required.map((option) => skills.get(String(option.skillId))?.slug ?? String(option.skillId));
  return {
    slug: largest.role.slug,
    title: largest.role.title,
    requiredOptions: largest.required.length,
    consideredSkills: largest.considered,
    consideredWithAdditional: largest.withAdditional,
    knownSlugs: [first, second],
  };
}

function scenariosFor(role: LargestRole, warm: Array<{ name: string; service: LearningPlanService }>): Scenario[] {
  const resources = new ResourceService();
  // No cache: every call reads the catalogue.
  const cold = new LearningPlanService();
  const unconstrained: LearningPlanInput = { role: role.slug };
  const known = role.knownSlugs.map((skill) => ({ skill, level: Level.INTERMEDIATE }));
  return [
    { name: 'baseline: resources(first: 20)', run: () => resources.list({ first: 20 }), size: noSize },
    { name: 'learningPlan, no constraints', run: () => cold.learningPlan(unconstrained), size: planSize },
    {
      name: 'learningPlan, freeOnly + 6 h/week + 12 weeks + en',
      run: () => cold.learningPlan({ role: role.slug, freeOnly: true, hoursPerWeek: 6, weeks: 12, languages: ['en'] }),
      size: planSize,
    },
    {
      name: 'learningPlan, 300 USD + 8 h/week + additional skills',
      run: () =>
        cold.learningPlan({ role: role.slug, budget: { amount: 300, currency: 'USD' }, hoursPerWeek: 8, includeAdditionalSkills: true }),
      size: planSize,
    },
    { name: `skillGap (knows ${role.knownSlugs.join(', ')})`, run: () => cold.skillGap(role.slug, known), size: gapSize },
    { name: 'roadmap', run: () => cold.roadmap(role.slug), size: planSize },
    ...warm.map(({ name, service }) => ({ name, run: () => service.learningPlan(unconstrained), size: planSize })),
  ];
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Warm plan caches: the in-process store, and Redis when REDIS_URL is set. Closed by `close`. */
async function warmServices(): Promise<{ services: Array<{ name: string; service: LearningPlanService }>; close: () => Promise<void> }> {
  const metrics = new CacheMetrics();
  const stores: Array<{ name: string; store: CacheStore }> = [
    { name: 'learningPlan, no constraints, warm (memory store)', store: new MemoryCacheStore({ metrics }) },
  ];
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl) {
    // A namespace of its own: nothing of another process's cache is read or purged.
    const redis = new RedisCacheStore({
      url: redisUrl,
      namespace: `{bench-plans-${Date.now().toString(36)}:v1}:`,
      logger: createLogger('warn'),
      metrics,
    });
    await redis.connect();
    stores.push({ name: 'learningPlan, no constraints, warm (Redis store)', store: redis });
  }
  return {
    services: stores.map(({ name, store }) => ({ name, service: new LearningPlanService(new PlanCache(store, metrics)) })),
    close: async () => {
      for (const { store } of stores) await store.close();
    },
  };
}

/** Generates `count` resources in a fresh database on `uri`, times every scenario `runs` times, drops the database. */
async function measure(uri: string, count: number, runs: number): Promise<Measurement> {
  const target = new URL(uri);
  target.pathname = `/bench_plans_${count}_${Date.now().toString(36)}`;
  await connectMongo(target.toString(), createLogger('warn'));
  const warm = await warmServices();
  try {
    const generated = await generateCatalog(count, {
      pricing: true,
      onProgress: (written) => written % 20_000 === 0 && console.log(`generated ${written} resources`),
    });
    console.log(`catalogue of ${count} resources generated in ${(generated.durationMs / 1000).toFixed(1)} s`);
    const role = await largestRole();
    console.log(
      `largest role: ${role.slug} (${role.requiredOptions} required options, ${role.consideredSkills} skills with prerequisites, ` +
        `${role.consideredWithAdditional} with additional skills)`,
    );
    const scenarios = scenariosFor(role, warm.services);
    // The warm-up also fills the warm caches.
    const sizes: Size[] = [];
    for (const scenario of scenarios) sizes.push(scenario.size(await scenario.run()));
    // Rounds, each running every scenario once: the baseline and the plans meet the same moments of a
    // shared machine (and of the database server's garbage collector), so their ratio holds.
    const timings = scenarios.map((): number[] => []);
    const roundTrips = scenarios.map(() => 0);
    for (let run = 0; run < runs; run += 1) {
      for (const [index, scenario] of scenarios.entries()) {
        const before = databaseCommandCounter.count;
        const startedAt = process.hrtime.bigint();
        await scenario.run();
        timings[index].push(Number(process.hrtime.bigint() - startedAt) / 1e6);
        roundTrips[index] = Math.max(roundTrips[index], databaseCommandCounter.count - before);
      }
      console.log(`${count}: round ${run + 1}/${runs} done`);
    }
    const rows = scenarios.map((scenario, index) => {
      const sorted = [...timings[index]].sort((left, right) => left - right);
      const row = {
        name: scenario.name,
        median: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        roundTrips: roundTrips[index],
        size: sizes[index],
      };
      console.log(
        `${count}: ${row.name}: median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, ${row.roundTrips} round trips; ${row.size}`,
      );
      return row;
    });
    return { count, generationSeconds: generated.durationMs / 1000, role, rows };
  } finally {
    await warm.close();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  }
}

const REPORT_FILE = path.join(PROJECT_ROOT, 'bench', 'PLANS-REPORT.md');
/** The report's hand-written part starts at this line; the bench regenerates what is above it and keeps the rest. */
const NOTES_MARKER = '<!-- hand-written notes below: npm run bench:plans keeps them -->';
/** The issue's targets: round trips per plan, and p95 as a multiple of the baseline's. */
const MAX_ROUND_TRIPS = 6;
const TARGET_P95_RATIO = 3;

function handWrittenNotes(): string {
  const previous = existsSync(REPORT_FILE) ? readFileSync(REPORT_FILE, 'utf8') : '';
  const start = previous.indexOf(NOTES_MARKER);
  return start === -1 ? `\n${NOTES_MARKER}\n` : `\n${previous.slice(start)}`;
}

function report(large: Measurement, small: Measurement, runs: number, host: string): string {
  const baseline = large.rows[0];
  const smallBaseline = small.rows[0];
  const cold = large.rows.slice(1).filter((row) => !row.name.includes('warm'));
  const over = cold.filter((row) => row.p95 / baseline.p95 > TARGET_P95_RATIO);
  const growing = large.rows.filter((row, index) => row.roundTrips !== small.rows[index]?.roundTrips);
  const tooMany = large.rows.filter((row) => row.roundTrips > MAX_ROUND_TRIPS);
  const role = large.role;
  const counted = (value: number) => value.toLocaleString('en');
  return [
    '# Learning plans benchmark',
    '',
    `Generated by \`npm run bench:plans\` (bench/plan-bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${counted(large.count)} generated resources ` +
      `(bench/generate-catalog.ts with \`pricing\`, deterministic; generated in ${large.generationSeconds.toFixed(0)} s), and ${counted(small.count)} in a second database ` +
      `for the round trips, ${runs} rounds after one warm-up, each timing every scenario once in turn; services called directly (no HTTP, no GraphQL).`,
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}; MongoDB server at ${host}.`,
    '',
    `The role is the seeded role whose plan reads the most: **${role.title}** (\`${role.slug}\`), ${role.requiredOptions} options in its REQUIRED ` +
      `requirements, ${role.consideredSkills} skills once their REQUIRED prerequisites are added (what a plan from scratch reads candidates for), ` +
      `${role.consideredWithAdditional} with its additional skills (roadmap, \`includeAdditionalSkills\`). skillGap's learner knows ` +
      `${role.knownSlugs.map((slug) => `\`${slug}\``).join(' and ')} at INTERMEDIATE.`,
    'Cold scenarios use `new LearningPlanService()` (no plan cache: every call reads the catalogue); the warm ones a `PlanCache` over the store named, filled by the warm-up.',
    '',
    'Latency is a ratio to `resources(first: 20)` measured in the same run (docs/DESIGN.md §5): "median ×" is median / baseline median, "p95 ×" is p95 / baseline p95.',
    `p95 is the nearest-rank percentile of the ${runs} rounds${runs < 20 ? ': with fewer than 20 rounds that is the slowest run' : ''}. ` +
      `Round trips are the most MongoDB commands one call sent in any round, at ${counted(large.count)} and at ${counted(small.count)} resources.`,
    '',
    `Targets (issue 12, item 6): round trips constant in the catalogue's size and at most ${MAX_ROUND_TRIPS}: ` +
      `${growing.length === 0 && tooMany.length === 0 ? '**met**' : `**not met** (${[...growing, ...tooMany].map((row) => row.name).join('; ')})`}. ` +
      `p95 ≤ ${TARGET_P95_RATIO}× the baseline for every cold plan: ` +
      `${over.length === 0 ? '**met**' : `**not met** for ${over.length} of ${cold.length} (${over.map((row) => `${row.name}: ${(row.p95 / baseline.p95).toFixed(1)}×`).join('; ')})`}.`,
    '',
    `| scenario | median ms | p95 ms | median × | p95 × | round trips (${counted(large.count)}) | round trips (${counted(small.count)}) | median ms (${counted(small.count)}) | answer |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...large.rows.map((row, index) => {
      const smallRow = small.rows[index];
      return (
        `| ${row.name} | ${row.median.toFixed(1)} | ${row.p95.toFixed(1)} | ${(row.median / baseline.median).toFixed(1)} | ` +
        `${(row.p95 / baseline.p95).toFixed(1)} | ${row.roundTrips} | ${smallRow?.roundTrips ?? '–'} | ${smallRow ? smallRow.median.toFixed(1) : '–'} | ${row.size} |`
      );
    }),
    '',
    `At ${counted(small.count)} resources the baseline's median was ${smallBaseline.median.toFixed(1)} ms` +
      `${small.role.slug === role.slug ? '' : ` (largest role there: ${small.role.slug})`}; the plans' answers there:`,
    ...small.rows.slice(1).map((row) => `- ${row.name}: ${row.size}`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is required: the bench creates fresh databases on it.');
  const count = positiveInteger('BENCH_PLANS_RESOURCES', 100_000);
  const smallCount = positiveInteger('BENCH_PLANS_SMALL', 10_000);
  const runs = positiveInteger('BENCH_PLANS_RUNS', 20);
  // The small catalogue first: a mistake shows in seconds, not after the large one is generated.
  const small = await measure(uri, smallCount, runs);
  const large = await measure(uri, count, runs);
  writeFileSync(REPORT_FILE, report(large, small, runs, new URL(uri).host) + handWrittenNotes());
  console.log('wrote bench/PLANS-REPORT.md');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
