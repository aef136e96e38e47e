import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../../../core/project-root';
import { parseOssuCurriculum } from '../ossu.parser';
import { courseUrlOf, createPrerequisiteResolver, offerOf } from '../ossu.rules';

const SAMPLE = `# Curriculum

## Core CS

### Core programming

**Topics covered**: \`functional programming\`

Courses | Duration | Effort | Prerequisites | Discussion
:-- | :--: | :--: | :--: | :--:
[Systematic Program Design](coursepages/spd/README.md) | 13 weeks | 8-10 hours/week | none | [chat](https://discord.gg/a)
[Class-based Program Design](coursepages/class-based/README.md) | 13 weeks | 5-10 hours/week | Systematic Program Design, High School Math | [chat](https://discord.gg/b)
[Object-Oriented Design](https://course.ccs.neu.edu/cs3500f19/) | 13 weeks | 5-10 hours/week | Class-based Program Design | [chat](https://discord.gg/c)
[Software Architecture](https://www.coursera.org/learn/software-architecture)| 4 weeks | 2-5 hours/week | Object Oriented Design | [chat](https://discord.gg/d)
Just some text | 4 weeks | 2 hours/week | none | -

### Core math

Courses | Duration | Effort | Notes | Prerequisites | Discussion
:-- | :--: | :--: | :--: | :--: | :--:
[Calculus 1A: Differentiation](https://openlearninglibrary.mit.edu/1a) ([alternative](https://ocw.mit.edu/x)) | 13 weeks | 6-10 hours/week | covers three | [high school math](https://ossu.dev/precollege-math) | -
[Calculus 1B: Integration](https://openlearninglibrary.mit.edu/1b) | 13 weeks | 5-10 hours/week | - | Calculus 1A | -
[Secure Software Development: Requirements, Design, and Reuse](https://www.edx.org/ssd1) | 7 weeks | 1-2 hours/week | - | Calculus 1A and Core Security | -
[Secure Software Development: Implementation](https://www.edx.org/ssd2) | 7 weeks | 1-2 hours/week | - | Secure Software Development: Requirements, Design, and Reuse | -
[Linear Algebra](https://ocw.mit.edu/la) | 14 weeks | 12 hours/week | - | corequisite: Calculus 1B | -
[Probability](https://stat110.example/) | - | - | - | [Integration](https://openlearninglibrary.mit.edu/1b), probability | -

## Final project

Courses | Duration | Effort | Prerequisites
:-- | :--: | :--: | :--:
[Fullstack Open](https://fullstackopen.com/en/) | 12 weeks | 15 hours/week | programming
`;

describe('parseOssuCurriculum', () => {
  const curriculum = parseOssuCurriculum(SAMPLE);

  it('reads every course row under its stage and topic, each column found by its header', () => {
    expect(curriculum.courses.map((course) => course.title)).toEqual([
      'Systematic Program Design',
      'Class-based Program Design',
      'Object-Oriented Design',
      'Software Architecture',
      'Calculus 1A: Differentiation',
      'Calculus 1B: Integration',
      'Secure Software Development: Requirements, Design, and Reuse',
      'Secure Software Development: Implementation',
      'Linear Algebra',
      'Probability',
      'Fullstack Open',
    ]);
    expect(curriculum.courses[4]).toMatchObject({
      target: 'https://openlearninglibrary.mit.edu/1a',
      headingPath: ['Core CS', 'Core math'],
      duration: '13 weeks',
      effort: '6-10 hours/week',
      prerequisites: { text: 'high school math', links: [{ text: 'high school math', target: 'https://ossu.dev/precollege-math' }] },
    });
    expect(curriculum.courses[10]).toMatchObject({ headingPath: ['Final project'], prerequisites: { text: 'programming' } });
  });

  it('reports a row without a course link as unparsed, with its line, and keeps reading', () => {
    expect(curriculum.unparsedLines).toEqual([{ line: 15, text: 'Just some text | 4 weeks | 2 hours/week | none | -' }]);
  });

  it('reads nothing from text that has no course table', () => {
    expect(parseOssuCurriculum('# Title\n\n| a | b |\n|---|---|\n| [x](https://x.example) | y |\n')).toEqual({
      courses: [],
      unparsedLines: [],
    });
  });
});

const EXTRAS_SAMPLE = `# Computer Science - Great Courses

## Systems

Courses | Duration | Effort
:-- | :--: | :--:
[Cloud Computing / Distributed Programming](https://www.coursera.org/learn/cloud-computing) | 5 weeks | 5-10 hours/week
[Computer Architecture](https://www.coursera.org/learn/comparch) | - | 5-8 hours/week
[Introduction to Functional Programming](https://www.edx.org/fp)| 7 weeks | 4-6 hours/week <!-- 404 as of 2025 -->
Distributed Systems - [Playlist](https://www.youtube.com/playlist?list=x), [Course site](http://nil.csail.mit.edu/6.824/) | - | -
Just a note | - | -

# Online Learning - Great Courses

Courses | Duration | Effort
:-- | :--: | :--:
[Mindshift](https://www.coursera.org/learn/mindshift) | 4 weeks | 2 hours/week
`;

