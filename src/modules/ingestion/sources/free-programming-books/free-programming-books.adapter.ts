import { parseFreeProgrammingBooks, type FreeProgrammingBooksEntry } from './free-programming-books.parser';
import { courseFormatOf, courseTagsOf, describeCourse, FREE_PROGRAMMING_BOOKS_FEED } from './free-programming-books.rules';
import { externalIdOfUrl } from '../../url-external-id';
import { pageKeyOf } from '../../../resource/resource-url';
import { stableHash } from '../../../../core/stable-hash';
import type { FeedRecord, FeedReading, Rejection, SourceAdapter } from '../../ingestion.types';

/**
 * free-programming-books' `free-courses-*.md` (Markdown lists of `* [Title](URL) - details` under
 * headings), read by its parser; the seed itself loads the list through this adapter. A page
 * (`pageKeyOf`) listed under several headings (or twice under one) is one course: its external id is a
 * hash of `externalIdOfUrl` of its first listing, it keeps the first listing's title, and gathers the
 * headings of every listing. Skills come from each listing's own heading, or the closest heading
 * above it that names one ("IBM" under "Cloud Computing"). List lines that are not links are
 * rejected with their line number.
 */
export const freeProgrammingBooksAdapter: SourceAdapter = {
  feed: FREE_PROGRAMMING_BOOKS_FEED,
  description: 'free-programming-books free-courses-*.md (Markdown)',
  filePattern: /(?:^|[\\/])free-courses-[^\\/]*\.md$/i,
  read(files): FeedReading {
    const rejected: Rejection[] = [];
    const listingsByUrl = new Map<string, FreeProgrammingBooksEntry[]>();
    let listings = 0;
    for (const file of files) {
      const list = parseFreeProgrammingBooks(file.text);
      for (const unparsed of list.unparsedLines) {
        rejected.push({
          recordNumber: unparsed.line,
          externalId: null,
          field: null,
          reason: `${file.name} line ${unparsed.line}: not a "* [Title](URL)" list item`,
        });
      }
      for (const course of list.courses) {
        listings += 1;
        const page = pageKeyOf(course.url) ?? course.url.trim();
        const same = listingsByUrl.get(page);
        if (same) same.push(course);
        else listingsByUrl.set(page, [course]);
      }
    }
    const records = [...listingsByUrl.values()].map((courseListings): FeedRecord => {
      const [first] = courseListings;
      return {
        // The record number of a course is its line, so a summary points at the line to fix.
        recordNumber: first.line,
        externalId: stableHash(externalIdOfUrl(first.url)),
        kind: 'COURSE',
        title: first.title,
        url: first.url,
        description: describeCourse(first, courseListings),
        price: 0,
        offer: { isPaid: false },
        // No level field: the normaliser reads one from the title and records that it did (levelSource TITLE).
        language: 'en',
        skillTermPaths: courseListings.map((listing) => listing.headingPath),
        tags: courseTagsOf(courseListings),
        format: courseFormatOf(first),
      };
    });
    const merged = listings - listingsByUrl.size;
    return {
      records,
      rejected,
      merged: merged > 0 ? [{ reason: 'URL listed more than once: merged into one course', count: merged }] : [],
    };
  },
};
