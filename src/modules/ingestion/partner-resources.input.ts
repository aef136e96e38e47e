import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../core/user-errors';
import { MoneyInput, RatingInput } from '../resource/resource.input';
import { Certificate, DateScalar, OfferType, Resource, ResourceKind } from '../resource/resource.type';
import { Level } from '../shared-enums';

/** How many items one `upsertResources` call may carry: enough for a sync page, small enough to answer quickly. */
export const MAX_UPSERT_ITEMS = 250;
export const MAX_RETIRE_IDS = 250;

export enum UpsertStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  LISTED = 'LISTED',
  REJECTED = 'REJECTED',
}

registerEnumType(UpsertStatus, {
  name: 'UpsertStatus',
  description: 'What became of one item of `upsertResources`.',
  valuesConfig: {
    CREATED: { description: 'A new resource was created.' },
    UPDATED: { description: 'The resource existed and some of its fields changed.' },
    UNCHANGED: { description: 'The resource existed with exactly these values: nothing was written.' },
    LISTED: {
      description:
        'A resource of the same provider from another feed already holds this URL (one live resource per URL): the item was recorded as another listing of it.',
    },
    REJECTED: {
      description:
        "Nothing was written for this item; `userErrors` says why (its field path starts with the item index): DUPLICATE on `url` when another resource holds the URL and the item may not join it, INVALID on `url` when the URL's host belongs to another provider.",
    },
  },
});

@InputType({
  description:
    "One resource a partner creates or updates, identified by its id in the partner's own system. Fields of other kinds than `kind` are refused.",
})
export class ResourceUpsertItem {
  @Field({ description: "The resource's id in the partner's system (1–500 characters); the same id updates the same resource." })
  externalId!: string;

  @Field(() => ResourceKind, { description: 'What the resource is.' })
  kind!: ResourceKind;

  @Field({ description: 'Plain-text title (no HTML), at most 300 characters.' })
  title!: string;

  @Field({ description: 'Absolute http(s) URL; stored canonical (lower-case host, no tracking parameters, fragment or trailing slash).' })
  url!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Plain-text description; over 20,000 characters it is shortened, over 5 MB refused.',
  })
  description?: string | null;

  @Field(() => Level, { nullable: true, description: 'Level the resource teaches at.' })
  level?: Level | null;

  @Field(() => OfferType, { nullable: true, description: 'How it is sold; when omitted it follows from `price` (above 0: PAID, 0: FREE).' })
  offerType?: OfferType | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Price; must not be negative.' })
  price?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'Language, ISO 639-1 ("en") or a name ("English").' })
  language?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Names or aliases of the skills it teaches ("Node.js", "k8s"); names that match no skill are reported in `unmappedSkills`.',
  })
  skills?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Free-form tags, lower-cased.' })
  tags?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'COURSE: length in minutes.' })
  durationMinutes?: number | null;

  @Field(() => Certificate, { nullable: true, description: 'COURSE: what completing it earns.' })
  certificate?: Certificate | null;

  @Field(() => RatingInput, { nullable: true, description: 'COURSE: average rating (0–5) and how many ratings.' })
  rating?: RatingInput | null;

  @Field(() => String, { nullable: true, description: 'COURSE: format, e.g. "video course".' })
  format?: string | null;

  @Field(() => String, { nullable: true, description: 'OPEN_SOURCE_PROJECT: repository URL; defaults to `url`.' })
  repositoryUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'OPEN_SOURCE_PROJECT: main programming language.' })
  primaryLanguage?: string | null;

  @Field(() => Int, { nullable: true, description: 'OPEN_SOURCE_PROJECT: stars.' })
  stars?: number | null;

  @Field(() => String, { nullable: true, description: 'OPEN_SOURCE_PROJECT: licence (SPDX id).' })
  license?: string | null;

  @Field(() => [String], { nullable: true, description: 'OPEN_SOURCE_PROJECT: issue labels for newcomers.' })
  beginnerLabels?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'EVENT: when it starts (required for events).' })
  startDate?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'EVENT: when it ends; not before `startDate`.' })
  endDate?: Date | null;

  @Field(() => String, { nullable: true, description: 'EVENT: city.' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'EVENT: country.' })
  country?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'EVENT: whether it can be attended online; default false.' })
  online?: boolean | null;
}

