import { levelFromTitle } from '../resources/level-from-title';
import { urlIdentity } from '../resources/url-identity';
import { snapshotDateFromSourceNotes } from '../../src/modules/ingestion/source-notes';
import { decodeHtmlEntities, markdownToPlainText } from '../support/markdown-text';
import { slugify } from '../../src/core/text';
import { resourceSlug } from '../support/slug';
import { stableHash } from '../support/stable-hash';

describe('slugify', () => {
  it.each([
    ['Algorithms & Data Structures', 'algorithms-data-structures'],
    ['C++', 'cplusplus'],
    ['C#', 'csharp'],
    ['.NET', 'dotnet'],
    ['Élan vital!', 'elan-vital'],
    ['日本語', ''],
  ])('%s → %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('cuts long titles at a whole word', () => {
    const slug = slugify('Python Tutorial for Beginners - Learn Python in 5 Hours [FULL COURSE] with exercises');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('python-tutorial-for-beginners-learn-python-in-5-hours-full');
  });
});

describe('resourceSlug', () => {
  it('adds a hash of the feed identity, so equal titles get different slugs and a title cannot change it', () => {
    expect(resourceSlug('Data Structures', 'feed', 'a')).toMatch(/^data-structures-[0-9a-f]{8}$/);
    expect(resourceSlug('Data Structures', 'feed', 'a')).not.toBe(resourceSlug('Data Structures', 'feed', 'b'));
    expect(resourceSlug('日本語', 'feed', 'a')).toMatch(/^resource-[0-9a-f]{8}$/);
  });
});

describe('stableHash', () => {
  it('is deterministic hex of the requested length', () => {
    expect(stableHash('x')).toBe(stableHash('x'));
    expect(stableHash('x', 8)).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('markdownToPlainText', () => {
  it.each([
    ['- David J. Malan [(YouTube)](https://www.youtube.com/x)', '- David J. Malan (YouTube)'],
    ['(progate) *(account required)*', '(progate) (account required)'],
    [':card_file_box: *archived*', 'archived'],
    ['Data Structures \\| Python', 'Data Structures | Python'],
    ['snake_case and _emphasis_', 'snake_case and emphasis'],
    ['Video length 7:13:56', 'Video length 7:13:56'],
    ['See also &#8230; C\\#', 'See also … C#'],
  ])('%s → %s', (markdown, text) => {
    expect(markdownToPlainText(markdown)).toBe(text);
  });

  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeHtmlEntities('&amp; &#x41; &bogus;')).toBe('& A &bogus;');
  });
});

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

describe('urlIdentity', () => {
  it('ignores scheme, www., trailing slash and fragment, and keeps the query', () => {
    expect(urlIdentity('http://www.Example.org/a/?x=1#top')).toBe('example.org/a?x=1');
    expect(urlIdentity('https://example.org/a?x=1')).toBe('example.org/a?x=1');
    expect(urlIdentity('https://example.org/a?x=2')).not.toBe(urlIdentity('https://example.org/a?x=1'));
  });
});

describe('snapshotDateFromSourceNotes', () => {
  it('reads the upstream commit date as midnight UTC', () => {
    expect(snapshotDateFromSourceNotes('- **Commit:** `5b27` (committed 2026-08-18)')).toEqual(new Date('2026-08-18T00:00:00Z'));
    expect(() => snapshotDateFromSourceNotes('no date')).toThrow(/commit date/);
  });
});
