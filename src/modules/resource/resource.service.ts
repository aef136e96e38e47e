import { Types } from 'mongoose';
import { CONFIDENCE } from '../skill-matching/skill-matcher';
import type { ConnectionResult } from '../../core/relay/connection';
import { parseGlobalId, toGlobalId, tryGlobalId } from '../../core/relay/global-id';
import { findKeysetPage } from '../../core/relay/keyset-pagination';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { checkHttpUrl, checkNumberRange, checkSlug, checkText, isDuplicateKeyError } from '../../core/validation';
import { noEntityChanges, type EntityChanges } from '../../core/entity-changes';
import { ProviderModel } from '../provider/provider.model';
import { SkillModel } from '../skill/skill.model';
import { ResourceWriter } from '../ingestion/resource-writer';
import {
  cleanTitle,
  containsHtml,
  MAX_DESCRIPTION_LENGTH,
  MAX_SHORT_TEXT_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
  normaliseLabels,
  normaliseLanguage,
  normaliseTags,
} from '../ingestion/normalise';
import { API_SLUG_HASH_LENGTH, resourceSlug } from './resource-slug';
import { prepareResourcePage } from './resource.filter';
import type {
  CreateCourseInput,
  CreateEventInput,
  CreateOpenSourceProjectInput,
  CreateResourceCommonInput,
  DeleteResourceInput,
  ResourceFilter,
  ResourceOrder,
  SkillCoverageInput,
  UpdateCourseFieldsInput,
  UpdateEventFieldsInput,
  UpdateOpenSourceProjectFieldsInput,
  UpdateResourceInput,
} from './resource.input';
import { ResourceDocument, ResourceKindValue, ResourceModel } from './resource.model';
import { resourceUrlKey } from './resource-url';
import { isUrlKeyConflict } from './resource-url-claims';
import { RESOURCE_TYPE_BY_KIND } from './resource.type';

export interface ResourceWriteResult {
  resource: ResourceDocument | null;
  userErrors: UserError[];
}

/** The `source.feed` of resources written through the API. */
export const ADMIN_FEED = 'admin';

const MAX_SKILLS = 100;
/** The API takes ISO 639-1 codes only (a feed may write "English"); `normaliseLanguage` then stores them. */
const LANGUAGE_PATTERN = /^[a-z]{2}$/;
const CURRENCY_PATTERN = /^[A-Za-z]{3}$/;

/** The kind-specific section of `updateResource` that belongs to each kind (a Book has none: its fields come from its feed). */
const UPDATE_SECTION_BY_KIND: Readonly<Partial<Record<ResourceKindValue, 'course' | 'project' | 'event'>>> = {
  COURSE: 'course',
  OPEN_SOURCE_PROJECT: 'project',
  EVENT: 'event',
};

type Path = string[];
type Fields = Record<string, unknown>;
/** The common fields as a create input gives them (all set) or an update input (any may be absent or null). */
type CommonFieldsInput = { [Field in keyof CreateResourceCommonInput]?: CreateResourceCommonInput[Field] | null };

/**
 * Reads resources for the API and checks its writes field by field (each problem a user error); the
 * checked writes go through the one resource writer and the normaliser's rules, as feeds' do.
 */
export class ResourceService {
  private readonly writer: ResourceWriter;

  constructor(changes: EntityChanges = noEntityChanges) {
    this.writer = new ResourceWriter(changes);
  }

  async findBySlug(slug: string): Promise<ResourceDocument | null> {
    return ResourceModel.findOne({ slug }).lean<ResourceDocument>().exec();
  }

  /**
   * One page of the catalogue: arguments are checked (BAD_USER_INPUT) before any query. `projectionFor`
   * gives the stored fields to fetch for the page's sort path (see resource.projection.ts); the whole
   * document when it gives none.
   */
  async list(
    args: {
      first?: number | null;
      after?: string | null;
      filter?: ResourceFilter | null;
      orderBy?: ResourceOrder | null;
    },
    projectionFor?: (sortPath: string) => Record<string, 1> | undefined,
  ): Promise<ConnectionResult<ResourceDocument>> {
    const request = prepareResourcePage(args);
    return findKeysetPage<ResourceDocument>(ResourceModel, request, projectionFor?.(request.sortPath));
  }

