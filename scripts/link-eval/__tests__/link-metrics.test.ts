import { linkOutcomes, NO_LINKS, precisionOf, recallOf, tally } from '../link-metrics';

describe('link outcomes of one judged resource', () => {
  const judgement = { expected: ['postgresql', 'sql'], acceptable: ['database-management'] };

  it('sorts every expected and predicted skill into one outcome', () => {
    expect(linkOutcomes(judgement, ['postgresql', 'database-management', 'kubernetes'])).toEqual([
      { slug: 'postgresql', outcome: 'TRUE_POSITIVE' },
      { slug: 'sql', outcome: 'FALSE_NEGATIVE' },
      { slug: 'database-management', outcome: 'ACCEPTABLE' },
      { slug: 'kubernetes', outcome: 'FALSE_POSITIVE' },
    ]);
  });

  it('counts a skill predicted twice once', () => {
    expect(tally(linkOutcomes(judgement, ['sql', 'sql', 'redis', 'redis']))).toEqual({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      acceptable: 0,
    });
  });

  it('gives every expected skill as a false negative when nothing is predicted', () => {
    expect(tally(linkOutcomes(judgement, []))).toEqual({ truePositives: 0, falsePositives: 0, falseNegatives: 2, acceptable: 0 });
  });

  it('makes every prediction a false positive for a resource that teaches no skill, except acceptable ones', () => {
    const conference = { expected: [], acceptable: ['html-css'] };
    expect(tally(linkOutcomes(conference, ['kubernetes', 'html-css', 'computer-networking']))).toEqual({
      truePositives: 0,
      falsePositives: 2,
      falseNegatives: 0,
      acceptable: 1,
    });
  });
});

describe('precision and recall, micro-averaged over links', () => {
  it('sums links over resources before dividing (a resource with more links weighs more)', () => {
    const first = tally(linkOutcomes({ expected: ['python', 'django', 'restful-api-design'], acceptable: [] }, ['python', 'django']));
    const both = tally(linkOutcomes({ expected: ['go'], acceptable: [] }, ['rust']), first);
    expect(both).toEqual({ truePositives: 2, falsePositives: 1, falseNegatives: 2, acceptable: 0 });
    expect(precisionOf(both)).toBeCloseTo(2 / 3, 10);
    expect(recallOf(both)).toBeCloseTo(2 / 4, 10);
    // Macro-averaging would give recall (2/3 + 0) / 2 = 1/3 instead.
    expect(recallOf(both)).not.toBeCloseTo(1 / 3, 5);
  });

  it('leaves acceptable predictions out of both figures', () => {
    const counts = { truePositives: 3, falsePositives: 1, falseNegatives: 1, acceptable: 50 };
    expect(precisionOf(counts)).toBe(0.75);
    expect(recallOf(counts)).toBe(0.75);
  });

  it('is null, not 0 or 1, when there is nothing to divide', () => {
    expect(precisionOf(NO_LINKS)).toBeNull();
    expect(recallOf(NO_LINKS)).toBeNull();
    expect(precisionOf({ ...NO_LINKS, acceptable: 4, falseNegatives: 2 })).toBeNull();
    expect(recallOf({ ...NO_LINKS, falsePositives: 3 })).toBeNull();
  });

  it('gives 0 precision when every prediction is wrong and 1 when every one is right', () => {
    expect(precisionOf({ ...NO_LINKS, falsePositives: 5 })).toBe(0);
    expect(precisionOf({ ...NO_LINKS, truePositives: 5, falseNegatives: 5 })).toBe(1);
    expect(recallOf({ ...NO_LINKS, truePositives: 5, falseNegatives: 5 })).toBe(0.5);
  });

  it('does not change the counts it adds to', () => {
    const counts = { truePositives: 1, falsePositives: 0, falseNegatives: 0, acceptable: 0 };
    tally([{ slug: 'go', outcome: 'FALSE_POSITIVE' }], counts);
    expect(counts.falsePositives).toBe(0);
    expect(NO_LINKS).toEqual({ truePositives: 0, falsePositives: 0, falseNegatives: 0, acceptable: 0 });
  });
});
