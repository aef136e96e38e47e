import { createProviderMatcher, hostOfUrl } from '../../../provider/provider-matcher';
import { providers } from '../../../provider/known-providers';
import { foldText, slugify } from '../../../../core/text';
import type { FreeProgrammingBooksEntry } from './free-programming-books.parser';

/**
 * The free-programming-books feed's rules, used by its ingestion adapter
 * (./free-programming-books.adapter.ts), which both `npm run ingest` and
 * the seed run.
 */
export const FREE_PROGRAMMING_BOOKS_FEED = 'free-programming-books';

const VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'vimeo.com'];
const VIDEO_DETAILS = /\b(?:youtube|video|playlist|screencasts?)\b/i;
const providerMatcher = createProviderMatcher(providers);

/** "video" for video sites and entries that say so, "online course" on course platforms, otherwise unknown. */
export function courseFormatOf(entry: Pick<FreeProgrammingBooksEntry, 'url' | 'details'>): string | null {
  const host = hostOfUrl(entry.url) ?? '';
  if (VIDEO_HOSTS.some((videoHost) => host === videoHost || host.endsWith(`.${videoHost}`))) return 'video';
  if (entry.details && VIDEO_DETAILS.test(entry.details)) return 'video';
  const provider = providerMatcher.providerForUrl(entry.url);
  if (provider.kind === 'MOOC_PLATFORM' || provider.kind === 'MARKETPLACE') return 'online course';
  return null;
}

/** Tags: the headings the course is listed under, and notes the list makes about access. */
export function courseTagsOf(listings: readonly FreeProgrammingBooksEntry[]): string[] {
  const tags = new Set<string>();
  for (const listing of listings) for (const heading of listing.headingPath) tags.add(slugify(heading));
  const details = listings.map((listing) => listing.details ?? '').join(' ');
  if (/\barchived\b/i.test(details)) tags.add('archived');
  if (/\b(?:account|email address|registration|sign[- ]?up)\b[^)]*\brequired\b/i.test(details)) tags.add('account-required');
  return [...tags];
}

/** Which list a file is: its entries' kind, and the language its name gives. */
export type ListKind = 'course' | 'interactive tutorial' | 'book';

export interface ListFile {
  kind: ListKind;
  /** The file's language suffix as written ("en", "pt_BR"); the normaliser turns it into ISO 639-1. Null: the name does not say. */
  language: string | null;
}

const LIST_FILES: ReadonlyArray<{ pattern: RegExp; kind: ListKind }> = [
  { pattern: /(?:^|[\\/])free-courses-([^\\/]+)\.md$/i, kind: 'course' },
  { pattern: /(?:^|[\\/])free-programming-interactive-tutorials-([^\\/]+)\.md$/i, kind: 'interactive tutorial' },
  { pattern: /(?:^|[\\/])free-programming-books-([^\\/]+)\.md$/i, kind: 'book' },
];
/** The English book lists are named by how they are sorted, not by language. */
const ENGLISH_BOOK_LISTS = new Set(['langs', 'subjects']);

/** Every list file the feed reads: courses, interactive tutorials and books, in every language. */
export const LIST_FILE_PATTERN = new RegExp(LIST_FILES.map(({ pattern }) => pattern.source).join('|'), 'i');

/**
 * The list a file name is (`books/free-programming-books-de.md`: books in German). A file named
 * otherwise (`npm run ingest` of one file saved under another name) is read as a course list, the
 * shape the feed had first, in a language its name does not give.
 */
export function listFileOf(name: string): ListFile {
  for (const { pattern, kind } of LIST_FILES) {
    const suffix = pattern.exec(name)?.[1];
    if (suffix !== undefined) return { kind, language: ENGLISH_BOOK_LISTS.has(suffix.toLowerCase()) ? 'en' : suffix };
  }
  return { kind: 'course', language: null };
}

/**
 * The order listings are taken in when one URL is listed several times (the first listing gives the
 * title, kind and language): courses, then interactive tutorials, then books, English lists first
 * within each. So a page the course list has is a course (as it was before the book lists came), and
 * one listed in English and in a translation keeps its English title.
 */
export function listPrecedence(file: ListFile): number {
  const kindRank = file.kind === 'course' ? 0 : file.kind === 'interactive tutorial' ? 1 : 2;
  return kindRank * 2 + (file.language === 'en' ? 0 : 1);
}

/** "<details>. Free book listed under A › B, C in free-programming-books." */
export function describeListing(kind: ListKind, first: FreeProgrammingBooksEntry, listings: readonly FreeProgrammingBooksEntry[]): string {
  const headings = [...new Set(listings.map((listing) => listing.headingPath.join(' › ')))];
  const listedUnder = `Free ${kind} listed under ${headings.join(', ')} in free-programming-books.`;
  return first.details ? `${first.details}. ${listedUnder}` : listedUnder;
}