  createCourse(input: CreateCourseInput): Promise<ResourceWriteResult> {
    return this.create('COURSE', input, checkCourseFields(input, ['input']), courseFields(input));
  }

  createOpenSourceProject(input: CreateOpenSourceProjectInput): Promise<ResourceWriteResult> {
    const fields = projectFields(input);
    return this.create('OPEN_SOURCE_PROJECT', input, checkProjectFields(input, ['input'], true), {
      ...fields,
      beginnerLabels: fields.beginnerLabels ?? [],
    });
  }

  createEvent(input: CreateEventInput): Promise<ResourceWriteResult> {
    const userErrors = [
      ...checkEventFields(input, ['input'], true),
      ...checkEventDates(input.startDate, input.endDate, ['input', 'endDate']),
    ];
    return this.create('EVENT', input, userErrors, { ...eventFields(input), online: input.online ?? false });
  }

  /**
   * Changes a resource. Every check runs before the one write, so a refused update changes nothing;
   * `skillIds` and `titleKey` are rewritten together with `skills` and `title`.
   */
  async update(input: UpdateResourceInput): Promise<ResourceWriteResult> {
    const parsed = parseGlobalId(input.id);
    const existing =
      parsed && isResourceTypeName(parsed.typeName) ? await ResourceModel.findById(parsed.objectId).lean<ResourceDocument>().exec() : null;
    if (!parsed || !existing || RESOURCE_TYPE_BY_KIND[existing.kind] !== parsed.typeName)
      return { resource: null, userErrors: [resourceNotFound()] };
    const kind = existing.kind;
    const changes: Fields = commonChanges(input);
    const cleared: string[] = [];
    const userErrors = checkCommonFields(input, ['input']);
    for (const field of ['slug', 'title', 'url', 'providerId'] as const) {
      if (input[field] === null) userErrors.push(cannotBeCleared(['input', field]));
    }
    // `free: null` says nobody knows the price: pricing UNKNOWN, no price, no offer.
    if (input.free === null) {
      if (input.price != null)
        userErrors.push(
          userError(
            ['input', 'price'],
            UserErrorCode.INVALID,
            'A price makes the pricing known: send it with `free: false`, or no price with `free: null`.',
          ),
        );
      Object.assign(changes, { pricing: 'UNKNOWN', free: false, priceAmount: null, priceCurrency: null, offerType: null });
    }
    if (input.level === null) changes.level = null;
    if (input.language === null) changes.language = null;
    if (input.description === null) changes.description = '';

    const ownSection = UPDATE_SECTION_BY_KIND[kind];
    for (const section of Object.values(UPDATE_SECTION_BY_KIND)) {
      if (section !== ownSection && input[section] != null) {
        userErrors.push(
          userError(
            ['input', section],
            UserErrorCode.INVALID,
            ownSection
              ? `This resource is a ${RESOURCE_TYPE_BY_KIND[kind]}: change its own fields through \`${ownSection}\`.`
              : `This resource is a ${RESOURCE_TYPE_BY_KIND[kind]}: it has no \`${section}\` fields.`,
          ),
        );
      }
    }
    if (kind === 'COURSE' && input.course) {
      userErrors.push(...checkCourseFields(input.course, ['input', 'course']));
      collectKindChanges(input.course, courseFields(input.course), changes, cleared);
    }
    if (kind === 'OPEN_SOURCE_PROJECT' && input.project) {
      const project = input.project;
      userErrors.push(...checkProjectFields(project, ['input', 'project'], false));
      if (project.repositoryUrl === null) userErrors.push(cannotBeCleared(['input', 'project', 'repositoryUrl']));
      collectKindChanges(project, projectFields(project), changes, cleared);
    }
    if (kind === 'EVENT' && input.event) {
      const event = input.event;
      userErrors.push(...checkEventFields(event, ['input', 'event'], false));
      if (event.startDate === null) userErrors.push(cannotBeCleared(['input', 'event', 'startDate']));
      if (event.online === null) userErrors.push(cannotBeCleared(['input', 'event', 'online']));
      // The dates must hold together as they will be stored, not only as sent.
      const startDate = event.startDate ?? existing.startDate ?? null;
      const endDate = event.endDate === undefined ? (existing.endDate ?? null) : event.endDate;
      userErrors.push(...checkEventDates(startDate, endDate, ['input', 'event', event.endDate != null ? 'endDate' : 'startDate']));
      collectKindChanges(event, eventFields(event), changes, cleared);
    }

    // So must the price: a resource that will be free cannot keep a price above 0.
    const free = input.free ?? existing.free;
    const price = input.price === undefined ? storedPrice(existing) : input.price;
    if (free && price && price.amount > 0) {
      userErrors.push(
        input.price !== undefined
          ? freeWithPrice(['input', 'price'])
          : userError(
              ['input', 'free'],
              UserErrorCode.INVALID,
              'This resource has a price above 0: send `price: null` together with `free: true`.',
            ),
      );
    }
    if (input.price !== undefined || input.free != null) Object.assign(changes, priceFields(free, price));

    userErrors.push(...(await checkReferences(input.providerId ?? null, input.skills ?? null)));
    const renamed = input.slug != null && input.slug !== existing.slug;
    if (renamed && (await ResourceModel.exists({ slug: input.slug }))) userErrors.push(duplicateSlug());
    // The URL's claim follows the URL (and an event's start date); a retired resource holds none (resource-url.ts).
    const urlKey = existing.retiredAt
      ? null
      : resourceUrlKey({ url: input.url ?? existing.url, kind, startDate: input.event?.startDate ?? existing.startDate });
    if (urlKey !== null && urlKey !== existing.urlKey) {
      const holder = await urlHolder(urlKey, existing._id);
      if (holder) userErrors.push(holder);
      changes.urlKey = urlKey;
    }
    if (userErrors.length > 0) return { resource: null, userErrors };

    // Records written through the API are known in their feed by their slug.
    if (renamed && existing.source?.feed === ADMIN_FEED) changes['source.externalId'] = input.slug;
    try {
      // The writer adds the derived fields (title key and fingerprint) and the search fields.
      const updated = await this.writer.updateOne(existing, changes, cleared);
      return updated ? { resource: updated, userErrors: [] } : { resource: null, userErrors: [resourceNotFound()] };
    } catch (error) {
      if (isDuplicateKeyError(error))
        return { resource: null, userErrors: [await duplicateOf(error, changes.urlKey as string | undefined, existing._id)] };
      throw error;
    }
  }

