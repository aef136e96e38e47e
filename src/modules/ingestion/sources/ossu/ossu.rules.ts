import { hostOfUrl } from '../../../provider/provider-matcher';
import { pageKeyOf } from '../../../resource/resource-url';
import type { FeedRecord } from '../../ingestion.types';
import type { OssuCourseRow } from './ossu.parser';

/** The OSSU curriculum feed's rules, used by its ingestion adapter (./ossu.adapter.ts). */
export const OSSU_FEED = 'ossu';

/** Where a path inside the OSSU repository ("coursepages/spd/README.md") is published. */
const REPOSITORY_PAGES = 'https://github.com/ossu/computer-science/blob/master/';

/** The course's URL: its link when absolute, else OSSU's own page about it on GitHub (which names the real course). */
export function courseUrlOf(target: string): string {
  return /^https?:\/\//i.test(target) ? target : new URL(target.replace(/^\.?\//, ''), REPOSITORY_PAGES).toString();
}

/** Platforms where a course is free to follow and grading or the certificate is paid (OSSU's "Cost" note). */
const AUDIT_HOSTS = ['coursera.org', 'edx.org'];

/**
 * How a course is sold: OSSU's README says all or nearly all material is free and some courses charge
 * for graded work; on Coursera and edX that is the audit track, elsewhere the material is free.
 */
export function offerOf(url: string): NonNullable<FeedRecord['offer']> {
  const host = hostOfUrl(url) ?? '';
  return AUDIT_HOSTS.some((auditHost) => host === auditHost || host.endsWith(`.${auditHost}`)) ? { audit: true } : { isPaid: false };
}

/** Lower-case words without punctuation: "Object-Oriented Design" and "Object Oriented Design" compare equal. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** `words` in order within `title`, the first of them first ("calculus 1a" in "calculus 1a differentiation"). */
function isSubsequence(words: readonly string[], title: readonly string[]): boolean {
  if (words.length === 0 || title[0] !== words[0]) return false;
  let position = 0;
  for (const word of title) if (word === words[position]) position += 1;
  return position >= words.length;
}

/** What a prerequisite cell came to: the courses of the curriculum it names, and the rest as written. */
export interface ResolvedPrerequisites {
  /** The prerequisite courses' URLs (as `courseUrlOf` gives them), in the cell's order, each once. */
  urls: string[];
  /** Parts that name no course of the curriculum ("high school math", "Core Security"), as written. */
  unresolved: string[];
}

const COREQUISITE = /^\s*co-?requisites?\s*:/i;
const NO_PREREQUISITES = /^\s*(?:none|-|–|—)?\s*$/i;

/**
 * Resolves prerequisite cells to courses of the same curriculum. A part of a cell names a course when
 * its link points at the course, or when it has two words or more and they equal the course title's
 * words, or appear in order in exactly one title starting with its first word or the first word after
 * a colon ("Calculus 1A" → "Calculus 1A: Differentiation", "Algorithms Part 1" → "Algorithms: Design
 * and Analysis, Part 1", "Nand to Tetris Part II" → "…: Nand to Tetris Part II"). A single word
 * ("probability") names a subject, not a course. Parts are split at commas,
 * rejoining neighbours that together name a course (titles have commas too), then at "and".
 * Ambiguous or unknown parts stay unresolved; corequisites are not prerequisites and are left out.
 */
export function createPrerequisiteResolver(courses: readonly OssuCourseRow[]) {
  const catalogue = courses.map((course) => ({
    url: courseUrlOf(course.target),
    words: wordsOf(course.title),
    // A title's parts after a colon name the course too ("Nand to Tetris Part II").
    starts: course.title.split(':').map((part) => wordsOf(part)),
  }));
  const byPage = new Map(catalogue.map((course) => [pageKeyOf(course.url), course.url]));

  function courseNamed(text: string): string | null {
    const words = wordsOf(text);
    // One word ("probability", "algorithms") names a subject, not a course.
    if (words.length < 2) return null;
    const exact = catalogue.find((course) => course.words.join(' ') === words.join(' '));
    if (exact) return exact.url;
    const shortened = catalogue.filter((course) =>
      course.starts.some((part, index) =>
        isSubsequence(words, index === 0 ? course.words : course.words.slice(course.words.indexOf(part[0] ?? ''))),
      ),
    );
    return shortened.length === 1 ? shortened[0].url : null;
  }

  /** The longest run of parts from `start` that names a course, and where it ends (exclusive). */
  function longestCourseRun(parts: readonly string[], start: number): { url: string; end: number } | null {
    for (let end = parts.length; end > start; end -= 1) {
      const url = courseNamed(parts.slice(start, end).join(', '));
      if (url) return { url, end };
    }
    return null;
  }

  return function resolve(row: OssuCourseRow): ResolvedPrerequisites {
    const urls = new Set<string>();
    const unresolved: string[] = [];
    const cell = row.prerequisites;
    if (!cell || COREQUISITE.test(cell.text) || NO_PREREQUISITES.test(cell.text)) return { urls: [], unresolved: [] };
    const linkedTexts = new Set<string>();
    for (const link of cell.links) {
      const url = /^https?:\/\//i.test(link.target) ? byPage.get(pageKeyOf(link.target)) : undefined;
      if (url) {
        urls.add(url);
        linkedTexts.add(link.text);
      }
    }
    const parts = cell.text.split(/\s*,\s*/).filter((part) => part.length > 0);
    for (let start = 0; start < parts.length;) {
      const longest = longestCourseRun(parts, start);
      if (longest) {
        urls.add(longest.url);
        start = longest.end;
        continue;
      }
      for (const piece of parts[start].split(/\s+and\s+/i)) {
        const text = piece.replace(/^and\s+/i, '').trim();
        if (text.length === 0 || linkedTexts.has(text)) continue;
        const named = courseNamed(text);
        if (named) urls.add(named);
        else unresolved.push(text);
      }
      start += 1;
    }
    urls.delete(courseUrlOf(row.target));
    return { urls: [...urls], unresolved };
  };
}
