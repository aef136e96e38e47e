import { stableHash } from '../../../../core/stable-hash';
import type { FeedRecord, FeedReading, Rejection, SourceAdapter } from '../../ingestion.types';
import { externalIdOfUrl } from '../../url-external-id';
import { parseOssuCurriculum, type OssuCourseRow } from './ossu.parser';
import { courseUrlOf, createPrerequisiteResolver, offerOf, OSSU_FEED, type ResolvedPrerequisites } from './ossu.rules';

/** OSSU's list of extra courses, outside the curriculum (extras/courses.md; "courses.md" when ingested alone). */
const EXTRAS_FILE = /(?:^|[\\/])courses\.md$/i;

/** A course row and whether it comes from the extras list rather than the curriculum. */
interface ListedRow {
  row: OssuCourseRow;
  extra: boolean;
}

/**
 * Where an extra course sits: "Extras" and its `##` section (["Extras", "Systems"]); a table right
 * under a `#` heading ("# Online Learning - Great Courses") is filed under that heading, less the
 * list's " - Great Courses" suffix, which names the list, not the subject.
 */
function extrasHeadingPathOf(row: OssuCourseRow): string[] {
  const sections = row.headingPath.length > 0 ? row.headingPath : [row.pageHeading?.replace(/\s*-\s*Great Courses$/i, '')];
  return ['Extras', ...sections.filter((section): section is string => Boolean(section))];
}

const UNKNOWN_CELL = /^[-–—]?$/;

/** A Duration or Effort cell for a course listed twice: the first row's, unless it is unknown ("-", no column) and the later one's is known. */
function knownCell(first: string | null, later: string | null): string | null {
  return first !== null && !UNKNOWN_CELL.test(first) ? first : (later ?? first);
}

/** "OSSU Computer Science › Core CS › Core programming. 13 weeks, 8-10 hours/week. Prerequisites: …" */
function describe({ row, extra }: ListedRow, headingPath: string[], prerequisites: ResolvedPrerequisites): string {
  const schedule = [row.duration, row.effort].filter((cell) => cell && !UNKNOWN_CELL.test(cell)).join(', ');
  const trail = ['OSSU Computer Science', ...headingPath].join(' › ');
  const parts = [
    extra
      ? `Extra course recommended outside the OSSU Computer Science curriculum, ${trail}`
      : `Course of the OSSU Computer Science curriculum, ${trail}`,
  ];
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
 *
 * OSSU's extras (extras/courses.md: good courses that did not make the curriculum, with Duration and
 * Effort but no prerequisites) are read the same way under ["Extras", <section>]. The curriculum is
 * read first whatever the file order, so a course listed in both keeps its curriculum row (a Duration
 * or Effort it leaves "-" is taken from the extras row: Introduction to Haskell's 4 hours/week), and
 * prerequisites resolve only to curriculum courses, the list they are written against.
 */
export const ossuAdapter: SourceAdapter = {
  feed: OSSU_FEED,
  description: 'OSSU Computer Science curriculum README.md and extras/courses.md (Markdown course tables)',
  filePattern: /(?:^|[\\/])(?:README|courses)\.md$/i,
  read(files): FeedReading {
    const rejected: Rejection[] = [];
    const rows: ListedRow[] = [];
    const curriculumFirst = [...files].sort((a, b) => Number(EXTRAS_FILE.test(a.name)) - Number(EXTRAS_FILE.test(b.name)));
    for (const file of curriculumFirst) {
      const curriculum = parseOssuCurriculum(file.text);
      const extra = EXTRAS_FILE.test(file.name);
      rows.push(...curriculum.courses.map((row) => ({ row, extra })));
      for (const unparsed of curriculum.unparsedLines)
        rejected.push({
          recordNumber: unparsed.line,
          externalId: null,
          field: null,
          reason: `${file.name} line ${unparsed.line}: not a course row ("[Title](URL) | Duration | Effort | …")`,
        });
    }
    const resolvePrerequisites = createPrerequisiteResolver(rows.filter((listed) => !listed.extra).map((listed) => listed.row));
    const courses = new Map<string, ListedRow>();
    for (const listed of rows) {
      const externalId = stableHash(externalIdOfUrl(courseUrlOf(listed.row.target)));
      const kept = courses.get(externalId);
      const row = kept && {
        ...kept.row,
        duration: knownCell(kept.row.duration, listed.row.duration),
        effort: knownCell(kept.row.effort, listed.row.effort),
      };
      courses.set(externalId, kept && row ? { ...kept, row } : listed);
    }
    const merged = rows.length - courses.size;
    const records: FeedRecord[] = [];
    for (const [externalId, listed] of courses) {
      const { row } = listed;
      const url = courseUrlOf(row.target);
      const prerequisites = resolvePrerequisites(row);
      const headingPath = listed.extra ? extrasHeadingPathOf(row) : row.headingPath;
      records.push({
        recordNumber: row.line,
        externalId,
        kind: 'COURSE',
        title: row.title,
        url,
        description: describe(listed, headingPath, prerequisites),
        offer: offerOf(url),
        language: 'en',
        skillTermPaths: [headingPath],
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
