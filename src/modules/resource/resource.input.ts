import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../core/relay/order-direction';
import { UserError, createDeletePayloadType, type DeletePayload } from '../../core/user-errors';
import { Level } from '../shared-enums';
import { EventTime } from './event-time';
import { Certificate, CertificateStatus, DateScalar, Pricing, Resource, ResourceKind } from './resource.type';

/** Longest list any filter field accepts. */
export const MAX_FILTER_VALUES = 100;

export enum SkillsMatch {
  ANY = 'ANY',
  ALL = 'ALL',
}

registerEnumType(SkillsMatch, {
  name: 'SkillsMatch',
  description: 'How `ResourceFilter.skills` combines several skills.',
  valuesConfig: {
    ANY: { description: 'Resources that teach at least one of the skills.' },
    ALL: { description: 'Resources that teach every one of the skills.' },
  },
});

export enum ResourceOrderField {
  CREATED_AT = 'CREATED_AT',
  TITLE = 'TITLE',
  PRICE = 'PRICE',
  RATING = 'RATING',
  START_DATE = 'START_DATE',
  STARS = 'STARS',
}

registerEnumType(ResourceOrderField, {
  name: 'ResourceOrderField',
  description:
    'What to order resources by. Resources without a value (no rating, no start date…) come first in ascending and last in descending order.',
  valuesConfig: {
    CREATED_AT: { description: 'When the record was created. Natural direction: DESC (newest first).' },
    TITLE: { description: 'Title, case-insensitively. Natural direction: ASC (A→Z).' },
    PRICE: { description: 'Price amount (free resources have none, so they come first in ASC). Natural direction: ASC (cheapest first).' },
    RATING: { description: 'Average rating of courses. Natural direction: DESC (best first).' },
    START_DATE: { description: 'First day of events. Natural direction: ASC (soonest first).' },
    STARS: { description: 'Stars of open-source projects. Natural direction: DESC (most starred first).' },
  },
});

@InputType({ description: 'How to order a list of resources. Ties are broken by id, so cursors never skip or repeat an item.' })
export class ResourceOrder {
  @Field(() => ResourceOrderField, { description: 'What to order by.' })
  field!: ResourceOrderField;

  @Field(() => OrderDirection, {
    nullable: true,
    description: 'Direction; defaults to the natural direction of `field` (see ResourceOrderField).',
  })
  direction?: OrderDirection | null;
}

@InputType({ description: 'Conditions on resources; all given conditions must hold. Lists hold at most 100 values.' })
export class ResourceFilter {
  @Field(() => [ResourceKind], { nullable: true, description: 'Only resources of these kinds.' })
  kinds?: ResourceKind[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only resources of these providers (Provider global ids).' })
  providers?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only resources teaching these skills (Skill global ids); see `skillsMatch`.' })
  skills?: string[] | null;

  @Field(() => SkillsMatch, {
    nullable: true,
    defaultValue: SkillsMatch.ANY,
    description: 'Whether a resource must teach any (default) or all of `skills`.',
  })
  skillsMatch?: SkillsMatch | null;

  @Field(() => [Level], { nullable: true, description: 'Only resources at one of these overall levels.' })
  levels?: Level[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only resources known to be free (pricing FREE); false: only those known to be paid (pricing PAID). Unknown prices match neither.',
    deprecationReason: 'Cannot ask for unknown prices. Use `pricing: [FREE]`, `pricing: [PAID]` or `pricing: [UNKNOWN]`.',
  })
  free?: boolean | null;

  @Field(() => [Pricing], {
    nullable: true,
    description:
      'Only resources whose price is known free, known paid or unknown, as listed (e.g. [FREE, UNKNOWN]: everything not known to cost).',
  })
  pricing?: Pricing[] | null;

  @Field(() => [CertificateStatus], {
    nullable: true,
    description:
      'Only resources whose certificate is one of these; UNKNOWN matches those whose source says nothing (and resources that are not courses).',
  })
  certificates?: CertificateStatus[] | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Only resources that are free or cost at most this amount (in their own currency). Must not be negative.',
  })
  maxPrice?: number | null;

  @Field(() => Float, { nullable: true, description: 'Only resources rated at least this (0–5); unrated resources are left out.' })
  minRating?: number | null;

  @Field(() => [String], { nullable: true, description: 'Only resources in one of these languages (ISO 639-1 codes such as "en").' })
  languages?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only events starting on or after this day.' })
  startsAfter?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only events starting on or before this day.' })
  startsBefore?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only online events; false: only in-person events. Leaves out resources that are not events.',
  })
  online?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only interactive tutorials (courses you learn by doing in the browser, as their source lists them); false: everything else, including resources whose source does not say.',
  })
  interactive?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Only resources carrying at least one of these tags (compared in lower case).' })
  tags?: string[] | null;

  @Field(() => EventTime, {
    nullable: true,
    description:
      'Which events to count: UPCOMING (the default, also when no filter is given), PAST or ANY. An event is upcoming while its end date (or start date when it has none) is today or later, UTC. Resources that are not events are never affected.',
  })
  eventTime?: EventTime | null;
}