  async delete(input: DeleteResourceInput): Promise<{ deletedId: string | null; userErrors: UserError[] }> {
    const parsed = parseGlobalId(input.id);
    const kind = parsed ? KIND_BY_TYPE_NAME.get(parsed.typeName) : undefined;
    const deleted = parsed && kind ? await this.writer.deleteOne(parsed.objectId, kind) : null;
    if (!deleted) return { deletedId: null, userErrors: [resourceNotFound()] };
    return { deletedId: toGlobalId(RESOURCE_TYPE_BY_KIND[deleted.kind], deleted._id), userErrors: [] };
  }

  private async create(
    kind: ResourceKindValue,
    input: CreateResourceCommonInput,
    kindErrors: UserError[],
    kindSpecificFields: Fields,
  ): Promise<ResourceWriteResult> {
    const userErrors = [...checkCommonFields(input, ['input']), ...kindErrors];
    if (input.free && input.price && input.price.amount > 0) userErrors.push(freeWithPrice(['input', 'price']));
    userErrors.push(...(await checkReferences(input.providerId, input.skills ?? null)));
    if (input.slug != null && (await ResourceModel.exists({ slug: input.slug }))) userErrors.push(duplicateSlug());
    const urlKey = resourceUrlKey({ url: input.url, kind, startDate: kindSpecificFields.startDate as Date | undefined });
    const holder = urlKey === null ? null : await urlHolder(urlKey, null);
    if (holder) userErrors.push(holder);
    if (userErrors.length > 0) return { resource: null, userErrors };

    const _id = new Types.ObjectId();
    // Until it has a slug, an API resource is known by its id.
    const slug = input.slug ?? resourceSlug(input.title, ADMIN_FEED, _id.toHexString(), API_SLUG_HASH_LENGTH);
    const document = {
      _id,
      kind,
      description: '',
      skills: [],
      skillIds: [],
      level: null,
      levelSource: null,
      language: null,
      tags: [],
      ...commonChanges(input),
      slug,
      // Never null: a null would be indexed, and two resources without a key would collide.
      ...(urlKey ? { urlKey } : {}),
      ...priceFields(input.free, input.price ?? null),
      ...Object.fromEntries(Object.entries(kindSpecificFields).filter(([, value]) => value != null)),
      source: { feed: ADMIN_FEED, externalId: slug, fetchedAt: new Date() },
    };
    try {
      // The writer adds the derived fields (title key and fingerprint, URL claim) and the search fields.
      const created = await this.writer.createOne(document as typeof document & { title: string; url: string; providerId: Types.ObjectId });
      return { resource: created, userErrors: [] };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { resource: null, userErrors: [await duplicateOf(error, urlKey ?? undefined, _id)] };
      throw error;
    }
  }
}

