import { levelFromTitle } from '../level-from-title';
import { externalIdOfUrl } from '../url-external-id';
import { snapshotDateFromSourceNotes } from '../source-notes';

describe('levelFromTitle', () => {
  it.each([
    ['Docker for Beginners', 'BEGINNER'],
    ['Introduction to Algorithms', 'BEGINNER'],
    ['Advanced Data Structures', 'ADVANCED'],
    ['Intermediate Python', 'INTERMEDIATE'],
    ['Dart Course for Beginners to Advanced', 'BEGINNER'],
    ['Kubernetes', null],
  ])('%s → %s', (title, level) => {
    expect(levelFromTitle(title)).toBe(level);
  });
});

describe('externalIdOfUrl', () => {
  it('ignores scheme, www., trailing slash and fragment, and keeps the query', () => {
    expect(externalIdOfUrl('http://www.Example.org/a/?x=1#top')).toBe('example.org/a?x=1');
    expect(externalIdOfUrl('https://example.org/a?x=1')).toBe('example.org/a?x=1');
    expect(externalIdOfUrl('https://example.org/a?x=2')).not.toBe(externalIdOfUrl('https://example.org/a?x=1'));
  });
});

describe('snapshotDateFromSourceNotes', () => {
  it('reads the upstream commit date as midnight UTC', () => {
    expect(snapshotDateFromSourceNotes('- **Commit:** `5b27` (committed 2026-08-18)')).toEqual(new Date('2026-08-18T00:00:00Z'));
    expect(() => snapshotDateFromSourceNotes('no date')).toThrow(/commit date/);
  });
});