/** What a book line's details say: "Jane Doe, John Roe (PDF, EPUB) (email address requested)". */
export interface BookDetails {
  authors: string[];
  formats: string[];
  accessNotes: string[];
}

/** Format names as the lists write them, in the spelling stored. */
const FORMAT_NAMES: Record<string, string> = {
  pdf: 'PDF',
  html: 'HTML',
  epub: 'EPUB',
  mobi: 'MOBI',
  kindle: 'Kindle',
  azw3: 'AZW3',
  odt: 'ODT',
  docx: 'DOCX',
  txt: 'TXT',
  markdown: 'Markdown',
  md: 'Markdown',
  ipynb: 'Jupyter notebook',
  jupyter: 'Jupyter notebook',
  online: 'HTML',
  web: 'HTML',
  latex: 'LaTeX',
  tex: 'LaTeX',
  ps: 'PostScript',
  postscript: 'PostScript',
  chm: 'CHM',
  djvu: 'DjVu',
  slides: 'slides',
  video: 'video',
  zip: 'ZIP',
};
/** A note about getting at the book: an address or account asked for, a registration, a log-in. */
const ACCESS_NOTE =
  /\b(?:requested|required|registration|register|sign[- ]?up|sign[- ]?in|log[- ]?in|account|e-?mail|subscription|membership|paywall)\b/i;
/** A trailing "(…)" group, innermost parentheses allowed ("(PDF - older versions)"). */
const TRAILING_GROUP = /\(((?:[^()]|\([^()]*\))*)\)\s*$/;
/** Separators between authors: commas, "and", "&" (a publisher after "@" is not an author). */
const AUTHOR_SEPARATOR = /\s*,\s*|\s+(?:and|&)\s+/i;

/** The format an item of a parenthetical group names ("PDF", "HTML (read online)"), or null. */
function formatOf(item: string): string | null {
  return FORMAT_NAMES[/^[a-z0-9]+/i.exec(item.trim())?.[0]?.toLowerCase() ?? ''] ?? null;
}

/**
 * Reads a book line's details: authors before the parentheses, then each trailing group: a note about
 * access ("email address requested, not required", "Packt account required") as a whole, else its
 * comma-separated items that name a format ("PDF", "HTML", "EPUB"). Licences ("CC BY-SA"), versions
 * and states ("archived") are neither and are left to the description.
 */
export function bookDetailsOf(details: string | null): BookDetails {
  const formats = new Set<string>();
  const accessNotes: string[] = [];
  let rest = (details ?? '').trim();
  for (let group = TRAILING_GROUP.exec(rest); group; group = TRAILING_GROUP.exec(rest)) {
    const inside = group[1].replace(/\s+/g, ' ').trim();
    rest = rest.slice(0, group.index).trim();
    const items = inside.split(/\s*[,;/]\s*/);
    if (ACCESS_NOTE.test(inside)) {
      // Formats may lead the group ("PDF, email address requested"); the note is the rest of it.
      let firstNoteItem = 0;
      for (let format = formatOf(items[0]); format; format = formatOf(items[firstNoteItem] ?? '')) {
        formats.add(format);
        firstNoteItem += 1;
      }
      accessNotes.unshift(items.slice(firstNoteItem).join(', ').toLowerCase());
      continue;
    }
    for (const format of items.map(formatOf)) if (format) formats.add(format);
  }
  const byline = rest
    .replace(/^-\s*/, '')
    .replace(/\s+-\s*$/, '')
    .split(/\s+@\s+/)[0]
    .trim();
  const authors = byline
    .split(AUTHOR_SEPARATOR)
    .map((author) => author.trim())
    .filter((author) => author.length > 0 && author.length <= 200);
  return { authors: [...new Set(authors)], formats: [...formats], accessNotes };
}

/** The words of a title that tell titles apart: folded, three letters or more. */
function titleWords(title: string): Set<string> {
  return new Set(foldText(title).match(/[a-z0-9]{3,}/g) ?? []);
}

/**
 * Whether two entries listing one page are one resource under two titles ("Think Complexity" and
 * "Think Complexity (2nd Edition)") rather than two books behind a shared landing page (CZ.NIC's
 * knihy.nic.cz lists "Pro Git" and a book on HTML5): at least half of their title words shared.
 * Titles in other scripts share no word with the first listing's and count as other books: their
 * headings, in that language, add nothing the first listing's do not.
 */
export function titlesAgree(first: string, other: string): boolean {
  if (foldText(first).trim() === foldText(other).trim()) return true;
  const left = titleWords(first);
  const right = titleWords(other);
  const shared = [...left].filter((word) => right.has(word)).length;
  const all = new Set([...left, ...right]).size;
  return all > 0 && shared / all >= 0.5;
}
