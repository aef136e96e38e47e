import { markdownToPlainText } from '../free-programming-books/markdown-text';

/** A Markdown link: its text (plain) and its target as written (absolute, or a path inside the repository). */
export interface OssuLink {
  text: string;
  target: string;
}

/** One row of a course table of OSSU's curriculum README. */
export interface OssuCourseRow {
  title: string;
  /** The course's link as written: absolute, or a path inside the OSSU repository ("coursepages/spd/README.md"). */
  target: string;
  /** The `##` stage and `###` topic the table sits under, outermost first: ["Core CS", "Core programming"]. */
  headingPath: string[];
  /** The `#` heading the table sits under ("Online Learning - Great Courses"); null before the first one. */
  pageHeading: string | null;
  /** The Duration cell as written ("13 weeks", "10-12 weeks", "-"); null when the table has no such column. */
  duration: string | null;
  /** The Effort cell as written ("8-10 hours/week", "-"); null when the table has no such column. */
  effort: string | null;
  /** The Prerequisites cell as plain text ("Systematic Program Design, High School Math"), and the links in it. */
  prerequisites: { text: string; links: OssuLink[] } | null;
  /** 1-based line number in the README. */
  line: number;
}

export interface OssuCurriculum {
  courses: OssuCourseRow[];
  /** Table rows that could not be read as a course (no link in the first cell, too few cells), with their line numbers. */
  unparsedLines: { line: number; text: string }[];
}

/** Cells of a table row: split on pipes that are not escaped, outer pipes optional. */
function cellsOf(row: string): string[] {
  const cells = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
  return cells;
}

const LINK = /\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/g;

function linksOf(markdown: string): OssuLink[] {
  return [...markdown.matchAll(LINK)].map((match) => ({ text: markdownToPlainText(match[1]), target: match[2] }));
}

/** The first cell's course: its first link, titled by the text before it when the cell opens with text ("Distributed Systems - [Playlist](…)"). */
function courseLinkOf(cell: string): OssuLink | null {
  const [link] = linksOf(cell);
  if (!link) return null;
  const leading = markdownToPlainText(cell.slice(0, cell.indexOf('[')))
    .replace(/[\s:–—-]+$/, '')
    .trim();
  return leading ? { text: leading, target: link.target } : link;
}

const HTML_COMMENT = /<!--.*?-->/g;
const SEPARATOR_ROW = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const EMPTY_CELL = /^(?:-|–|—)?$/;

/**
 * Parses the course tables of OSSU's curriculum README (`## Stage` / `### Topic` headings, then a
 * Markdown table whose header names its columns: `Courses | Duration | Effort | … | Prerequisites |
 * …`; the columns vary between tables, so each is found by its header). Each row is a course: the
 * first link of its first cell is the course (an "(alternative)" link after it is not). A table
 * without a Prerequisites column (OSSU's extras/courses.md) gives null prerequisites. HTML comments
 * are not content and are dropped. Cells are returned as written; judging them is the adapter's and
 * the normaliser's job.
 */
export function parseOssuCurriculum(markdown: string): OssuCurriculum {
  const curriculum: OssuCurriculum = { courses: [], unparsedLines: [] };
  const lines = markdown.split(/\r?\n/);
  let page: string | null = null;
  let stage: string | null = null;
  let topic: string | null = null;
  let columns: Map<string, number> | null = null;

  lines.forEach((written, index) => {
    const text = written.replace(HTML_COMMENT, '').trimEnd();
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      const level = heading[1].length;
      const title = markdownToPlainText(heading[2]);
      if (level === 1) page = title;
      if (level <= 2) [stage, topic] = [level === 2 ? title : null, null];
      else if (level === 3) topic = title;
      columns = null;
      return;
    }
    if (!text.includes('|')) {
      if (text.trim() === '') columns = null;
      return;
    }
    if (SEPARATOR_ROW.test(text)) return;
    const cells = cellsOf(text);
    if (!columns) {
      if (!/^courses?$/i.test(cells[0] ?? '')) return;
      columns = new Map(cells.map((cell, position) => [cell.toLowerCase(), position]));
      return;
    }
    const lineNumber = index + 1;
    const link = courseLinkOf(cells[0] ?? '');
    if (!link || cells.length < columns.size - 1) {
      curriculum.unparsedLines.push({ line: lineNumber, text: written });
      return;
    }
    const cell = (name: string): string | null => {
      const position = columns?.get(name);
      return position === undefined ? null : (cells[position] ?? '');
    };
    const prerequisites = cell('prerequisites');
    curriculum.courses.push({
      title: link.text,
      target: link.target,
      headingPath: [stage, topic].filter((heading): heading is string => heading !== null),
      pageHeading: page,
      duration: cell('duration'),
      effort: cell('effort'),
      prerequisites:
        prerequisites === null || EMPTY_CELL.test(prerequisites)
          ? null
          : { text: markdownToPlainText(prerequisites), links: linksOf(prerequisites) },
      line: lineNumber,
    });
  });
  return curriculum;
}
