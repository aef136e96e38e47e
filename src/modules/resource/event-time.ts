import { registerEnumType } from 'type-graphql';
import { startOfUtcDay } from '../../core/clock';

export enum EventTime {
  UPCOMING = 'UPCOMING',
  PAST = 'PAST',
  ANY = 'ANY',
}

registerEnumType(EventTime, {
  name: 'EventTime',
  description:
    'Which events a list, relation, facet or coverage figure counts; resources that are not events are never affected. ' +
    'An event is upcoming while its last day (its end date, or its start date when it has none) is today or later, in UTC; ' +
    'from the next UTC midnight on it is past. An event with no date at all counts as past: it cannot be shown as coming up ' +
    '(ingestion refuses events without a start date, so none is stored).',
  valuesConfig: {
    UPCOMING: { description: 'Only events that have not ended (the default everywhere).' },
    PAST: { description: 'Only events that have ended.' },
    ANY: { description: 'Every event, past or upcoming.' },
  },
});

export const DEFAULT_EVENT_TIME = EventTime.UPCOMING;

/** The last day of an event, as an aggregation expression: its end date, or its start date when it has none. */
const LAST_DAY = { $ifNull: ['$endDate', '$startDate'] };

/**
 * The condition on resources for `eventTime` on `now`'s UTC day, or null for ANY. Non-events always
 * pass. Plain query operators only (no `$expr`), so the `startDate` index and mongo-java-server work.
 */
export function eventTimeCondition(eventTime: EventTime, now: Date): Record<string, unknown> | null {
  if (eventTime === EventTime.ANY) return null;
  const today = startOfUtcDay(now);
  const lastDay =
    eventTime === EventTime.UPCOMING
      ? [{ endDate: { $gte: today } }, { endDate: null, startDate: { $gte: today } }]
      : [{ endDate: { $lt: today } }, { endDate: null, startDate: { $lt: today } }, { endDate: null, startDate: null }];
  return { $or: [{ kind: { $ne: 'EVENT' } }, ...lastDay.map((condition) => ({ kind: 'EVENT', ...condition }))] };
}

/** True for an upcoming event on `now`'s UTC day, as an aggregation expression (for counts of both in one pass). */
export function isUpcomingEventExpression(now: Date): Record<string, unknown> {
  return { $and: [{ $eq: ['$kind', 'EVENT'] }, { $gte: [LAST_DAY, startOfUtcDay(now)] }] };
}

/** True for a past event (or one with no date) on `now`'s UTC day, as an aggregation expression. */
export function isPastEventExpression(now: Date): Record<string, unknown> {
  return { $and: [{ $eq: ['$kind', 'EVENT'] }, { $not: [{ $gte: [LAST_DAY, startOfUtcDay(now)] }] }] };
}

/** True for a resource `eventTime` counts, as an aggregation expression. */
export function eventTimeExpression(eventTime: EventTime, now: Date): Record<string, unknown> | boolean {
  if (eventTime === EventTime.ANY) return true;
  const matching = eventTime === EventTime.UPCOMING ? isUpcomingEventExpression(now) : isPastEventExpression(now);
  return { $or: [{ $ne: ['$kind', 'EVENT'] }, matching] };
}
