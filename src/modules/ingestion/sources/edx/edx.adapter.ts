import { textOfUnknown } from '../../../../core/text';
import type { FeedRecord, SourceAdapter } from '../../ingestion.types';
import { arrayField, isRecord, mapEntries, parseJsonFile, text } from '../adapter-support';

/**
 * edX course-discovery API (`GET /api/v1/courses/`): `{ count, next, previous, results[] }` where each
 * course has `key` ("HarvardX+CS50x"), `title`, `short_description`, `level_type`, `subjects [{ name }]`
 * and `course_runs [{ key, start, end, marketing_url, content_language, weeks_to_complete, min_effort,
 * max_effort, seats [{ type: audit|verified|professional|…, price, currency }] }]`. The run that
 * starts last is the one described; an audit seat makes the offer AUDIT, a verified or professional
 * seat sells the certificate (PAID) at its price.
 */
export const edxAdapter: SourceAdapter = {
  feed: 'edx',
  description: 'edX course-discovery API courses (JSON: results[] with course_runs and seats)',
  filePattern: /\.json$/i,
  read: (files) =>
    mapEntries(
      files,
      (file) => arrayField(parseJsonFile(file), 'results', file, 'edX course-discovery'),
      (entry, recordNumber): FeedRecord => {
        if (!isRecord(entry)) throw new Error('a course is not an object');
        const runs = (Array.isArray(entry.course_runs) ? entry.course_runs.filter(isRecord) : []).sort((left, right) =>
          textOfUnknown(right.start ?? '').localeCompare(textOfUnknown(left.start ?? '')),
        );
        const run = runs[0];
        if (!run) throw new Error('the course has no course_runs');
        const seats = Array.isArray(run.seats) ? run.seats.filter(isRecord) : [];
        const audit = seats.some((seat) => seat.type === 'audit');
        const certificateSeat = seats.find(
          (seat) => seat.type === 'verified' || seat.type === 'professional' || seat.type === 'no-id-professional',
        );
        const paidSeat = certificateSeat ?? seats.find((seat) => Number(seat.price) > 0);
        const subjects = (Array.isArray(entry.subjects) ? entry.subjects.filter(isRecord) : [])
          .map((subject) => text(subject.name))
          .filter((name): name is string => name !== null);
        const weeks = Number(run.weeks_to_complete);
        const minEffort = Number(run.min_effort);
        const maxEffort = Number(run.max_effort ?? run.min_effort);
        return {
          recordNumber,
          externalId: text(entry.key),
          kind: 'COURSE',
          providerSlug: 'edx',
          title: entry.title,
          url: text(run.marketing_url) ?? text(entry.marketing_url),
          description: entry.short_description ?? '',
          price: paidSeat ? paidSeat.price : audit ? 0 : null,
          currency: paidSeat?.currency,
          offer: { audit, isPaid: !audit && paidSeat ? true : null },
          certificate: certificateSeat ? 'paid' : seats.length > 0 ? 'none' : null,
          duration: weeks > 0 && minEffort > 0 ? `${weeks} weeks at ${minEffort}-${maxEffort} hours/week` : null,
          level: entry.level_type,
          language: run.content_language,
          skillTerms: subjects,
          tags: subjects,
          format: run.pacing_type === 'self_paced' ? 'self-paced online course' : 'online course',
        };
      },
    ),
  nextPageUrl: ({ body }) => (isRecord(body) && typeof body.next === 'string' ? body.next : null),
};