const KIND_BY_TYPE_NAME = new Map<string, ResourceKindValue>(
  (Object.entries(RESOURCE_TYPE_BY_KIND) as Array<[ResourceKindValue, string]>).map(([kind, typeName]) => [typeName, kind]),
);

function isResourceTypeName(typeName: string): boolean {
  return KIND_BY_TYPE_NAME.has(typeName);
}

function storedPrice(resource: ResourceDocument): { amount: number; currency: string } | null {
  return resource.priceAmount == null ? null : { amount: resource.priceAmount, currency: resource.priceCurrency ?? '' };
}

function resourceNotFound(): UserError {
  return userError(['input', 'id'], UserErrorCode.NOT_FOUND, 'No resource has this id.');
}

function cannotBeCleared(field: Path): UserError {
  return userError(field, UserErrorCode.INVALID, 'This field cannot be cleared.');
}

function freeWithPrice(field: Path): UserError {
  return userError(field, UserErrorCode.INVALID, 'A free resource cannot have a price above 0.');
}

/**
 * DUPLICATE on `url` when another live resource (not `self`) holds the URL key: one live resource per
 * URL, whichever door writes it (resource-url.ts). Names the holder, for the admin to update it instead.
 */
async function urlHolder(urlKey: string, self: Types.ObjectId | null): Promise<UserError | null> {
  const holder = await ResourceModel.findOne({ urlKey, ...(self ? { _id: { $ne: self } } : {}) }, { _id: 1, kind: 1 })
    .lean()
    .exec();
  return holder ? duplicateUrl(toGlobalId(RESOURCE_TYPE_BY_KIND[holder.kind], holder._id)) : null;
}

/** The user error for a unique index a concurrent write beat us to: the URL's or the slug's. */
async function duplicateOf(error: unknown, urlKey: string | undefined, self: Types.ObjectId): Promise<UserError> {
  if (!isUrlKeyConflict(error)) return duplicateSlug();
  return (urlKey ? await urlHolder(urlKey, self) : null) ?? duplicateUrl(null);
}

function duplicateUrl(holderId: string | null): UserError {
  return userError(
    ['input', 'url'],
    UserErrorCode.DUPLICATE,
    `Another resource${holderId ? ` (${holderId})` : ''} already has this URL: update that one instead.`,
  );
}

function duplicateSlug(): UserError {
  return userError(['input', 'slug'], UserErrorCode.DUPLICATE, 'Another resource already uses this slug.');
}

/** Skills an admin chose: links the matcher did not decide, so ADMIN with full confidence. */
function skillCoverages(skills: SkillCoverageInput[]) {
  const coverages = skills.map((skill) => ({
    skillId: tryGlobalId(skill.skillId, ['Skill']) as Types.ObjectId,
    level: skill.level ?? null,
    confidence: CONFIDENCE.ADMIN,
    matchedBy: 'ADMIN' as const,
  }));
  return { skills: coverages, skillIds: coverages.map((coverage) => coverage.skillId) };
}

/** The stored price of a resource: none when it is free. */
function priceFields(free: boolean, price: { amount: number; currency: string } | null): Fields {
  if (free || !price) return { priceAmount: null, priceCurrency: null };
  return { priceAmount: price.amount, priceCurrency: price.currency.toUpperCase() };
}

/** The `$set` of the common fields given in a create or update input (title, url, …). */
function commonChanges(input: CommonFieldsInput): Fields {
  const changes: Fields = {};
  if (input.slug != null) changes.slug = input.slug;
  if (input.title != null) changes.title = cleanTitle(input.title);
  if (input.url != null) changes.url = input.url;
  if (input.description != null) changes.description = input.description;
  if (input.providerId != null) changes.providerId = tryGlobalId(input.providerId, ['Provider']);
  if (input.skills !== undefined) Object.assign(changes, skillCoverages(input.skills ?? []));
  if (input.level != null) Object.assign(changes, { level: input.level, levelSource: 'SOURCE' });
  // An admin who says "not free" says it costs something: PAID, not unknown.
  if (input.free != null) Object.assign(changes, { free: input.free, pricing: input.free ? 'FREE' : 'PAID' });
  if (input.language != null) changes.language = normaliseLanguage(input.language);
  if (input.tags !== undefined) changes.tags = normaliseTags(input.tags);
  return changes;
}