describe('parseOssuCurriculum on an extras list (no Prerequisites column)', () => {
  const extras = parseOssuCurriculum(EXTRAS_SAMPLE);

  it('reads each row with null prerequisites, its section and the page heading it sits under', () => {
    expect(extras.courses.map((course) => [course.title, course.headingPath, course.pageHeading])).toEqual([
      ['Cloud Computing / Distributed Programming', ['Systems'], 'Computer Science - Great Courses'],
      ['Computer Architecture', ['Systems'], 'Computer Science - Great Courses'],
      ['Introduction to Functional Programming', ['Systems'], 'Computer Science - Great Courses'],
      ['Distributed Systems', ['Systems'], 'Computer Science - Great Courses'],
      ['Mindshift', [], 'Online Learning - Great Courses'],
    ]);
    expect(extras.courses.every((course) => course.prerequisites === null)).toBe(true);
    expect(extras.courses[1]).toMatchObject({ duration: '-', effort: '5-8 hours/week' });
  });

  it('drops an HTML comment from a cell, and titles a row that opens with text by that text, linked to its first link', () => {
    expect(extras.courses[2]).toMatchObject({ duration: '7 weeks', effort: '4-6 hours/week' });
    expect(extras.courses[3]).toMatchObject({ target: 'https://www.youtube.com/playlist?list=x', duration: '-', effort: '-' });
  });

  it('still reports a row with no link as unparsed, as written', () => {
    expect(extras.unparsedLines).toEqual([{ line: 11, text: 'Just a note | - | -' }]);
  });
});

describe('the OSSU rules', () => {
  const courses = parseOssuCurriculum(SAMPLE).courses;
  const resolve = createPrerequisiteResolver(courses);
  const byTitle = (title: string) => courses.find((course) => course.title === title)!;
  const urlOf = (title: string) => courseUrlOf(byTitle(title).target);

  it("links OSSU's own course pages to the repository on GitHub, and keeps absolute links", () => {
    expect(courseUrlOf('coursepages/spd/README.md')).toBe('https://github.com/ossu/computer-science/blob/master/coursepages/spd/README.md');
    expect(courseUrlOf('https://www.coursera.org/learn/x')).toBe('https://www.coursera.org/learn/x');
  });

  it('resolves prerequisites by title, by shortened title, across commas in titles and through links', () => {
    expect(resolve(byTitle('Class-based Program Design'))).toEqual({
      urls: [urlOf('Systematic Program Design')],
      unresolved: ['High School Math'],
    });
    expect(resolve(byTitle('Software Architecture')).urls).toEqual([urlOf('Object-Oriented Design')]);
    expect(resolve(byTitle('Calculus 1B: Integration')).urls).toEqual([urlOf('Calculus 1A: Differentiation')]);
    expect(resolve(byTitle('Secure Software Development: Implementation')).urls).toEqual([
      urlOf('Secure Software Development: Requirements, Design, and Reuse'),
    ]);
    expect(resolve(byTitle('Secure Software Development: Requirements, Design, and Reuse'))).toEqual({
      urls: [urlOf('Calculus 1A: Differentiation')],
      unresolved: ['Core Security'],
    });
    expect(resolve(byTitle('Probability'))).toEqual({ urls: [urlOf('Calculus 1B: Integration')], unresolved: ['probability'] });
  });

  it('gives no edge for "none", a corequisite, a single word or an unknown subject', () => {
    expect(resolve(byTitle('Systematic Program Design'))).toEqual({ urls: [], unresolved: [] });
    expect(resolve(byTitle('Linear Algebra'))).toEqual({ urls: [], unresolved: [] });
    expect(resolve(byTitle('Fullstack Open'))).toEqual({ urls: [], unresolved: ['programming'] });
    expect(resolve(byTitle('Calculus 1A: Differentiation'))).toEqual({ urls: [], unresolved: ['high school math'] });
  });

  it('sells Coursera and edX courses as audit, others as free', () => {
    expect(offerOf('https://www.coursera.org/learn/x')).toEqual({ audit: true });
    expect(offerOf('https://learning.edx.org/course/x')).toEqual({ audit: true });
    expect(offerOf('https://ocw.mit.edu/x')).toEqual({ isPaid: false });
  });
});

describe('the copied curriculum', () => {
  it('parses every course row of the README, with no unparsed row', () => {
    const markdown = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'data', 'ossu-computer-science', 'README.md'), 'utf8');
    const tableRows = markdown.split('\n').filter((line) => /^\[[^\]]+\]\([^)]+\)/.test(line) && line.includes('|')).length;
    const curriculum = parseOssuCurriculum(markdown);
    expect(curriculum.unparsedLines).toEqual([]);
    expect(curriculum.courses).toHaveLength(tableRows);
    expect(tableRows).toBe(63);
  });

  it('parses every course row of extras/courses.md under its section, with no unparsed row', () => {
    const markdown = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'data', 'ossu-computer-science', 'extras', 'courses.md'), 'utf8');
    const tableRows = markdown.split('\n').filter((line) => /^[^|]*\[[^\]]+\]\([^)]+\)/.test(line) && line.includes('|')).length;
    const extras = parseOssuCurriculum(markdown);
    expect(extras.unparsedLines).toEqual([]);
    expect(extras.courses).toHaveLength(tableRows);
    expect(tableRows).toBe(61);
    expect(new Set(extras.courses.map((course) => course.headingPath.join(' › ')))).toEqual(
      new Set(['Programming', 'Math', 'Systems', 'Theory', 'Applications', 'Tools', '']),
    );
  });
});
