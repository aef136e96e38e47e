import { addSkipped, emptySeedCounts, formatSeedReport, seedChangedNothing, type SeedReport } from '../seed-report';

function report(overrides: Partial<SeedReport['collections']> = {}): SeedReport {
  return {
    collections: {
      categories: emptySeedCounts(20),
      skills: emptySeedCounts(103),
      roles: emptySeedCounts(5),
      providers: emptySeedCounts(71),
      occupations: emptySeedCounts(12),
      skillTechnologies: emptySeedCounts(400),
      resources: emptySeedCounts(7571),
      ...overrides,
    },
    sources: [
      {
        feed: 'confs-tech',
        ...emptySeedCounts(6831),
        unchanged: 5999,
        listed: 0,
        retired: 0,
        rejected: [],
        skipped: [{ reason: 'merged', count: 832 }],
        resources: 5999,
        resourcesWithoutSkills: 3,
        unmappedTerms: [{ term: 'ux', count: 447 }],
      },
    ],
    unmappedTerms: [{ term: 'ux', count: 447, feed: 'confs-tech' }],
    durationMs: 1234,
  };
}

describe('seed report', () => {
  it('seedChangedNothing is true only when no collection had creations or updates', () => {
    expect(seedChangedNothing(report())).toBe(true);
    expect(seedChangedNothing(report({ skills: { ...emptySeedCounts(103), updated: 1 } }))).toBe(false);
  });

  it('addSkipped merges entries with the same reason and ignores zero counts', () => {
    const skipped = [{ reason: 'a', count: 1 }];
    addSkipped(skipped, 'a', 2);
    addSkipped(skipped, 'b');
    addSkipped(skipped, 'c', 0);
    expect(skipped).toEqual([
      { reason: 'a', count: 3 },
      { reason: 'b', count: 1 },
    ]);
  });

  it('formats counts per collection and per source, then unmapped terms', () => {
    const text = formatSeedReport(report());
    expect(text).toContain('resources                read  7571  created     0  updated     0  unchanged     0');
    expect(text).toContain('confs-tech               read  6831');
    expect(text).toContain('skipped 832: merged');
    expect(text).toContain('  447  ux  [confs-tech]');
    expect(text).toContain('(nothing changed)');
  });
});
