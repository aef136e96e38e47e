import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanHeading, parseFreeProgrammingBooks } from '../free-programming-books.parser';
import { bookDetailsOf, LIST_FILE_PATTERN, listFileOf } from '../free-programming-books.rules';
import { PROJECT_ROOT } from '../../../../../core/project-root';

/** The copied upstream data the seed loads: the real files these parsers exist for. */
const SEED_DATA_DIR = path.join(PROJECT_ROOT, 'seeds', 'data');

const SAMPLE = `### Index

* [0 - MOOC](#0---mooc)
* [Databases](#databases)

### 0 - MOOC

* [Coursera](https://www.coursera.org)

### Databases

* [Intro to Databases](https://www.youtube.com/playlist?list=1) - Jane Doe (YouTube)
* [[Beginner] Data \\| Models](https://example.org/a_(b)) - [(PDF)](https://example.org/pdf) *(account required)*

#### SQL

* [SQL Basics](https://www.udemy.com/course/sql/) - (Udemy)

### <a id="csharp"></a>C\\#

> :information_source: See also &#8230; [C#](#csharp)

### Docker
* [Docker](https://docker.com)
`;

describe('parseFreeProgrammingBooks', () => {
  const list = parseFreeProgrammingBooks(SAMPLE);

  it('ignores the Index and returns the MOOC section as platforms', () => {
    expect(list.moocPlatforms).toEqual([{ name: 'Coursera', url: 'https://www.coursera.org', line: 8 }]);
    expect(list.entries.map((course) => course.title)).toEqual(['Intro to Databases', '[Beginner] Data | Models', 'SQL Basics', 'Docker']);
  });

  it('reads title, URL (even with parentheses), details and the heading path', () => {
    expect(list.entries[0]).toEqual({
      title: 'Intro to Databases',
      url: 'https://www.youtube.com/playlist?list=1',
      details: 'Jane Doe (YouTube)',
      headingPath: ['Databases'],
      line: 12,
    });
    expect(list.entries[1]).toMatchObject({ url: 'https://example.org/a_(b)', details: '(PDF) (account required)' });
    expect(list.entries[2]).toMatchObject({ details: '(Udemy)', headingPath: ['Databases', 'SQL'] });
    expect(list.entries[3]).toMatchObject({ details: null, headingPath: ['Docker'] });
  });

  it('lists every content heading, with inline anchors and escapes removed', () => {
    expect(list.headings).toEqual([['Databases'], ['Databases', 'SQL'], ['C#'], ['Docker']]);
    expect(cleanHeading('<a id="cpp"></a>C++')).toBe('C++');
  });

  it('reports list lines that are not links', () => {
    const broken = parseFreeProgrammingBooks('### Go\n\n* Go by example (no link)\n');
    expect(broken.entries).toEqual([]);
    expect(broken.unparsedLines).toEqual([{ line: 3, text: '* Go by example (no link)' }]);
  });

  describe('on the copied free-courses-en.md', () => {
    const real = parseFreeProgrammingBooks(
      readFileSync(path.join(SEED_DATA_DIR, 'free-programming-books', 'courses', 'free-courses-en.md'), 'utf8'),
    );

    // SOURCE.md says "1,382 course entries under 119 headings". The file has 1,383 link lines outside
    // the Index: 24 MOOC platforms and 1,359 courses. 119 headings hold courses; a 120th (.NET) holds
    // only a "see also" note.
    it('finds 1,359 courses and 24 MOOC platforms, and no unreadable line', () => {
      expect(real.entries).toHaveLength(1359);
      expect(real.moocPlatforms).toHaveLength(24);
      expect(real.unparsedLines).toEqual([]);
    });

    it('finds 120 content headings, 119 of them with courses', () => {
      expect(real.headings).toHaveLength(120);
      const withCourses = new Set(real.entries.map((course) => course.headingPath.join(' > ')));
      expect(withCourses.size).toBe(119);
      expect(real.headings.filter((heading) => !withCourses.has(heading.join(' > ')))).toEqual([['.NET']]);
    });

    it('matches the largest sections SOURCE.md lists', () => {
      const countUnder = (heading: string) => real.entries.filter((course) => course.headingPath.at(-1) === heading).length;
      expect(countUnder('Python')).toBe(74);
      expect(countUnder('Algorithms & Data Structures')).toBe(53);
      expect(countUnder('C#')).toBeGreaterThan(0);
      expect(countUnder('C++')).toBeGreaterThan(0);
    });
  });
});

describe('bookDetailsOf (a book line after its link)', () => {
  it('reads authors, formats and an access note', () => {
    expect(bookDetailsOf('Jane Doe, John Roe and Ann Poe (PDF, EPUB) (email address requested, not required)')).toEqual({
      authors: ['Jane Doe', 'John Roe', 'Ann Poe'],
      formats: ['PDF', 'EPUB'],
      accessNotes: ['email address requested, not required'],
    });
  });

  it('separates formats that lead an access note ("PDF, Packt account required")', () => {
    expect(bookDetailsOf('Someone (PDF, Kindle; Packt account required)')).toEqual({
      authors: ['Someone'],
      formats: ['PDF', 'Kindle'],
      accessNotes: ['packt account required'],
    });
  });

  it('leaves licences, versions and states out of formats, and a publisher after "@" out of the authors', () => {
    expect(bookDetailsOf('David L. Poole, Alan K. Mackworth @ Cambridge University Press (HTML) (CC BY-NC-SA) (3.x)')).toEqual({
      authors: ['David L. Poole', 'Alan K. Mackworth'],
      formats: ['HTML'],
      accessNotes: [],
    });
    expect(bookDetailsOf('(PDF - older versions)')).toEqual({ authors: [], formats: ['PDF'], accessNotes: [] });
  });

  it('gives empty lists for a line with no details', () => {
    expect(bookDetailsOf(null)).toEqual({ authors: [], formats: [], accessNotes: [] });
    expect(bookDetailsOf('   ')).toEqual({ authors: [], formats: [], accessNotes: [] });
  });
});

describe('listFileOf (which list a file is)', () => {
  it.each([
    ['books/free-programming-books-de.md', { kind: 'book', language: 'de' }],
    ['books/free-programming-books-langs.md', { kind: 'book', language: 'en' }],
    ['books/free-programming-books-subjects.md', { kind: 'book', language: 'en' }],
    ['courses/free-courses-pt_BR.md', { kind: 'course', language: 'pt_BR' }],
    ['more/free-programming-interactive-tutorials-ja.md', { kind: 'interactive tutorial', language: 'ja' }],
  ])('%s', (name, expected) => {
    expect(listFileOf(name)).toEqual(expected);
    expect(LIST_FILE_PATTERN.test(name)).toBe(true);
  });

  it('reads a file named otherwise as a course list in an unknown language, and a folder skips it', () => {
    expect(listFileOf('my-export.md')).toEqual({ kind: 'course', language: null });
    expect(LIST_FILE_PATTERN.test('more/free-programming-cheatsheets.md')).toBe(false);
    expect(LIST_FILE_PATTERN.test('README.md')).toBe(false);
  });
});

describe('navigation links in a list', () => {
  it('skips links to other lists and anchors without reporting them, and still reports other schemes', () => {
    const list = parseFreeProgrammingBooks(
      '### All\n\n* [English, By Subject](free-programming-books-subjects.md)\n* [See Python](#python)\n* [FTP](ftp://example.org/x)\n',
    );
    expect(list.entries).toEqual([]);
    expect(list.unparsedLines).toEqual([{ line: 5, text: '* [FTP](ftp://example.org/x)' }]);
  });
});
