import { DateResolver } from 'graphql-scalars';
import { Field, Float, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import type { NodeTypeName } from '../../core/relay/global-id';
import { Node } from '../node/node.type';
import { Level } from '../shared-enums';
import { Skill } from '../skill/skill.type';
import { SkillMatchSource } from '../skill-matching/skill-match.type';
import type { ResourceKindValue } from './resource.model';

/** The date-only scalar ("2025-06-12") of event dates; graphql-scalars' `Date`. */
export const DateScalar = DateResolver;

export enum ResourceKind {
  COURSE = 'COURSE',
  OPEN_SOURCE_PROJECT = 'OPEN_SOURCE_PROJECT',
  EVENT = 'EVENT',
  BOOK = 'BOOK',
}

registerEnumType(ResourceKind, {
  name: 'ResourceKind',
  description: 'What sort of learning resource a record is; decides its GraphQL type.',
  valuesConfig: {
    COURSE: { description: 'A course (Coursera, Udemy, edX, a free book or tutorial): exposed as `Course`.' },
    OPEN_SOURCE_PROJECT: { description: 'An open-source project that welcomes contributors: exposed as `OpenSourceProject`.' },
    EVENT: { description: 'A conference or meetup: exposed as `Event`.' },
    BOOK: { description: 'A book (free to read online or download): exposed as `Book`.' },
  },
});

export enum Certificate {
  NONE = 'NONE',
  FREE = 'FREE',
  PAID = 'PAID',
}

registerEnumType(Certificate, {
  name: 'Certificate',
  description: 'Whether completing a course earns a certificate, and at what cost.',
  valuesConfig: {
    NONE: { description: 'No certificate is offered.' },
    FREE: { description: 'A certificate is included at no cost.' },
    PAID: { description: 'A certificate is available for a fee.' },
  },
});

export enum Pricing {
  FREE = 'FREE',
  PAID = 'PAID',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(Pricing, {
  name: 'Pricing',
  description: 'What is known about what a resource costs: known free, known paid, or not known.',
  valuesConfig: {
    FREE: { description: 'Known to cost nothing to follow (a paid certificate may still be offered: see `offerType`).' },
    PAID: { description: 'Known to cost something (bought on its own or in a subscription); `price` says how much when known.' },
    UNKNOWN: { description: 'Its source says nothing about price (e.g. confs.tech events): neither free nor paid as far as we know.' },
  },
});

export enum CertificateStatus {
  NONE = 'NONE',
  FREE = 'FREE',
  PAID = 'PAID',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(CertificateStatus, {
  name: 'CertificateStatus',
  description:
    'What is known about a certificate, for filters and facets: the three `Certificate` values plus UNKNOWN (the source says nothing, or the resource is not a course).',
  valuesConfig: {
    NONE: { description: 'Known: no certificate is offered.' },
    FREE: { description: 'Known: a certificate is included at no cost.' },
    PAID: { description: 'Known: a certificate is available for a fee.' },
    UNKNOWN: { description: 'Not known (`certificate` is null).' },
  },
});

export enum LevelSource {
  SOURCE = 'SOURCE',
  TITLE = 'TITLE',
}

registerEnumType(LevelSource, {
  name: 'LevelSource',
  description: "Where a resource's `level` was read.",
  valuesConfig: {
    SOURCE: { description: "The source's own level field (a feed's level, a partner's or an admin's input)." },
    TITLE: { description: 'Words in the title ("… for Beginners", "Advanced …"): the source has no level field or left it empty.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'Which source supplied one field of a resource that several sources list.' })
export class FieldSource {
  @Field(() => String, { description: 'The stored field, e.g. "durationMinutes", "certificate", "pricing", "level".' })
  field!: string;

  @Field(() => String, { description: 'The feed that supplied it, e.g. "coursera" or "free-programming-books".' })
  source!: string;
}

export enum OfferType {
  FREE = 'FREE',
  AUDIT = 'AUDIT',
  FREEMIUM = 'FREEMIUM',
  SUBSCRIPTION = 'SUBSCRIPTION',
  PAID = 'PAID',
}

registerEnumType(OfferType, {
  name: 'OfferType',
  description: 'How a resource is sold.',
  valuesConfig: {
    FREE: { description: 'Free, certificate included if there is one.' },
    AUDIT: { description: 'Free to follow (audit); the certificate or graded work is paid.' },
    FREEMIUM: { description: 'Part free, part paid.' },
    SUBSCRIPTION: { description: 'Included in a paid subscription.' },
    PAID: { description: 'Bought on its own, at `price`.' },
  },
});

/** The GraphQL object type of each resource kind, and the type name in its global ids. */
export const RESOURCE_TYPE_BY_KIND = {
  COURSE: 'Course',
  OPEN_SOURCE_PROJECT: 'OpenSourceProject',
  EVENT: 'Event',
  BOOK: 'Book',
} as const satisfies Record<ResourceKindValue, NodeTypeName>;

@ObjectType({ simpleResolvers: true, description: 'An amount of money in one currency.' })
export class Money {
  @Field(() => Float, { description: "The amount, in the currency's main unit (e.g. 49.99)." })
  amount!: number;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. "USD" or "EUR".' })
  currency!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A span of time in minutes whose two ends the source gives; both ends are equal for a single value ("5 hours/week").',
})
export class MinutesRange {
  @Field(() => Int, { description: 'The lower end, in minutes.' })
  minMinutes!: number;

  @Field(() => Int, { description: 'The upper end, in minutes.' })
  maxMinutes!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'How many weeks a course runs, as its source says ("10-12 weeks"); both ends are equal for a single value.',
})
export class WeeksRange {
  @Field(() => Float, { description: 'The fewest weeks.' })
  minWeeks!: number;

  @Field(() => Float, { description: 'The most weeks.' })
  maxWeeks!: number;
}

@ObjectType({ simpleResolvers: true, description: "The average of learners' ratings and how many there are." })
export class Rating {
  @Field(() => Float, { description: 'Average rating, from 0 to 5.' })
  average!: number;

  @Field(() => Int, { description: 'How many ratings the average is taken over.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A skill a resource teaches, and at what level.' })
export class SkillCoverage {
  @Field(() => Skill, { description: 'The skill taught.' })
  skill!: Skill;

  @Field(() => Level, { nullable: true, description: 'The level the resource teaches the skill at; null when the source does not say.' })
  level!: Level | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'How sure the catalogue is that the resource teaches the skill, from 0 to 1 (see `matchedBy`); null for links written before links were scored.',
  })
  confidence!: number | null;

  @Field(() => SkillMatchSource, {
    nullable: true,
    description:
      'Where the evidence for the link came from (title, heading, topic, partner, admin…); null for links written before links were scored.',
  })
  matchedBy!: SkillMatchSource | null;
}

@ObjectType({ simpleResolvers: true, description: 'Where a resource record came from.' })
export class ResourceSource {
  @Field(() => String, {
    description: 'The feed that supplied it: "admin" for records created through the API, otherwise a provider feed such as "confs-tech".',
  })
  feed!: string;

  @Field(() => String, { description: "The record's id in that feed." })
  externalId!: string;

  @Field(() => Date, { description: 'When the record was last fetched from the feed (or written through the API).' })
  fetchedAt!: Date;
}

/**
 * The catalogue entry every resource kind shares. Values are lean resource documents; the concrete
 * type is chosen from `kind` (or `__typename` when `node(id)` set it).
 */
@InterfaceType('Resource', {
  implements: Node,
  description: 'A learning resource: a course, a book, an open-source project or an event, with the skills it teaches.',
  resolveType: (value: { __typename?: string; kind?: ResourceKindValue }) =>
    value.__typename ?? (value.kind ? RESOURCE_TYPE_BY_KIND[value.kind] : undefined),
})
export abstract class Resource extends Node {
  @Field(() => String, { description: 'URL-safe unique name, e.g. "learn-postgresql-3f9a1c".' })
  slug!: string;

  @Field(() => String, { description: 'Title as the provider gives it.' })
  title!: string;

  @Field(() => String, { description: 'Where to find the resource (http or https).' })
  url!: string;

  @Field(() => String, { description: 'What the resource covers; may be empty.' })
  description!: string;

  @Field(() => ResourceKind, { description: 'What sort of resource this is.' })
  kind!: ResourceKind;

  @Field(() => Level, { nullable: true, description: 'Overall level of the resource; null when the source does not say.' })
  level!: Level | null;

  @Field(() => LevelSource, {
    nullable: true,
    description: 'Where `level` was read: the source (SOURCE) or the title (TITLE); null when there is no level.',
  })
  levelSource!: LevelSource | null;

  @Field(() => Boolean, {
    description: 'True when the resource is known to cost nothing; false when it is paid OR its price is unknown.',
    deprecationReason: 'Means "known to be free": false mixes paid and unknown. Use `pricing` (FREE, PAID or UNKNOWN).',
  })
  free!: boolean;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 code of the language it is taught in (e.g. "en"); null when unknown.' })
  language!: string | null;

  @Field(() => [String], { description: 'Free-form lower-case tags.' })
  tags!: string[];

  @Field(() => ResourceSource, { description: 'Where the record came from: the feed that owns its fields.' })
  source!: ResourceSource;

  @Field(() => OfferType, {
    nullable: true,
    description:
      'How the resource is sold (free, audit, freemium, subscription, paid); null when its feed does not say (events, projects, records created through the API).',
  })
  offerType!: OfferType | null;

  @Field(() => Date, { description: 'When the record was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the record last changed.' })
  updatedAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  implements: [Resource, Node],
  description: 'A course: video lectures, a book, a tutorial or a bootcamp, from a course platform or an independent author.',
})
export class Course extends Resource {
  @Field(() => Int, { nullable: true, description: 'Estimated time to complete, in minutes; null when unknown.' })
  durationMinutes!: number | null;

  @Field(() => Certificate, { nullable: true, description: 'Whether completing it earns a certificate; null when unknown.' })
  certificate!: Certificate | null;

  @Field(() => String, { nullable: true, description: 'Format, e.g. "video", "book", "interactive", "bootcamp"; null when unknown.' })
  format!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when its source lists it as an interactive tutorial (you learn by doing, in the browser); null when the source does not say.',
  })
  interactive!: boolean | null;

  @Field(() => MinutesRange, {
    nullable: true,
    description:
      'Total study time as a range, in minutes: weeks × weekly effort, lower ends together and upper ends together ("8 weeks", "4-8 hours/week": 1920 to 3840); null unless both are known. `durationMinutes` holds the total when it is one value.',
  })
  durationRange!: MinutesRange | null;

  @Field(() => MinutesRange, {
    nullable: true,
    description: 'Study time per week as a range, in minutes ("6-8 hours/week": 360 to 480); null when unknown.',
  })
  weeklyEffort!: MinutesRange | null;

  @Field(() => WeeksRange, { nullable: true, description: 'How many weeks it runs, as its source says; null when unknown.' })
  weeks!: WeeksRange | null;
}

@ObjectType({
  simpleResolvers: true,
  implements: [Resource, Node],
  description: 'A book, free to read online or to download (free-programming-books lists them by language and subject).',
})
export class Book extends Resource {
  @Field(() => [String], { description: 'Authors as the source names them, in its order; empty when it names none.' })
  authors!: string[];

  @Field(() => [String], { description: 'Formats it is offered in, e.g. "PDF", "HTML", "EPUB"; empty when the source does not say.' })
  formats!: string[];

  @Field(() => [String], {
    description:
      'Conditions of access the source notes, e.g. "email address requested", "registration required"; empty when it notes none.',
  })
  accessNotes!: string[];
}

@ObjectType({
  simpleResolvers: true,
  implements: [Resource, Node],
  description: 'An open-source project that welcomes contributions, as a way to learn by doing.',
})
export class OpenSourceProject extends Resource {
  @Field(() => String, { description: 'URL of the source repository.' })
  repositoryUrl!: string;

  @Field(() => String, { nullable: true, description: 'Main programming language of the code base; null when unknown.' })
  primaryLanguage!: string | null;

  @Field(() => Int, { nullable: true, description: "Stars (or the host's equivalent) when fetched; null when unknown." })
  stars!: number | null;

  @Field(() => String, { nullable: true, description: 'SPDX identifier of the licence, e.g. "MIT"; null when unknown.' })
  license!: string | null;
}

@ObjectType({ simpleResolvers: true, implements: [Resource, Node], description: 'A conference or meetup.' })
export class Event extends Resource {
  @Field(() => DateScalar, { description: 'First day of the event.' })
  startDate!: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the event; null for one-day events or when unknown.' })
  endDate!: Date | null;

  @Field(() => String, { nullable: true, description: 'City where it takes place; null for online-only events or when unknown.' })
  city!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Country where it takes place (as the source names it); null for online-only events or when unknown.',
  })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'Where to submit a talk (call for papers); null when there is none.' })
  cfpUrl!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day to submit a talk; null when there is no call for papers or it is unknown.',
  })
  cfpDeadline!: Date | null;
}