/** Input fields of a kind-specific section that fill several stored fields. */
const STORED_FIELDS_OF: Record<string, string[]> = { rating: ['ratingAverage', 'ratingCount'] };

/** Stored fields that hold an empty list rather than nothing when cleared. */
const EMPTY_WHEN_CLEARED = new Set(['beginnerLabels']);

/**
 * Splits the fields a kind-specific update section sends into values to `$set` (taken from
 * `stored`, the section converted to stored fields) and fields to `$unset` (those sent as null).
 */
function collectKindChanges(section: object, stored: Fields, changes: Fields, cleared: string[]): void {
  for (const [field, value] of Object.entries(section)) {
    if (value === undefined) continue;
    for (const target of STORED_FIELDS_OF[field] ?? [field]) {
      if (value !== null) changes[target] = stored[target];
      else if (EMPTY_WHEN_CLEARED.has(target)) changes[target] = [];
      else cleared.push(target);
    }
  }
}

function courseFields(input: UpdateCourseFieldsInput): Fields {
  return {
    durationMinutes: input.durationMinutes,
    ratingAverage: input.rating?.average,
    ratingCount: input.rating?.count,
    certificate: input.certificate,
    format: input.format?.trim(),
  };
}

function projectFields(input: UpdateOpenSourceProjectFieldsInput): Fields {
  return {
    repositoryUrl: input.repositoryUrl,
    primaryLanguage: input.primaryLanguage?.trim(),
    stars: input.stars,
    beginnerLabels: input.beginnerLabels ? normaliseLabels(input.beginnerLabels) : input.beginnerLabels,
    license: input.license?.trim(),
  };
}

function eventFields(input: UpdateEventFieldsInput): Fields {
  return {
    startDate: input.startDate,
    endDate: input.endDate,
    city: input.city?.trim(),
    country: input.country?.trim(),
    online: input.online,
    cfpUrl: input.cfpUrl,
    cfpDeadline: input.cfpDeadline,
  };
}

// Checks. Each returns the problems it finds, with the path of the input field at fault.

function checkCommonFields(input: CommonFieldsInput, path: Path): UserError[] {
  const errors = [
    ...checkSlug(input.slug, [...path, 'slug']),
    ...checkText(input.title, [...path, 'title'], { nonEmpty: true, max: MAX_TITLE_LENGTH }),
    ...checkHttpUrl(input.url, [...path, 'url']),
    ...checkText(input.description, [...path, 'description'], { max: MAX_DESCRIPTION_LENGTH }),
  ];
  if (input.title != null && containsHtml(input.title)) {
    errors.push(userError([...path, 'title'], UserErrorCode.INVALID, 'A title is plain text: HTML tags are not allowed.'));
  }
  if (input.price != null) {
    if (!Number.isFinite(input.price.amount) || input.price.amount < 0) {
      errors.push(
        userError([...path, 'price', 'amount'], UserErrorCode.INVALID, `A price must not be negative, got ${input.price.amount}.`),
      );
    }
    if (!CURRENCY_PATTERN.test(input.price.currency)) {
      errors.push(
        userError([...path, 'price', 'currency'], UserErrorCode.INVALID, 'A currency is an ISO 4217 code of three letters, e.g. "USD".'),
      );
    }
  }
  if (input.language != null && !LANGUAGE_PATTERN.test(input.language.trim().toLowerCase())) {
    errors.push(userError([...path, 'language'], UserErrorCode.INVALID, 'A language is an ISO 639-1 code of two letters, e.g. "en".'));
  }
  errors.push(...checkShortList(input.tags, [...path, 'tags'], MAX_TAGS, MAX_TAG_LENGTH));
  if (input.skills != null && input.skills.length > MAX_SKILLS) {
    errors.push(
      userError([...path, 'skills'], UserErrorCode.INVALID, `At most ${MAX_SKILLS} skills are allowed, got ${input.skills.length}.`),
    );
  }
  return errors;
}

