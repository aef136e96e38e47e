import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FreeProgrammingBooksEntry } from '../../src/modules/ingestion/sources/free-programming-books/free-programming-books.parser';
import { SEED_DATA_DIR } from '../sources/seed-feeds';
import { stableHash } from '../../src/core/stable-hash';
import { readWithAdapter } from './helpers/read-with-adapter';

/** Markdown lines for these entries under their headings. */
function listMarkdown(entries: Array<Partial<FreeProgrammingBooksEntry>>): string {
  const lines: string[] = [];
  for (const entry of entries) {
    const headings = entry.headingPath ?? ['Python'];
    headings.forEach((heading, depth) => lines.push('', `${'#'.repeat(depth + 3)} ${heading}`, ''));
    lines.push(
      `* [${entry.title ?? 'A course'}](${entry.url ?? 'https://example.org/course'})${entry.details ? ` - ${entry.details}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A free-courses-en.md with these lines under these headings, read as the seed reads it (adapter, then normaliser). */
function read(entries: Array<Partial<FreeProgrammingBooksEntry>>) {
  return readWithAdapter('free-programming-books', [{ name: 'free-courses-en.md', text: listMarkdown(entries) }]);
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
    expect(reading.merged).toEqual([{ reason: 'URL listed more than once: merged into one resource', count: 1 }]);
  });

  it('falls back to the parent heading when a sub-heading names no skill, and reports the sub-heading', () => {
    const { resources } = read([{ headingPath: ['Cloud Computing', 'IBM'] }]);
    expect(resources[0].skillIds).toEqual(['cloud-services']);
    expect(resources[0].unmappedTerms).toEqual(['IBM']);
  });

  it('lets a broad heading ("DevOps", "Security") attach only the skills the title supports', () => {
    expect(read([{ headingPath: ['DevOps'], title: 'The Phoenix Project' }]).resources[0].skillIds).toEqual([]);
    expect(read([{ headingPath: ['DevOps'], title: 'Release pipelines in practice' }]).resources[0].skillLinks).toEqual([
      { skillId: 'ci-cd', confidence: 0.75, matchedBy: 'BROAD_TERM' },
    ]);
    expect(read([{ headingPath: ['Security'], title: 'Hacker101 Ethical Hacking' }]).resources[0].skillIds).toEqual([
      'ethical-hacking-penetration-testing',
    ]);
  });

  it("maps the copied list's 1,359 course lines to 1,343 distinct courses", () => {
    const markdown = readFileSync(path.join(SEED_DATA_DIR, 'free-programming-books', 'courses', 'free-courses-en.md'), 'utf8');
    const { resources, reading, rejected } = readWithAdapter('free-programming-books', [
      { name: 'courses/free-courses-en.md', text: markdown },
    ]);
    expect(rejected).toEqual([]);
    expect(resources).toHaveLength(1343);
    expect(reading.merged).toEqual([
      { reason: 'URL listed more than once: merged into one resource', count: 9 },
      {
        reason:
          'URL listed under another title too (a translation, or another book behind the same page): the first title kept, without the other headings',
        count: 7,
      },
    ]);
    expect(new Set(resources.map((resource) => resource.externalId)).size).toBe(1343);
    const csharpCourse = resources.find((resource) => resource.tags.includes('csharp'));
    expect(csharpCourse?.skillIds).toContain('csharp');
  });

  it('makes a BOOK of a book list line: authors, formats, access notes, and the language of its file', () => {
    const text = listMarkdown([
      {
        title: 'PostgreSQL kompakt',
        url: 'https://example.de/pg.pdf',
        details: 'Erika Muster, Max Muster (PDF, EPUB) (email address *requested*, not required)',
        headingPath: ['PostgreSQL'],
      },
    ]);
    const { resources, rejected } = readWithAdapter('free-programming-books', [{ name: 'books/free-programming-books-de.md', text }]);
    expect(rejected).toEqual([]);
    expect(resources[0]).toMatchObject({
      kind: 'BOOK',
      title: 'PostgreSQL kompakt',
      language: 'de',
      authors: ['Erika Muster', 'Max Muster'],
      formats: ['PDF', 'EPUB'],
      accessNotes: ['email address requested, not required'],
      // sql is implied by postgresql (IMPLIED_SKILLS in the skill matcher), at the lower confidence of an implied link.
      skillIds: ['postgresql', 'sql'],
      free: true,
      offerType: 'FREE',
      description: expect.stringContaining('Free book listed under PostgreSQL'),
    });
    expect(resources[0].skillLinks).toEqual([
      { skillId: 'postgresql', matchedBy: 'TITLE', confidence: 0.9 },
      { skillId: 'sql', matchedBy: 'IMPLIED', confidence: 0.7 },
    ]);
    expect(resources[0]).not.toHaveProperty('format');
  });

  it('marks interactive tutorials as interactive courses, and gives each list its language (pt_BR → pt)', () => {
    const tutorial = listMarkdown([{ title: 'Learn Git Branching', url: 'https://learngitbranching.js.org', headingPath: ['Git'] }]);
    const portuguese = listMarkdown([{ title: 'Curso de Python', url: 'https://example.com.br/python', headingPath: ['Python'] }]);
    const { resources } = readWithAdapter('free-programming-books', [
      { name: 'more/free-programming-interactive-tutorials-en.md', text: tutorial },
      { name: 'courses/free-courses-pt_BR.md', text: portuguese },
    ]);
    const byTitle = Object.fromEntries(resources.map((resource) => [resource.title, resource]));
    expect(byTitle['Learn Git Branching']).toMatchObject({
      kind: 'COURSE',
      interactive: true,
      format: 'interactive',
      language: 'en',
      skillIds: ['git'],
    });
    expect(byTitle['Curso de Python']).toMatchObject({ kind: 'COURSE', language: 'pt' });
    expect(byTitle['Curso de Python']).not.toHaveProperty('interactive');
  });

  it('makes a page listed as a course and as a book one course, whatever order the files come in', () => {
    const asBook = listMarkdown([
      { title: 'Pro Git (book list)', url: 'https://git-scm.com/book', details: 'Scott Chacon (HTML)', headingPath: ['Git'] },
    ]);
    const asCourse = listMarkdown([{ title: 'Pro Git', url: 'https://git-scm.com/book/', headingPath: ['Git'] }]);
    const { resources, reading } = readWithAdapter('free-programming-books', [
      { name: 'books/free-programming-books-langs.md', text: asBook },
      { name: 'courses/free-courses-en.md', text: asCourse },
    ]);
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({ kind: 'COURSE', title: 'Pro Git', externalId: stableHash('git-scm.com/book') });
    expect(reading.merged).toEqual([{ reason: 'URL listed more than once: merged into one resource', count: 1 }]);
  });

  describe('on the whole copied data set', () => {
    const folder = path.join(SEED_DATA_DIR, 'free-programming-books');
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md') && name !== 'SOURCE.md')
      .sort()
      .map((name) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') }));

    /** Counted without the parser: link lines under a `###`+ heading that is not the Index or the MOOC platforms. */
    function countListings(text: string): number {
      let section = '';
      let count = 0;
      for (const line of text.split(/\r?\n/)) {
        const heading = /^###\s+(.*)$/.exec(line);
        if (heading) section = heading[1].trim();
        else if (section && section !== 'Index' && section !== '0 - MOOC' && /^\s*[*-]\s+\[.*\]\(https?:\/\//.test(line)) count += 1;
      }
      return count;
    }

    const { reading, resources, rejected } = readWithAdapter('free-programming-books', files);

    it('reads every listing of every book, course and tutorial list (9,547), merging repeated URLs into 9,354 resources', () => {
      const listings = files.reduce((sum, file) => sum + countListings(file.text), 0);
      const merged = reading.merged?.reduce((sum, entry) => sum + entry.count, 0) ?? 0;
      expect(reading.records.length + merged).toBe(listings);
      expect(listings).toBe(9547);
      expect(resources).toHaveLength(9354);
      expect(new Set(resources.map((resource) => resource.externalId)).size).toBe(9354);
    });

    it('makes 4,660 books, 4,459 courses and 235 interactive tutorials', () => {
      const kinds = resources.reduce<Record<string, number>>((counts, resource) => {
        const kind = resource.interactive ? 'INTERACTIVE' : resource.kind;
        return { ...counts, [kind]: (counts[kind] ?? 0) + 1 };
      }, {});
      expect(kinds).toEqual({ BOOK: 4660, COURSE: 4459, INTERACTIVE: 235 });
    });

    it('rejects only the two upstream lines that are not links', () => {
      expect(rejected.map((rejection) => rejection.reason)).toEqual([
        'books/free-programming-books-langs.md line 1396: not a "* [Title](URL)" list item',
        'books/free-programming-books-zh.md line 316: not a "* [Title](URL)" list item',
      ]);
    });

    it('gives every resource the language of its list, and books by subject the skills the course list lacked', () => {
      expect(resources.filter((resource) => resource.language === null)).toEqual([]);
      expect(resources.filter((resource) => resource.language === 'de').length).toBeGreaterThan(100);
      for (const skill of ['postgresql', 'mysql', 'mongodb', 'nginx'])
        expect(resources.filter((resource) => resource.kind === 'BOOK' && resource.skillIds.includes(skill)).length).toBeGreaterThan(0);
    });
  });
});

describe('a page several books share', () => {
  it("keeps the first book's title and headings, not the other books' (CZ.NIC's knihy.nic.cz lists Pro Git and HTML5 books)", () => {
    const markdown = [
      '### Git',
      '',
      '* [Pro Git](https://knihy.nic.cz) - Scott Chacon',
      '',
      '### HTML and CSS',
      '',
      '* [Ponořme se do HTML5](https://knihy.nic.cz) - Mark Pilgrim',
      '',
    ].join('\n');
    const { resources, reading } = readWithAdapter('free-programming-books', [
      { name: 'books/free-programming-books-cs.md', text: markdown },
    ]);
    expect(resources).toHaveLength(1);
    expect(resources[0].title).toBe('Pro Git');
    expect(resources[0].skillIds).toEqual(['git']);
    expect(resources[0].tags).not.toContain('html-and-css');
    expect(reading.merged?.map((entry) => entry.count)).toEqual([1]);
  });
});
