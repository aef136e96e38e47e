import { textOfUnknown } from '../../../../core/text';
import type { FeedRecord, SourceAdapter } from '../../ingestion.types';
import { arrayField, isRecord, mapEntries, parseJsonFile, text, textList } from '../adapter-support';

/**
 * Coursera catalogue API (`GET /api/courses.v1?fields=…`): `{ elements[], paging { next, total } }`
 * where each course has `id`, `slug`, `name`, `description`, `primaryLanguages`, `workload`
 * ("4 weeks of study, 2-3 hours/week" or "Approx. 13 hours to complete"), `domainTypes
 * [{ domainId, subdomainId }]` and `certificates` (["VerifiedCert"]). Coursera courses are free to
 * audit, with a paid certificate: offer AUDIT, certificate PAID. The API gives no prices.
 */
export const courseraAdapter: SourceAdapter = {
  feed: 'coursera',
  description: 'Coursera catalogue API courses (JSON: elements[])',
  filePattern: /\.json$/i,
  read: (files) =>
    mapEntries(
      files,
      (file) => arrayField(parseJsonFile(file), 'elements', file, 'Coursera catalogue'),
      (entry, recordNumber): FeedRecord => {
        if (!isRecord(entry)) throw new Error('a course is not an object');
        const slug = text(entry.slug);
        const domains = Array.isArray(entry.domainTypes) ? entry.domainTypes.filter(isRecord) : [];
        const subdomains = domains.map((domain) => text(domain.subdomainId)).filter((value): value is string => value !== null);
        const certificates = textList(entry.certificates);
        return {
          recordNumber,
          externalId: text(entry.id),
          kind: 'COURSE',
          providerSlug: 'coursera',
          title: entry.name,
          url: slug ? `https://www.coursera.org/learn/${slug}` : null,
          description: entry.description ?? '',
          offer: { audit: true },
          // No `certificates` field says nothing (unknown); an empty list says there is none.
          certificate: entry.certificates == null ? null : certificates.length > 0 ? 'paid' : 'none',
          duration: normaliseWorkload(text(entry.workload)),
          level: entry.level ?? null,
          language: textList(entry.primaryLanguages)[0] ?? null,
          skillTerms: subdomains.map((subdomain) => subdomain.replace(/-/g, ' ')),
          tags: subdomains,
          format: 'online course',
        };
      },
    ),
  nextPageUrl: ({ url, body }) => {
    if (!isRecord(body) || !isRecord(body.paging) || body.paging.next == null) return null;
    const next = new URL(url);
    next.searchParams.set('start', textOfUnknown(body.paging.next));
    return next.toString();
  },
};

/** "4 weeks of study, 2-3 hours/week" → "4 weeks at 2-3 hours/week", which the duration parser reads. */
function normaliseWorkload(workload: string | null): string | null {
  if (!workload) return null;
  const weekly = /(\d+)\s*weeks?.*?(\d+(?:\s*-\s*\d+)?)\s*hours?\s*\/\s*week/i.exec(workload);
  return weekly ? `${weekly[1]} weeks at ${weekly[2]} hours/week` : workload;
}
