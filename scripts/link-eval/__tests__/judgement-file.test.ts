import { JudgementFileError, judgementKeyOf, parseJudgementFile, readJudgements } from '../judgement-file';

const SLUGS = new Set(['postgresql', 'sql', 'kubernetes', 'html-css']);
const course = {
  url: 'https://example.org/postgres',
  source: 'free-programming-books',
  kind: 'COURSE',
  list: 'courses-en',
  drawnFor: 'databases',
  title: 'PostgreSQL for beginners',
  expected: ['postgresql'],
  acceptable: ['sql'],
};
const event = {
  ...course,
  url: 'https://conf.example.org',
  kind: 'EVENT',
  startDate: '2026-05-01',
  title: 'Conf',
  list: 'ux',
  expected: [],
};

function problemsOf(file: unknown): string[] {
  try {
    readJudgements(file, SLUGS);
  } catch (error) {
    if (error instanceof JudgementFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('reading the judgement file', () => {
  it('accepts well-formed judgements', () => {
    expect(readJudgements({ judgements: [course, event] }, SLUGS)).toHaveLength(2);
  });

  it('refuses a slug the taxonomy does not have, naming the entry', () => {
    expect(problemsOf({ judgements: [{ ...course, acceptable: ['postgres'] }] })).toEqual([
      '#1 (PostgreSQL for beginners): acceptable names "postgres", which is no skill of the taxonomy',
    ]);
  });

  it('refuses the same page judged twice, however its URL is spelt', () => {
    for (const url of ['http://www.example.org/postgres', 'http://example.org/postgres']) {
      expect(problemsOf({ judgements: [course, { ...course, url, title: 'Again' }] })).toEqual([
        '#2: example.org/postgres is judged twice (also #1)',
      ]);
    }
  });

  it('keeps two editions of one conference apart, and refuses the same edition twice', () => {
    expect(readJudgements({ judgements: [event, { ...event, startDate: '2027-05-01' }] }, SLUGS)).toHaveLength(2);
    expect(problemsOf({ judgements: [event, { ...event }] })).toEqual(['#2: conf.example.org@2026-05-01 is judged twice (also #1)']);
  });

  it('refuses a URL that is not stored as written (tracking parameters, trailing slash, upper-case host)', () => {
    for (const url of [
      'https://example.org/a/',
      'https://Example.org/a',
      'https://example.org/a?utm_source=x',
      'https://example.org/a#top',
    ]) {
      expect(problemsOf({ judgements: [{ ...course, url }] })).toEqual([expect.stringContaining('is not in its stored form')]);
    }
  });

  it('refuses non-http URLs', () => {
    expect(problemsOf({ judgements: [{ ...course, url: 'javascript:alert(1)' }] })).toEqual([
      expect.stringContaining('is not an absolute http(s) URL'),
    ]);
  });

  it('needs a start day on an event and refuses one elsewhere', () => {
    expect(problemsOf({ judgements: [{ ...event, startDate: undefined }] })).toEqual([expect.stringContaining('an event needs startDate')]);
    expect(problemsOf({ judgements: [{ ...event, startDate: '1 May 2026' }] })).toEqual([
      expect.stringContaining('an event needs startDate'),
    ]);
    expect(problemsOf({ judgements: [{ ...course, startDate: '2026-05-01' }] })).toEqual([
      expect.stringContaining('only an event has one'),
    ]);
  });

  it('refuses a skill both expected and acceptable, or named twice', () => {
    expect(problemsOf({ judgements: [{ ...course, acceptable: ['postgresql'] }] })).toEqual([
      '#1 (PostgreSQL for beginners): postgresql is both expected and acceptable',
    ]);
    expect(problemsOf({ judgements: [{ ...course, expected: ['sql', 'sql'], acceptable: [] }] })).toEqual([
      '#1 (PostgreSQL for beginners): expected names a skill twice',
    ]);
  });

  it('lists every problem of every entry at once', () => {
    const problems = problemsOf({
      judgements: [{ ...course, kind: 'PODCAST', drawnFor: 'gardening', expected: 'postgresql' }, 42, { ...course, title: '' }],
    });
    expect(problems).toEqual([
      '#1 (PostgreSQL for beginners): kind must be one of COURSE, BOOK, EVENT, OPEN_SOURCE_PROJECT',
      expect.stringContaining('#1 (PostgreSQL for beginners): drawnFor must be one of'),
      '#1 (PostgreSQL for beginners): expected must be a list of skill slugs',
      '#2: not an object',
      '#3 (): title is missing',
    ]);
  });

  it('refuses a file that is not JSON or has no judgements list', () => {
    expect(() => parseJudgementFile('{"judgements": [', SLUGS)).toThrow(JudgementFileError);
    expect(problemsOf([course])).toEqual(['the file must be an object with a "judgements" list']);
    expect(problemsOf(null)).toEqual(['the file must be an object with a "judgements" list']);
  });
});

describe('judgementKeyOf', () => {
  it('is the stored URL key: the page, and for an event its start day', () => {
    expect(judgementKeyOf({ url: 'https://www.example.org/a', kind: 'COURSE' })).toBe('example.org/a');
    expect(judgementKeyOf({ url: 'https://conf.example.org', kind: 'EVENT', startDate: '2026-05-01' })).toBe('conf.example.org@2026-05-01');
  });
});