// Inputs of the mutations.

@InputType({ description: 'A price.' })
export class MoneyInput {
  @Field(() => Float, { description: "Amount in the currency's main unit; must not be negative." })
  amount!: number;

  @Field(() => String, { description: 'ISO 4217 currency code: three letters, e.g. "USD".' })
  currency!: string;
}

@InputType({ description: 'A skill a resource teaches.' })
export class SkillCoverageInput {
  @Field(() => ID, { description: 'Global id of the skill.' })
  skillId!: string;

  @Field(() => Level, { nullable: true, description: 'Level it is taught at; omit when unknown.' })
  level?: Level | null;
}

@InputType({ description: 'A rating: its average and how many ratings it is taken over.' })
export class RatingInput {
  @Field(() => Float, { description: 'Average, 0–5.' })
  average!: number;

  @Field(() => Int, { description: 'How many ratings; must not be negative.' })
  count!: number;
}

/** Fields every create input shares. Not referenced by any field itself, so it does not appear in the schema. */
@InputType('CreateResourceCommonInput', { description: 'Fields shared by the inputs that create a resource.' })
export abstract class CreateResourceCommonInput {
  @Field(() => String, { nullable: true, description: 'URL-safe unique name; derived from the title plus a short hash when omitted.' })
  slug?: string | null;

  @Field(() => String, { description: 'Title: 1–300 characters, no HTML.' })
  title!: string;

  @Field(() => String, { description: 'Where to find the resource (http or https).' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What it covers; at most 20,000 characters.' })
  description?: string | null;

  @Field(() => ID, { description: 'Global id of the provider it belongs to.' })
  providerId!: string;

  @Field(() => [SkillCoverageInput], { nullable: true, description: 'Skills it teaches (at most 100, each once).' })
  skills?: SkillCoverageInput[] | null;

  @Field(() => Level, { nullable: true, description: 'Overall level.' })
  level?: Level | null;

  @Field(() => Boolean, { description: 'True when it costs nothing; then `price` must be absent or 0.' })
  free!: boolean;

  @Field(() => MoneyInput, { nullable: true, description: 'Price; omit when free or unknown.' })
  price?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 code of its language, e.g. "en".' })
  language?: string | null;

  @Field(() => [String], { nullable: true, description: 'Free-form tags (stored in lower case, at most 50 of up to 50 characters).' })
  tags?: string[] | null;
}

@InputType({ description: 'A new course.' })
export class CreateCourseInput extends CreateResourceCommonInput {
  @Field(() => Int, { nullable: true, description: 'Estimated time to complete, in minutes; must not be negative.' })
  durationMinutes?: number | null;

  @Field(() => RatingInput, { nullable: true, description: "Learners' rating." })
  rating?: RatingInput | null;

  @Field(() => Certificate, { nullable: true, description: 'Whether it earns a certificate.' })
  certificate?: Certificate | null;

  @Field(() => String, { nullable: true, description: 'Format, e.g. "video" or "book".' })
  format?: string | null;
}

@InputType({ description: 'A new open-source project.' })
export class CreateOpenSourceProjectInput extends CreateResourceCommonInput {
  @Field(() => String, { description: 'URL of the source repository (http or https).' })
  repositoryUrl!: string;

  @Field(() => String, { nullable: true, description: 'Main programming language.' })
  primaryLanguage?: string | null;

  @Field(() => Int, { nullable: true, description: 'Stars; must not be negative.' })
  stars?: number | null;

  @Field(() => [String], { nullable: true, description: 'Issue labels that mark beginner-friendly work, e.g. ["good first issue"].' })
  beginnerLabels?: string[] | null;

  @Field(() => String, { nullable: true, description: 'SPDX licence identifier, e.g. "MIT".' })
  license?: string | null;
}

@InputType({ description: 'A new event.' })
export class CreateEventInput extends CreateResourceCommonInput {
  @Field(() => DateScalar, { description: 'First day.' })
  startDate!: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; not before `startDate`.' })
  endDate?: Date | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Country.' })
  country?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'True when it takes place online. Defaults to false.' })
  online?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Where to submit a talk (http or https).' })
  cfpUrl?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day to submit a talk.' })
  cfpDeadline?: Date | null;
}

