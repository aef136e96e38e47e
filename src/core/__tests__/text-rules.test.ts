import { slugify } from '../text';
import { stableHash } from '../stable-hash';

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

describe('stableHash', () => {
  it('is deterministic hex of the requested length', () => {
    expect(stableHash('x')).toBe(stableHash('x'));
    expect(stableHash('x', 8)).toMatch(/^[0-9a-f]{8}$/);
  });
});
