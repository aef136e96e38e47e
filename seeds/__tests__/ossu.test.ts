import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEED_DATA_DIR } from '../sources/seed-feeds';
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
