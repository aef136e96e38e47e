import type { FeedRecord, SourceAdapter } from '../../ingestion.types';
import { arrayField, isRecord, mapEntries, parseJsonFile, text } from '../adapter-support';

const UDEMY_ORIGIN = 'https://www.udemy.com';

/**
 * Udemy Affiliate API 2.0 course list (`GET /api-2.0/courses/`): `{ count, next, previous, results[] }`
 * where each course has `id`, `title`, `url` (a path), `headline`, `is_paid`, `price_detail { amount,
 * currency }` (null for free courses), `num_reviews`, `rating`, `content_info` ("4.5 total hours"),
 * `instructional_level`, `locale { locale }` and `primary_subcategory { title }`.
 */
export const udemyAdapter: SourceAdapter = {
  feed: 'udemy',
  description: 'Udemy Affiliate API course list (JSON: results[])',
  filePattern: /\.json$/i,
  read: (files) =>
    mapEntries(
      files,
      (file) => arrayField(parseJsonFile(file), 'results', file, 'Udemy course list'),
      (entry, recordNumber): FeedRecord => {
        if (!isRecord(entry)) throw new Error('a course is not an object');
        const priceDetail = isRecord(entry.price_detail) ? entry.price_detail : null;
        const path = text(entry.url);
        const subcategory = isRecord(entry.primary_subcategory) ? text(entry.primary_subcategory.title) : null;
        const category = isRecord(entry.primary_category) ? text(entry.primary_category.title) : null;
        const isPaid = typeof entry.is_paid === 'boolean' ? entry.is_paid : null;
        return {
          recordNumber,
          externalId: typeof entry.id === 'number' || typeof entry.id === 'string' ? String(entry.id) : null,
          kind: 'COURSE',
          providerSlug: 'udemy',
          title: entry.title,
          url: path && path.startsWith('/') ? `${UDEMY_ORIGIN}${path}` : path,
          description: text(entry.headline) ?? '',
          price: priceDetail ? priceDetail.amount : isPaid === false ? 0 : (entry.price ?? null),
          currency: priceDetail?.currency,
          offer: { isPaid },
          // Paid Udemy courses come with a certificate of completion; free ones do not.
          certificate: isPaid === null ? null : isPaid ? 'paid' : 'none',
          duration: entry.content_info ?? null,
          level: entry.instructional_level,
          language: isRecord(entry.locale) ? entry.locale.locale : entry.locale,
          rating: { average: entry.rating, count: entry.num_reviews },
          skillTerms: subcategory ? [subcategory] : [],
          tags: [category, subcategory].filter((tag): tag is string => tag !== null),
          format: 'video course',
        };
      },
    ),
  nextPageUrl: ({ body }) => (isRecord(body) && typeof body.next === 'string' ? body.next : null),
};
