import { parseFreeProgrammingBooks, type FreeProgrammingBooksEntry } from '../../../../seeds/sources/free-programming-books.parser';
import { FREE_PROGRAMMING_BOOKS_FEED } from '../../../../seeds/sources/free-programming-books.resources';
import { levelFromTitle } from '../../../../seeds/resources/level-from-title';
import { urlIdentity } from '../../../../seeds/resources/url-identity';
import { slugify } from '../../../../seeds/support/slug';
import { stableHash } from '../../../../seeds/support/stable-hash';
import type { FeedRecord, FeedReading, Rejection, SourceAdapter } from '../ingestion.types';

/**
 * free-programming-books' `free-courses-*.md` (Markdown lists of `* [Title](URL) - details` under
 * headings), read by the seed's parser. A URL listed under several headings is one course with the
 * seed's external id (a hash of the URL), so ingesting the list updates the seeded resources. List
 * lines that are not links are rejected with their line number.
 */
export const freeProgrammingBooksAdapter: SourceAdapter = {
  feed: FREE_PROGRAMMING_BOOKS_FEED,
  description: 'free-programming-books free-courses-*.md (Markdown)',
  filePattern: /\.md$/i,
  read(files): FeedReading {
    const rejected: Rejection[] = [];
    const listingsByUrl = new Map<string, FreeProgrammingBooksEntry[]>();
    for (const file of files) {
      const list = parseFreeProgrammingBooks(file.text);
      for (const unparsed of list.unparsedLines) {
        rejected.push({ recordNumber: unparsed.line, externalId: null, field: null, reason: `${file.name} line ${unparsed.line}: not a "* [Title](URL)" list item` });
      }
      for (const course of list.courses) {
        const identity = urlIdentity(course.url);
        listingsByUrl.set(identity, [...(listingsByUrl.get(identity) ?? []), course]);
      }
    }
    const records = [...listingsByUrl].map(([identity, listings]): FeedRecord => {
      const [first] = listings;
      const headings = [...new Set(listings.flatMap((listing) => listing.headingPath))];
      return {
        // The record number of a course is its line, so a summary points at the line to fix.
        recordNumber: first.line,
        externalId: stableHash(identity),
        kind: 'COURSE',
        title: first.title,
        url: first.url,
        description: first.details ?? '',
        price: 0,
        offer: { isPaid: false },
        level: levelFromTitle(first.title),
        language: 'en',
        skillTerms: headings,
        tags: headings.map(slugify),
      };
    });
    return { records, rejected };
  },
};
