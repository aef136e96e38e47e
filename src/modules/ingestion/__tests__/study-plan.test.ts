import { parseStudyPlan, StudyPlanError } from '../study-plan';
import { normaliseRecord, isRejection } from '../normalise';
import type { FeedRecord } from '../ingestion.types';
import { buildSkillMatchVocabulary } from '../../skill-matching/skill-match-vocabulary';

const emptyVocabulary = buildSkillMatchVocabulary([]);

describe('parseStudyPlan', () => {
  it('keeps both ends of a range of weeks and of a weekly effort, in minutes, and the total as a range', () => {
    expect(parseStudyPlan('10-12 weeks', '6-10 hours/week')).toEqual({
      weeks: { minWeeks: 10, maxWeeks: 12 },
      weeklyEffort: { minMinutes: 360, maxMinutes: 600 },
      durationRange: { minMinutes: 3600, maxMinutes: 7200 },
      durationMinutes: null,
    });
  });

  it('gives the exact total as durationMinutes only when nothing is a range', () => {
    expect(parseStudyPlan('13 weeks', '5 hours/week')).toEqual({
      weeks: { minWeeks: 13, maxWeeks: 13 },
      weeklyEffort: { minMinutes: 300, maxMinutes: 300 },
      durationRange: { minMinutes: 3900, maxMinutes: 3900 },
      durationMinutes: 3900,
    });
  });

  it('reads an en dash, "to", "per week" and months (52/12 weeks each)', () => {
    expect(parseStudyPlan('8 weeks', '4–12 hours/week').weeklyEffort).toEqual({ minMinutes: 240, maxMinutes: 720 });
    expect(parseStudyPlan('2 to 3 weeks', '2 hours per week').weeks).toEqual({ minWeeks: 2, maxWeeks: 3 });
    expect(parseStudyPlan('6 months', '5 hours/week').weeks).toEqual({ minWeeks: 26, maxWeeks: 26 });
  });

  it('leaves unknown parts null, never 0: "-", empty, missing', () => {
    expect(parseStudyPlan('14 weeks', '-')).toEqual({
      weeks: { minWeeks: 14, maxWeeks: 14 },
      weeklyEffort: null,
      durationRange: null,
      durationMinutes: null,
    });
    expect(parseStudyPlan('-', null)).toEqual({ weeks: null, weeklyEffort: null, durationRange: null, durationMinutes: null });
    expect(parseStudyPlan(undefined, '')).toEqual({ weeks: null, weeklyEffort: null, durationRange: null, durationMinutes: null });
  });

  it.each([
    ['a week count without a unit', '13', '5 hours/week'],
    ['an effort without "per week"', '13 weeks', '5 hours'],
    ['a reversed range', '12-10 weeks', '5 hours/week'],
    ['zero weeks', '0 weeks', '5 hours/week'],
    ['more hours than a week has', '2 weeks', '200 hours/week'],
    ['prose', 'self-paced', '5 hours/week'],
  ])('refuses %s', (_case, length, effort) => {
    expect(() => parseStudyPlan(length, effort)).toThrow(StudyPlanError);
  });
});

describe('normaliseRecord with a study plan and prerequisites', () => {
  const course: FeedRecord = {
    recordNumber: 1,
    externalId: 'x',
    kind: 'COURSE',
    title: 'Algorithms: Design and Analysis, Part 2',
    url: 'https://www.edx.org/learn/algorithms/part-2',
  };

  it('stores the ranges, and prerequisites as URL claims (each once)', () => {
    const normalised = normaliseRecord(
      {
        ...course,
        studyPlan: { length: '8 weeks', weeklyEffort: '4-8 hours/week' },
        prerequisiteUrls: ['https://www.edx.org/learn/algorithms/part-1/', 'http://edx.org/learn/algorithms/part-1'],
      },
      emptyVocabulary,
      new Map(),
    );
    expect(normalised).toMatchObject({
      weeks: { minWeeks: 8, maxWeeks: 8 },
      weeklyEffort: { minMinutes: 240, maxMinutes: 480 },
      durationRange: { minMinutes: 1920, maxMinutes: 3840 },
      prerequisiteUrlKeys: ['edx.org/learn/algorithms/part-1'],
    });
    expect(normalised).not.toHaveProperty('durationMinutes');
  });

  it('rejects the record, naming the field, when the schedule is unreadable', () => {
    const rejection = normaliseRecord({ ...course, studyPlan: { length: 'a while', weeklyEffort: '-' } }, emptyVocabulary, new Map());
    expect(isRejection(rejection) && rejection).toMatchObject({ field: 'studyPlan', reason: expect.stringContaining('"a while"') });
  });

  it('rejects a prerequisite that is not an http(s) URL', () => {
    const rejection = normaliseRecord({ ...course, prerequisiteUrls: ['javascript:alert(1)'] }, emptyVocabulary, new Map());
    expect(isRejection(rejection) && rejection.field).toBe('prerequisiteUrls');
  });

  it('keeps a book its authors, formats and access notes, and sells it FREE', () => {
    const book = normaliseRecord(
      {
        recordNumber: 1,
        externalId: 'b',
        kind: 'BOOK',
        title: 'A Book',
        url: 'https://example.org/book',
        price: 0,
        offer: { isPaid: false },
        authors: [' Jane Doe ', 'Jane Doe', 'John Roe'],
        formats: ['PDF'],
        accessNotes: ['email address requested'],
        studyPlan: { length: '3 weeks' },
      },
      emptyVocabulary,
      new Map(),
    );
    expect(book).toMatchObject({ kind: 'BOOK', free: true, offerType: 'FREE', authors: ['Jane Doe', 'John Roe'], formats: ['PDF'] });
    expect(book).toMatchObject({ accessNotes: ['email address requested'] });
    // Course-only fields stay off a book.
    expect(book).not.toHaveProperty('weeks');
  });
});
