import type { Rejection } from '../src/modules/ingestion/ingestion.types';

/** Records of one source that were not turned into resources of their own, grouped by why. */
export interface SkippedRecords {
  reason: string;
  count: number;
}

/** A term that named no skill, and how many records carried it. */
export interface TermCount {
  term: string;
  count: number;
}

/** What the seed did to one collection, or with one feed's records. */
export interface SeedCounts {
  /** Records the seed wanted to write (taxonomy entries, or records read from a feed's files). */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Records not written as documents of their own, grouped by reason (merged duplicates, failed writes). */
  skipped: SkippedRecords[];
}

/** One feed's ingestion as the seed reports it; `read` counts every listing, merged ones too. */
export interface SourceSeedReport extends SeedCounts {
  feed: string;
  /** Records whose URL another feed's resource already had: listed as another source of it. */
  listed: number;
  /** The feed's resources its data no longer lists: retired. */
  retired: number;
  /** Records the normaliser or the writer refused, with why (also grouped in `skipped`). */
  rejected: Rejection[];
  /** Distinct resources the feed's records became (read minus merged duplicates). */
  resources: number;
  resourcesWithoutSkills: number;
  unmappedTerms: TermCount[];
}

export interface SeedReport {
  collections: {
    categories: SeedCounts;
    skills: SeedCounts;
    roles: SeedCounts;
    providers: SeedCounts;
    /** O*NET occupations the roles map to. */
    occupations: SeedCounts;
    /** O*NET technology rows that name a skill, in the roles' occupations. */
    skillTechnologies: SeedCounts;
    resources: SeedCounts;
  };
  /** Resource counts per feed (free-programming-books, awesome-for-beginners, confs-tech). */
  sources: SourceSeedReport[];
  /** Every unmapped term of every feed, most frequent first. */
  unmappedTerms: (TermCount & { feed: string })[];
  durationMs: number;
}

export function emptySeedCounts(read = 0): SeedCounts {
  return { read, created: 0, updated: 0, unchanged: 0, skipped: [] };
}

/** Adds `count` records skipped for `reason`, merging with an existing entry of the same reason. */
export function addSkipped(skipped: SkippedRecords[], reason: string, count = 1): void {
  if (count <= 0) return;
  const entry = skipped.find((candidate) => candidate.reason === reason);
  if (entry) entry.count += count;
  else skipped.push({ reason, count });
}

/** True when the run wrote nothing: what a second run over the same data must report. */
export function seedChangedNothing(report: SeedReport): boolean {
  return Object.values(report.collections).every((counts) => counts.created === 0 && counts.updated === 0);
}

function formatCounts(label: string, counts: SeedCounts): string {
  const skipped = counts.skipped.map((entry) => `\n      skipped ${entry.count}: ${entry.reason}`).join('');
  return `  ${label.padEnd(24)} read ${String(counts.read).padStart(5)}  created ${String(counts.created).padStart(5)}  updated ${String(counts.updated).padStart(5)}  unchanged ${String(counts.unchanged).padStart(5)}${skipped}`;
}

/** A plain-text summary for the command line: counts per collection and per feed, then unmapped terms. */
export function formatSeedReport(report: SeedReport, maxUnmappedTerms = 40): string {
  const lines = ['Collections:'];
  for (const [name, counts] of Object.entries(report.collections)) lines.push(formatCounts(name, counts));
  lines.push('Sources:');
  for (const source of report.sources) {
    lines.push(formatCounts(source.feed, source));
    lines.push(
      `      ${source.resources} resources, ${source.listed} listed as another source, ${source.retired} retired, ${source.rejected.length} rejected, ${source.resourcesWithoutSkills} without any skill, ${source.unmappedTerms.length} unmapped terms`,
    );
  }
  lines.push(`Unmapped terms (${report.unmappedTerms.length}, most frequent first):`);
  for (const entry of report.unmappedTerms.slice(0, maxUnmappedTerms))
    lines.push(`  ${String(entry.count).padStart(5)}  ${entry.term}  [${entry.feed}]`);
  if (report.unmappedTerms.length > maxUnmappedTerms) lines.push(`  … and ${report.unmappedTerms.length - maxUnmappedTerms} more`);
  lines.push(`Done in ${(report.durationMs / 1000).toFixed(1)} s${seedChangedNothing(report) ? ' (nothing changed)' : ''}.`);
  return lines.join('\n');
}
