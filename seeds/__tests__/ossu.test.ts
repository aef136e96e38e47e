import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSeedFeed, SEED_DATA_DIR } from '../sources/seed-feeds';
import { readWithAdapter } from './helpers/read-with-adapter';

/** The copied curriculum, read as the seed reads it (adapter, then normaliser). */
const markdown = readFileSync(path.join(SEED_DATA_DIR, 'ossu-computer-science', 'README.md'), 'utf8');
const { resources, rejected, reading } = readWithAdapter('ossu', [{ name: 'README.md', text: markdown }]);
const byTitle = (title: string) => resources.find((resource) => resource.title === title);

describe("the OSSU adapter on the copied curriculum (the seed's path)", () => {
  it('makes a course of each of the 63 table rows, nothing rejected or merged', () => {
    expect(rejected).toEqual([]);
    expect(reading.merged).toEqual([]);
    expect(resources).toHaveLength(63);
    expect(resources.every((resource) => resource.kind === 'COURSE' && resource.language === 'en')).toBe(true);
  });

  it('keeps both ends of ranges, in minutes, and leaves unknowns out rather than 0', () => {
    expect(byTitle('Operating Systems: Three Easy Pieces')).toMatchObject({
      weeks: { minWeeks: 10, maxWeeks: 12 },
      weeklyEffort: { minMinutes: 360, maxMinutes: 600 },
      durationRange: { minMinutes: 3600, maxMinutes: 7200 },
    });
    expect(byTitle('Operating Systems: Three Easy Pieces')).not.toHaveProperty('durationMinutes');
    expect(byTitle('Mathematics for Computer Science')).toMatchObject({ durationMinutes: 13 * 5 * 60 });
    const haskell = byTitle('Introduction to Haskell');
    expect(haskell).toMatchObject({ weeks: { minWeeks: 14, maxWeeks: 14 } });
    expect(haskell).not.toHaveProperty('weeklyEffort');
    expect(haskell).not.toHaveProperty('durationMinutes');
    expect(byTitle('Essence of Linear Algebra')).not.toHaveProperty('weeks');
  });

  it('resolves 19 prerequisite edges to courses of the curriculum, chains included', () => {
    const urlKeyOf = (title: string) => byTitle(title)?.url.replace(/^https?:\/\/(?:www\.)?/, '');
    expect(resources.reduce((sum, resource) => sum + (resource.prerequisiteUrlKeys?.length ?? 0), 0)).toBe(19);
    expect(byTitle('Calculus 1C: Coordinate Systems & Infinite Series')?.prerequisiteUrlKeys).toEqual([
      urlKeyOf('Calculus 1B: Integration'),
    ]);
    expect(byTitle('Algorithms: Design and Analysis, Part 2')?.prerequisiteUrlKeys).toEqual([
      urlKeyOf('Algorithms: Design and Analysis, Part 1'),
    ]);
    expect(byTitle('Class-based Program Design')?.description).toContain('Not in the curriculum: High School Math');
  });

  it('finds providers from the URL host: Coursera and edX courses are audit offers', () => {
    expect(byTitle('Software Architecture')).toMatchObject({
      url: 'https://www.coursera.org/learn/software-architecture',
      offerType: 'AUDIT',
    });
    expect(byTitle('Systematic Program Design')).toMatchObject({
      url: 'https://github.com/ossu/computer-science/blob/master/coursepages/spd/README.md',
      offerType: 'FREE',
    });
  });
});

