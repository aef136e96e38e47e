import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** The page of 50 resources every profile and `npm run bench`'s page50 scenario ask for. */
export const RESOURCE_PAGE_QUERY = `query ResourcePage { resources(first: 50) { edges { node { __typename id title url provider { name } skills { level skill { name category { name } } } } } } }`;

/** `npm run bench`'s role scenario. */
export const ROLE_QUERY = `query RoleWithResources { role(slug: "backend-software-engineer") { title requiredSkills { level weight skill { name resources(first: 3) { edges { node { __typename title url } } } } } } }`;

/** `npm run bench`'s taxonomy scenario. */
export const TAXONOMY_QUERY = `query Taxonomy { categories { __typename name tier skills { name slug } } }`;

/** A search with its total, as a search page asks for it (cold-profile only). */
export const SEARCH_QUERY = `query Search { search(query: "python web", first: 20) { totalCount edges { score node { __typename title url } } } }`;

/** The bench's scenarios by name, for the profiles' BENCH_SCENARIO. */
export const SCENARIO_QUERIES: Record<string, string> = {
  page50: RESOURCE_PAGE_QUERY,
  role: ROLE_QUERY,
  taxonomy: TAXONOMY_QUERY,
  search: SEARCH_QUERY,
};

/** CPU of this process so far (user + system, every thread), in milliseconds. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * A V8 CPU profile of this process while `work` runs (the profiler of `node --cpu-prof`, started and
 * stopped around it), sampled every `intervalMicros`; written to BENCH_PROFILE when set.
 */
export async function cpuProfileOf(work: () => Promise<unknown>, intervalMicros: number): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
  await session.post('Profiler.start');
  await work();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  if (process.env.BENCH_PROFILE) writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
  return profile;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The package a profile frame belongs to: the innermost node_modules package, ours, Node's internals or V8's own entries. */
function packageOf(callFrame: ProfileNode['callFrame']): string {
  const { functionName, url } = callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  if (url.startsWith('node:')) return 'Node internals';
  return /\/(src|bench|seeds)\//.test(url) ? 'ours' : url;
}

/**
 * Self time per function (name + file:line) and per package, largest first, as Markdown tables; shares
 * are of the busy samples (the profiler's "(idle)" samples, the process waiting, are left out).
 */
export function topSelfTime(profile: CpuProfile, top: number): string {
  const hitsById = new Map<number, number>();
  for (const id of profile.samples ?? []) hitsById.set(id, (hitsById.get(id) ?? 0) + 1);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const hits = hitsById.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)') continue;
    busy += hits;
    const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|bench|seeds)\//, '$1/') || '(native)';
    const key = `${functionName || '(anonymous)'} | ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
    const owner = packageOf(node.callFrame);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + hits);
  }
  const share = (hits: number) => `${((100 * hits) / busy).toFixed(1)}%`;
  const largest = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `${busy} busy samples.`,
    '',
    '| self | function | where |',
    '| ---: | --- | --- |',
    ...largest(byFunction).map(([key, hits]) => `| ${share(hits)} | ${key} |`),
    '',
    '| self | package |',
    '| ---: | --- |',
    ...largest(byPackage).map(([owner, hits]) => `| ${share(hits)} | ${owner} |`),
  ].join('\n');
}
