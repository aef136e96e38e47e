import { stableHash } from '../../../../core/stable-hash';
import type { FeedRecord, FeedReading, Rejection, SourceAdapter } from '../../ingestion.types';
import { externalIdOfUrl } from '../../url-external-id';
import { parseOssuCurriculum, type OssuCourseRow } from './ossu.parser';
import { courseUrlOf, createPrerequisiteResolver, offerOf, OSSU_FEED, type ResolvedPrerequisites } from './ossu.rules';

/** "OSSU Computer Science › Core CS › Core programming. 13 weeks, 8-10 hours/week. Prerequisites: …" */
function describe(row: OssuCourseRow, prerequisites: ResolvedPrerequisites): string {
  const schedule = [row.duration, row.effort].filter((cell) => cell && !/^[-–—]?$/.test(cell)).join(', ');
  const parts = [`Course of the OSSU Computer Science curriculum, ${['OSSU Computer Science', ...row.headingPath].join(' › ')}`];
  if (schedule) parts.push(schedule);
  if (row.prerequisites) parts.push(`Prerequisites: ${row.prerequisites.text}`);
  if (prerequisites.unresolved.length > 0) parts.push(`Not in the curriculum: ${prerequisites.unresolved.join('; ')}`);
  return `${parts.join('. ')}.`;
}

/**
 * OSSU's Computer Science curriculum (its README's course tables, `./ossu.parser.ts`). Each row is a
 * COURSE: the provider from its URL's host (Coursera, edX, MIT OCW, …; a course linked to OSSU's own
 * page in the repository gets that page on GitHub), its Duration and Effort cells as a study plan the
 * normaliser reads ("10-12 weeks", "6-8 hours/week", both ends kept), and its prerequisites resolved
 * to the URLs of other courses of the curriculum (`createPrerequisiteResolver`); what names no course
 * ("high school math") stays in the description. Skills come from the stage and topic headings and
 * from the title. A URL listed twice is one course (its first row); rows that are not courses are
 * rejected with their line.
 */
export const ossuAdapter: SourceAdapter = {
  feed: OSSU_FEED,
  description: 'OSSU Computer Science curriculum README.md (Markdown course tables)',
  filePattern: /(?:^|[\\/])README\.md$/i,
  read(files): FeedReading {
    const rejected: Rejection[] = [];
    const rows: OssuCourseRow[] = [];
    for (const file of files) {
      const curriculum = parseOssuCurriculum(file.text);
      rows.push(...curriculum.courses);
      for (const unparsed of curriculum.unparsedLines)
        rejected.push({
          recordNumber: unparsed.line,
          externalId: null,
          field: null,
          reason: `${file.name} line ${unparsed.line}: not a course row ("[Title](URL) | Duration | Effort | …")`,
        });
    }
    const resolvePrerequisites = createPrerequisiteResolver(rows);
    const seen = new Set<string>();
    const records: FeedRecord[] = [];
    let merged = 0;
    for (const row of rows) {
      const url = courseUrlOf(row.target);
      const externalId = stableHash(externalIdOfUrl(url));
      if (seen.has(externalId)) {
        merged += 1;
        continue;
      }
      seen.add(externalId);
      const prerequisites = resolvePrerequisites(row);
      records.push({
        recordNumber: row.line,
        externalId,
        kind: 'COURSE',
        title: row.title,
        url,
        description: describe(row, prerequisites),
        offer: offerOf(url),
        language: 'en',
        skillTermPaths: [row.headingPath],
        tags: ['ossu'],
        studyPlan: { length: row.duration, weeklyEffort: row.effort },
        prerequisiteUrls: prerequisites.urls,
      });
    }
    return {
      records,
      rejected,
      merged: merged > 0 ? [{ reason: 'URL listed more than once: merged into one course', count: merged }] : [],
    };
  },
};