@InputType({ description: "Resources of one provider to create or update: a partner's own provider, or the provider an admin names." })
export class UpsertResourcesInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of the provider the resources belong to. Required for admins; a partner may leave it out or name its own provider (another is FORBIDDEN).',
  })
  provider?: string | null;

  @Field(() => [ResourceUpsertItem], {
    description: `The resources, at most ${MAX_UPSERT_ITEMS}. Each is checked on its own: bad items are reported, good ones are written.`,
  })
  items!: ResourceUpsertItem[];

  @Field(() => String, {
    nullable: true,
    description:
      "Any unique string (e.g. a UUID), 1–200 characters: the call runs once per key (per API key, or for the ADMIN_TOKEN, within 24 hours). A retry, or a parallel call, with the same key and input gets the first call's result (`replayed: true`) without writing; the same key with another input is BAD_USER_INPUT; while the first call is still running, a call waits for its result, at most 15 s, then gets IDEMPOTENCY_KEY_IN_USE (retry later).",
  })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'What became of one item of `upsertResources`.' })
export class ResourceUpsertResult {
  @Field(() => Int, { description: 'Position of the item in `input.items`, from 0.' })
  index!: number;

  @Field({ description: "The item's `externalId`." })
  externalId!: string;

  @Field(() => UpsertStatus, { description: 'What was done.' })
  status!: UpsertStatus;

  @Field(() => Resource, { nullable: true, description: 'The resource as stored now; null when the item was rejected.' })
  resource?: Resource | null;

  @Field(() => [String], { description: 'Skill names of the item that matched no skill (the item is stored without them).' })
  unmappedSkills!: string[];
}

@ObjectType({ description: 'Result of `upsertResources`. Unlike other mutations, good items are written even when others are rejected.' })
export class UpsertResourcesPayload {
  @Field(() => [ResourceUpsertResult], { description: 'One result per item, in input order.' })
  results!: ResourceUpsertResult[];

  @Field(() => [UserError], { description: 'Why items were rejected; each `field` path starts with ["input", "items", "<index>"].' })
  userErrors!: UserError[];

  @Field(() => Int, { description: 'Items that created a resource.' })
  createdCount!: number;

  @Field(() => Int, { description: 'Items that changed a resource.' })
  updatedCount!: number;

  @Field(() => Int, { description: 'Items that changed nothing.' })
  unchangedCount!: number;

  @Field(() => Int, { description: 'Items rejected.' })
  rejectedCount!: number;

  @Field({
    description: 'True when this is the stored result of an earlier call with the same `idempotencyKey`: nothing was written this time.',
  })
  replayed!: boolean;
}

@InputType({ description: 'Resources of one provider to withdraw from the catalogue.' })
export class RetireResourcesInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of the provider the resources belong to. Required for admins; a partner may leave it out or name its own provider (another is FORBIDDEN).',
  })
  provider?: string | null;

  @Field(() => [String], {
    description: `External ids (as sent to \`upsertResources\`) of the provider's resources to retire, at most ${MAX_RETIRE_IDS}.`,
  })
  externalIds!: string[];
}

@ObjectType({ description: 'Result of `retireResources`.' })
export class RetireResourcesPayload {
  @Field(() => [ID], { description: 'Global ids of the retired resources (retiring a retired resource again is no error).' })
  retiredIds!: string[];

  @Field(() => [UserError], {
    description: 'External ids that name none of the provider\'s resources; field path ["input", "externalIds", "<index>"].',
  })
  userErrors!: UserError[];
}
