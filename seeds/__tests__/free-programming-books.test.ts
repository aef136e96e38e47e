import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FreeProgrammingBooksEntry } from '../../src/modules/ingestion/sources/free-programming-books/free-programming-books.parser';
import { SEED_DATA_DIR } from '../sources/seed-feeds';
import { stableHash } from '../../src/core/stable-hash';
import { readWithAdapter } from './helpers/read-with-adapter';

/** A free-courses-en.md with these lines under these headings, read as the seed reads it (adapter, then normaliser). */
function read(entries: Array<Partial<FreeProgrammingBooksEntry>>) {
  const lines: string[] = [];
  for (const entry of entries) {
    const headings = entry.headingPath ?? ['Python'];
    headings.forEach((heading, depth) => lines.push('', `${'#'.repeat(depth + 3)} ${heading}`, ''));
    lines.push(
      `* [${entry.title ?? 'A course'}](${entry.url ?? 'https://example.org/course'})${entry.details ? ` - ${entry.details}` : ''}`,
    );
  }
  return readWithAdapter('free-programming-books', [{ name: 'free-courses-en.md', text: `${lines.join('\n')}\n` }]);
}

describe("the free-programming-books adapter (the seed's path)", () => {
  it('makes a free English COURSE with skills, level, format, tags and a description', () => {
    const { resources, reading } = read([
      {
        title: 'Docker for Beginners',
        url: 'https://www.youtube.com/watch?v=1',
        details: 'Jane Doe (freeCodeCamp)',
        headingPath: ['Docker'],
      },
    ]);
    expect(reading.merged).toEqual([]);
    expect(resources[0]).toMatchObject({
      kind: 'COURSE',
      externalId: stableHash('youtube.com/watch?v=1'),
      title: 'Docker for Beginners',
      url: 'https://www.youtube.com/watch?v=1',
      description: 'Jane Doe (freeCodeCamp). Free course listed under Docker in free-programming-books.',
      skillIds: ['docker'],
      level: 'BEGINNER',
      free: true,
      priceAmount: null,
      offerType: 'FREE',
      language: 'en',
      tags: ['docker'],
      format: 'video',
    });
  });

  it("merges a URL listed under several headings into one course with every heading's skills", () => {
    const { resources, reading } = read([
      { title: 'Algorithms', url: 'https://www.youtube.com/playlist?list=X', headingPath: ['C++'] },
      { title: 'Algorithms again', url: 'https://youtube.com/playlist?list=X', headingPath: ['Algorithms & Data Structures'] },
    ]);
    expect(resources).toHaveLength(1);
    expect(resources[0].title).toBe('Algorithms');
    // The title names one skill (TITLE, surest), the headings both (HEADING).
    expect(resources[0].skillIds).toEqual(['algorithms-data-structures', 'cpp']);
    expect(reading.merged).toEqual([{ reason: 'URL listed more than once: merged into one course', count: 1 }]);
  });

  it('falls back to the parent heading when a sub-heading names no skill, and reports the sub-heading', () => {
    const { resources } = read([{ headingPath: ['Cloud Computing', 'IBM'] }]);
    expect(resources[0].skillIds).toEqual(['cloud-services']);
    expect(resources[0].unmappedTerms).toEqual(['IBM']);
  });

  it('lets a broad heading ("DevOps", "Security") attach only the skills the title supports', () => {
    expect(read([{ headingPath: ['DevOps'], title: 'DevOps for everyone' }]).resources[0].skillIds).toEqual([]);
    expect(read([{ headingPath: ['DevOps'], title: 'Release pipelines in practice' }]).resources[0].skillLinks).toEqual([
      { skillId: 'ci-cd', confidence: 0.75, matchedBy: 'BROAD_TERM' },
    ]);
    expect(read([{ headingPath: ['Security'], title: 'Hacker101 Ethical Hacking' }]).resources[0].skillIds).toEqual([
      'ethical-hacking-penetration-testing',
    ]);
  });

  it("maps the copied list's 1,359 course lines to 1,343 distinct courses", () => {
    const markdown = readFileSync(path.join(SEED_DATA_DIR, 'free-programming-books-courses', 'free-courses-en.md'), 'utf8');
    const { resources, reading, rejected } = readWithAdapter('free-programming-books', [{ name: 'free-courses-en.md', text: markdown }]);
    expect(rejected).toEqual([]);
    expect(resources).toHaveLength(1343);
    expect(reading.merged).toEqual([{ reason: 'URL listed more than once: merged into one course', count: 16 }]);
    expect(new Set(resources.map((resource) => resource.externalId)).size).toBe(1343);
    const csharpCourse = resources.find((resource) => resource.tags.includes('csharp'));
    expect(csharpCourse?.skillIds).toContain('csharp');
  });
});
