import { coverageShortfalls, CoverageShortfall, MIN_NON_EVENT_RESOURCES } from '../skill-coverage-target';

const counts = (resources: number, nonEventResources: number, freeNonEventResources: number, mentioned = false) => ({
  resources,
  nonEventResources,
  freeNonEventResources,
  mentioned,
});

describe('coverageShortfalls', () => {
  it('is empty at the target: 3 resources that are not events, one free', () => {
    expect(MIN_NON_EVENT_RESOURCES).toBe(3);
    expect(coverageShortfalls(counts(3, 3, 1))).toEqual([]);
    expect(coverageShortfalls(counts(40, 3, 1))).toEqual([]);
  });

  it('tells a content gap (no source names the skill) from a linking gap (a title names it, nothing links it)', () => {
    expect(coverageShortfalls(counts(0, 0, 0, false))).toEqual([CoverageShortfall.NO_SOURCE]);
    expect(coverageShortfalls(counts(0, 0, 0, true))).toEqual([CoverageShortfall.NO_RESOURCES]);
  });

  it('does not count events toward the target', () => {
    expect(coverageShortfalls(counts(700, 0, 0))).toEqual([CoverageShortfall.ONLY_EVENTS]);
  });

  it('reports both a count below three and no free resource, each when it applies', () => {
    expect(coverageShortfalls(counts(2, 2, 1))).toEqual([CoverageShortfall.FEWER_THAN_THREE]);
    expect(coverageShortfalls(counts(9, 1, 0))).toEqual([CoverageShortfall.FEWER_THAN_THREE, CoverageShortfall.NO_FREE_RESOURCE]);
    expect(coverageShortfalls(counts(3, 3, 0))).toEqual([CoverageShortfall.NO_FREE_RESOURCE]);
  });
});