describe("the OSSU adapter on the curriculum and its extras together (the seed's path)", () => {
  const extrasMarkdown = readFileSync(path.join(SEED_DATA_DIR, 'ossu-computer-science', 'extras', 'courses.md'), 'utf8');
  // Extras first: the adapter must still keep the curriculum's row for a course both list.
  const both = readWithAdapter('ossu', [
    { name: 'extras/courses.md', text: extrasMarkdown },
    { name: 'README.md', text: markdown },
  ]);
  const inBoth = (title: string) => both.resources.filter((resource) => resource.title === title);
  const recordOf = (title: string) => both.reading.records.find((record) => record.title === title);

  it('adds the 61 extras rows as courses, the one also in the curriculum merged: 123 courses, nothing rejected', () => {
    expect(both.rejected).toEqual([]);
    expect(both.reading.merged).toEqual([{ reason: 'URL listed more than once: merged into one course', count: 1 }]);
    expect(both.resources).toHaveLength(63 + 61 - 1);
    expect(both.resources.every((resource) => resource.kind === 'COURSE')).toBe(true);
  });

  it('files each extra under ["Extras", <section>], the heading the skill matcher reads', () => {
    expect(recordOf('Database Management Essentials')?.skillTermPaths).toEqual([['Extras', 'Applications']]);
    expect(recordOf('Introduction to Operating Systems')?.skillTermPaths).toEqual([['Extras', 'Systems']]);
    expect(recordOf('Mindshift')?.skillTermPaths).toEqual([['Extras', 'Online Learning']]);
    expect(inBoth('Database Management Essentials')[0]?.description).toMatch(
      /^Extra course .* › Extras › Applications\. 7 weeks, 4-6 hours\/week\.$/,
    );
  });

  it('keeps both ends of an extra range effort and leaves "-" unknown, never 0', () => {
    expect(inBoth('Cloud Computing / Distributed Programming')[0]).toMatchObject({
      weeks: { minWeeks: 5, maxWeeks: 5 },
      weeklyEffort: { minMinutes: 300, maxMinutes: 600 },
      durationRange: { minMinutes: 1500, maxMinutes: 3000 },
    });
    const architecture = inBoth('Computer Architecture')[0];
    expect(architecture).toMatchObject({ weeklyEffort: { minMinutes: 300, maxMinutes: 480 } });
    expect(architecture).not.toHaveProperty('weeks');
    expect(architecture).not.toHaveProperty('durationRange');
    const matlab = inBoth('Introduction to Programming with MATLAB')[0];
    for (const field of ['weeks', 'weeklyEffort', 'durationRange', 'durationMinutes']) expect(matlab).not.toHaveProperty(field);
    expect(inBoth('Calculus Applied!')[0]).toMatchObject({ weeks: { minWeeks: 10 }, weeklyEffort: { minMinutes: 360 } });
  });

  it('makes a course listed in both one resource: the curriculum row, its unknown effort taken from the extras row', () => {
    const haskell = inBoth('Introduction to Haskell');
    expect(haskell).toHaveLength(1);
    expect(haskell[0].description).toContain('Advanced CS');
    expect(haskell[0]).toMatchObject({ weeks: { minWeeks: 14, maxWeeks: 14 }, weeklyEffort: { minMinutes: 240, maxMinutes: 240 } });
    expect(both.resources.reduce((sum, resource) => sum + (resource.prerequisiteUrlKeys?.length ?? 0), 0)).toBe(19);
  });

  it('links the first of a row\'s links, not its "(alt)" link', () => {
    expect(inBoth('Introduction to Computer Science - CS50')[0]?.url).toBe(
      'https://www.edx.org/learn/computer-science/harvard-university-cs50-s-introduction-to-computer-science',
    );
    expect(inBoth('Distributed Systems')[0]?.url).toBe('https://www.youtube.com/playlist?list=PLrw6a1wE39_tb2fErI4-WkMbsvGQk9_UB');
  });
});

describe('the seed feed of the OSSU folder', () => {
  it('reads the curriculum and the extras (what `npm run ingest` of the folder reads), 123 courses', async () => {
    const feed = await readSeedFeed(SEED_DATA_DIR, { source: 'ossu', folder: 'ossu-computer-science' });
    expect(feed.reading.records).toHaveLength(123);
    expect(feed.reading.records.filter((record) => record.skillTermPaths?.[0]?.[0] === 'Extras')).toHaveLength(60);
  });
});
