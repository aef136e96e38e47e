import { decodeHtmlEntities, markdownToPlainText, unescapeMarkdown } from './markdown-text';

/** One `* [Title](URL) - details` line of a list (a course, a book or an interactive tutorial). */
export interface FreeProgrammingBooksEntry {
  title: string;
  url: string;
  /** Plain text after the link: usually "Author (Platform, notes)" or "Author (PDF, HTML) (email address requested)"; null when the line has none. */
  details: string | null;
  /** Headings above the entry, outermost first: ["JavaScript", "React"]. */
  headingPath: string[];
  /** 1-based line number in the Markdown file, for error messages. */
  line: number;
}

/** A platform listed in the `0 - MOOC` section. */
export interface MoocPlatformEntry {
  name: string;
  url: string;
  line: number;
}

export interface FreeProgrammingBooksList {
  entries: FreeProgrammingBooksEntry[];
  moocPlatforms: MoocPlatformEntry[];
  /** Every content heading path (not Index, not 0 - MOOC), including headings without entries. */
  headings: string[][];
  /**
   * List lines outside the Index that could not be read as a link, with their line numbers. Links to
   * other lists or anchors ("[English, By Subject](free-programming-books-subjects.md)") are navigation,
   * not entries, and are not reported.
   */
  unparsedLines: { line: number; text: string }[];
}

const INDEX_HEADING = 'Index';
const MOOC_HEADING = '0 - MOOC';
/** Sections start at `###`; deeper levels nest below the closest shallower heading. */
const TOP_HEADING_LEVEL = 3;

/** Heading text without inline anchors (`<a id="cpp"></a>C++`) and Markdown escapes (`C\#`). */
export function cleanHeading(raw: string): string {
  return decodeHtmlEntities(unescapeMarkdown(raw.replace(/<a\b[^>]*>\s*<\/a>/gi, '').replace(/<[^>]+>/g, ''))).trim();
}

/** Reads `[text](url)` at `start` (pointing at `[`), allowing nested or escaped brackets in the text and parentheses in the URL. */
function readLink(line: string, start: number): { text: string; url: string; end: number } | null {
  if (line[start] !== '[') return null;
  let depth = 0;
  let index = start;
  for (; index < line.length; index += 1) {
    const character = line[index];
    if (character === '\\') {
      index += 1;
      continue;
    }
    if (character === '[') depth += 1;
    if (character === ']') {
      depth -= 1;
      if (depth === 0) break;
    }
  }
  if (depth !== 0 || line[index + 1] !== '(') return null;
  const text = line.slice(start + 1, index);
  let parentheses = 0;
  let urlEnd = index + 2;
  for (; urlEnd < line.length; urlEnd += 1) {
    const character = line[urlEnd];
    if (character === '(') parentheses += 1;
    if (character === ')') {
      if (parentheses === 0) break;
      parentheses -= 1;
    }
  }
  if (urlEnd >= line.length) return null;
  const url = line.slice(index + 2, urlEnd).trim();
  if (!/^https?:\/\/\S+$/i.test(url)) return null;
  return { text, url, end: urlEnd + 1 };
}

/** A list line whose link points inside the repository (another list, an anchor): navigation. */
const NAVIGATION_LINK = /^\s*[*-]\s+\[(?:\\.|[^\]\\])*\]\((?!\s*[a-z][a-z0-9+.-]*:)[^)]*\)/i;

/** Plain-text details after the link, without the conventional leading " - ". */
function readDetails(rest: string): string | null {
  const details = markdownToPlainText(rest.replace(/^\s*-\s+/, ''));
  return details.length > 0 ? details : null;
}

/**
 * Parses one of free-programming-books' lists (`free-courses-*.md`, `free-programming-books-*.md`,
 * `free-programming-interactive-tutorials-*.md`: one shape). The `### Index` list is navigation and is
 * ignored; the `### 0 - MOOC` entries of the English course list are platforms, not courses, and are
 * returned apart. Every other list line under a `###`…`#####` heading is an entry.
 */
export function parseFreeProgrammingBooks(markdown: string): FreeProgrammingBooksList {
  const list: FreeProgrammingBooksList = { entries: [], moocPlatforms: [], headings: [], unparsedLines: [] };
  let headingStack: { level: number; text: string }[] = [];
  const lines = markdown.split(/\r?\n/);

  lines.forEach((text, index) => {
    const lineNumber = index + 1;
    // A closing run of #s only counts when a space precedes it, so "C\#" keeps its sharp.
    const heading = /^(#{3,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    if (heading) {
      const level = heading[1].length;
      headingStack = [...headingStack.filter((open) => open.level < level), { level, text: cleanHeading(heading[2]) }];
      const topHeading = headingStack[0];
      if (topHeading.level === TOP_HEADING_LEVEL && topHeading.text !== INDEX_HEADING && topHeading.text !== MOOC_HEADING) {
        list.headings.push(headingStack.map((open) => open.text));
      }
      return;
    }

    const item = /^\s*[*-]\s+/.exec(text);
    if (!item || headingStack.length === 0) return;
    const section = headingStack[0].text;
    if (section === INDEX_HEADING) return;

    const link = readLink(text, item[0].length);
    if (!link && NAVIGATION_LINK.test(text)) return;
    if (!link) {
      list.unparsedLines.push({ line: lineNumber, text });
      return;
    }
    const title = markdownToPlainText(link.text);
    if (section === MOOC_HEADING) {
      list.moocPlatforms.push({ name: title, url: link.url, line: lineNumber });
      return;
    }
    list.entries.push({
      title,
      url: link.url,
      details: readDetails(text.slice(link.end)),
      headingPath: headingStack.map((open) => open.text),
      line: lineNumber,
    });
  });
  return list;
}
