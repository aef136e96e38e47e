import { writeFailureReason, combineOutcomes } from '../database/seed-counts';

describe('seed counts helpers', () => {
  it('writeFailureReason drops the parts that differ per document', () => {
    expect(writeFailureReason('E11000 duplicate key error collection: db1.resources index: slug_1 dup key: { slug: "x" }')).toBe(
      'write failed: E11000 duplicate key error index: slug_1',
    );
  });

  it('combineOutcomes keeps the strongest outcome of two passes', () => {
    const combined = combineOutcomes(
      new Map([
        ['a', 'created'],
        ['b', 'unchanged'],
        ['c', 'unchanged'],
      ] as const),
      new Map([
        ['a', 'updated'],
        ['b', 'updated'],
        ['c', 'unchanged'],
      ] as const),
    );
    expect(Object.fromEntries(combined)).toEqual({ a: 'created', b: 'updated', c: 'unchanged' });
  });
});