@InputType({ description: 'Changes to the course-only fields; omitted fields keep their value, null clears one.' })
export class UpdateCourseFieldsInput {
  @Field(() => Int, { nullable: true, description: 'New duration in minutes; must not be negative.' })
  durationMinutes?: number | null;

  @Field(() => RatingInput, { nullable: true, description: 'New rating.' })
  rating?: RatingInput | null;

  @Field(() => Certificate, { nullable: true, description: 'New certificate.' })
  certificate?: Certificate | null;

  @Field(() => String, { nullable: true, description: 'New format.' })
  format?: string | null;
}

@InputType({ description: 'Changes to the open-source-project-only fields; omitted fields keep their value, null clears one.' })
export class UpdateOpenSourceProjectFieldsInput {
  @Field(() => String, { nullable: true, description: 'New repository URL (cannot be cleared).' })
  repositoryUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'New main programming language.' })
  primaryLanguage?: string | null;

  @Field(() => Int, { nullable: true, description: 'New star count; must not be negative.' })
  stars?: number | null;

  @Field(() => [String], { nullable: true, description: 'New beginner-friendly labels (replaces the old list).' })
  beginnerLabels?: string[] | null;

  @Field(() => String, { nullable: true, description: 'New licence.' })
  license?: string | null;
}

@InputType({ description: 'Changes to the event-only fields; omitted fields keep their value, null clears one.' })
export class UpdateEventFieldsInput {
  @Field(() => DateScalar, { nullable: true, description: 'New first day (cannot be cleared).' })
  startDate?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'New last day; not before the start date.' })
  endDate?: Date | null;

  @Field(() => String, { nullable: true, description: 'New city.' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'New country.' })
  country?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it takes place online (cannot be cleared).' })
  online?: boolean | null;

  @Field(() => String, { nullable: true, description: 'New call-for-papers URL.' })
  cfpUrl?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'New call-for-papers deadline.' })
  cfpDeadline?: Date | null;
}

@InputType({
  description:
    "Changes to a resource of any kind; omitted fields keep their value, null clears an optional one. The kind-specific section given must match the resource's kind.",
})
export class UpdateResourceInput {
  @Field(() => ID, { description: 'Global id of the Course, OpenSourceProject or Event to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New slug.' })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'New title: 1–300 characters, no HTML.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New URL (http or https).' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'New description; null empties it.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the new provider.' })
  providerId?: string | null;

  @Field(() => [SkillCoverageInput], { nullable: true, description: 'New list of skills taught (replaces the old one).' })
  skills?: SkillCoverageInput[] | null;

  @Field(() => Level, { nullable: true, description: 'New overall level.' })
  level?: Level | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: known free; false: known to cost something (pricing PAID); null: nobody knows (pricing UNKNOWN, price and offer removed).',
  })
  free?: boolean | null;

  @Field(() => MoneyInput, { nullable: true, description: 'New price; null removes it.' })
  price?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'New ISO 639-1 language code.' })
  language?: string | null;

  @Field(() => [String], { nullable: true, description: 'New tags (replace the old ones).' })
  tags?: string[] | null;

  @Field(() => UpdateCourseFieldsInput, { nullable: true, description: 'Course-only changes; only for a Course.' })
  course?: UpdateCourseFieldsInput | null;

  @Field(() => UpdateOpenSourceProjectFieldsInput, { nullable: true, description: 'Project-only changes; only for an OpenSourceProject.' })
  project?: UpdateOpenSourceProjectFieldsInput | null;

  @Field(() => UpdateEventFieldsInput, { nullable: true, description: 'Event-only changes; only for an Event.' })
  event?: UpdateEventFieldsInput | null;
}

@InputType({ description: 'Which resource to delete.' })
export class DeleteResourceInput {
  @Field(() => ID, { description: 'Global id of the Course, OpenSourceProject or Event.' })
  id!: string;
}

@ObjectType({ description: 'Result of creating or updating a resource.' })
export class ResourcePayload {
  @Field(() => Resource, { nullable: true, description: 'The resource as stored; null when `userErrors` is not empty.' })
  resource!: unknown;

  @Field(() => [UserError], { description: 'Problems with the input; when any is present nothing was written.' })
  userErrors!: UserError[];
}

export const DeleteResourcePayload = createDeletePayloadType('Resource', 'resource');
export type DeleteResourcePayload = DeletePayload;