function checkShortList(values: string[] | null | undefined, path: Path, maxItems: number, maxLength: number): UserError[] {
  if (values == null) return [];
  if (values.length > maxItems)
    return [userError(path, UserErrorCode.INVALID, `At most ${maxItems} values are allowed, got ${values.length}.`)];
  return values.flatMap((value, index) => checkText(value, [...path, String(index)], { nonEmpty: true, max: maxLength }));
}

function checkCourseFields(input: UpdateCourseFieldsInput, path: Path): UserError[] {
  return [
    ...checkNumberRange(input.durationMinutes, [...path, 'durationMinutes'], 0, 1_000_000),
    ...checkNumberRange(input.rating?.average, [...path, 'rating', 'average'], 0, 5),
    ...checkNumberRange(input.rating?.count, [...path, 'rating', 'count'], 0, Number.MAX_SAFE_INTEGER),
    ...checkText(input.format, [...path, 'format'], { nonEmpty: true, max: 100 }),
  ];
}

function checkProjectFields(input: UpdateOpenSourceProjectFieldsInput, path: Path, creating: boolean): UserError[] {
  return [
    ...checkHttpUrl(input.repositoryUrl, [...path, 'repositoryUrl'], { required: creating }),
    ...checkText(input.primaryLanguage, [...path, 'primaryLanguage'], { nonEmpty: true, max: 100 }),
    ...checkNumberRange(input.stars, [...path, 'stars'], 0, Number.MAX_SAFE_INTEGER),
    ...checkShortList(input.beginnerLabels, [...path, 'beginnerLabels'], MAX_TAGS, 100),
    ...checkText(input.license, [...path, 'license'], { nonEmpty: true, max: 100 }),
  ];
}

function checkEventFields(input: UpdateEventFieldsInput, path: Path, creating: boolean): UserError[] {
  const errors = [
    ...checkText(input.city, [...path, 'city'], { nonEmpty: true, max: MAX_SHORT_TEXT_LENGTH }),
    ...checkText(input.country, [...path, 'country'], { nonEmpty: true, max: MAX_SHORT_TEXT_LENGTH }),
    ...checkHttpUrl(input.cfpUrl, [...path, 'cfpUrl']),
  ];
  if (creating && input.startDate == null) errors.push(userError([...path, 'startDate'], UserErrorCode.INVALID, 'This field is required.'));
  return errors;
}

function checkEventDates(startDate: Date | null | undefined, endDate: Date | null | undefined, field: Path): UserError[] {
  if (startDate && endDate && endDate.getTime() < startDate.getTime()) {
    return [userError(field, UserErrorCode.INVALID, 'An event cannot end before it starts.')];
  }
  return [];
}

/** The provider and every skill must exist: NOT_FOUND names the id at fault, e.g. ["input", "skills", "2", "skillId"]. */
async function checkReferences(providerId: string | null, skills: SkillCoverageInput[] | null): Promise<UserError[]> {
  const errors: UserError[] = [];
  if (providerId != null) {
    const id = tryGlobalId(providerId, ['Provider']);
    if (!id || !(await ProviderModel.exists({ _id: id })))
      errors.push(userError(['input', 'providerId'], UserErrorCode.NOT_FOUND, 'No provider has this id.'));
  }
  if (skills && skills.length > 0 && skills.length <= MAX_SKILLS) {
    const ids = skills.map((skill) => tryGlobalId(skill.skillId, ['Skill']));
    const valid = ids.filter((id): id is Types.ObjectId => id !== null);
    const existing = new Set(
      valid.length > 0
        ? (
            await SkillModel.find({ _id: { $in: valid } }, { _id: 1 })
              .lean()
              .exec()
          ).map((skill) => String(skill._id))
        : [],
    );
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      const path = ['input', 'skills', String(index), 'skillId'];
      if (!id || !existing.has(String(id))) errors.push(userError(path, UserErrorCode.NOT_FOUND, 'No skill has this id.'));
      else if (seen.has(String(id))) errors.push(userError(path, UserErrorCode.INVALID, 'This skill is listed more than once.'));
      else seen.add(String(id));
    });
  }
  return errors;
}

// Registers the service as `context.services.resources`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** Learning resources: lists, look-ups by slug, admin writes. */
    resources: ResourceService;
  }
}
