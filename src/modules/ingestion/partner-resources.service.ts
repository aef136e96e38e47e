import { createHash } from 'node:crypto';
import { BadUserInputError, ForbiddenError } from '../../core/errors';
import { tryGlobalId } from '../../core/relay/global-id';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { ProviderModel } from '../provider/provider.model';
import { OfferType, ResourceKind } from '../resource/resource.type';
import { IdempotentRequests, type IdempotencyOptions } from './idempotent-requests';
import { partnerFeed } from './partner-feed';
import type { FeedRecord } from './ingestion.types';
import type { IngestionService } from './ingestion.service';
import {
  MAX_RETIRE_IDS,
  MAX_UPSERT_ITEMS,
  type ResourceUpsertItem,
  type RetireResourcesInput,
  type UpsertResourcesInput,
} from './partner-resources.input';
import type { WriteStatus } from './resource-writer';

/**
 * Who calls `upsertResources` or `retireResources`: a partner, whose key is bound to one provider,
 * or an admin, who may do everything a partner may for any provider it names in the input.
 */
export interface ResourceSyncCaller {
  /** Scopes idempotency keys: the API key's id, or a fixed name for the ADMIN_TOKEN. */
  callerKey: string;
  /** The provider a partner key is bound to; null for an admin. */
  boundProviderId: string | null;
}

/** The result of an upsert as stored for idempotent replay: plain data, resources by id. */
export interface StoredUpsertResult {
  results: Array<{
    index: number;
    externalId: string;
    status: WriteStatus;
    resourceId: string | null;
    kind: string | null;
    unmappedSkills: string[];
  }>;
  userErrors: UserError[];
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  rejectedCount: number;
  replayed: boolean;
}

const UPSERT_OPERATION = 'upsertResources';
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Fields that belong to one kind only: sending them for another kind is an error, not silently dropped. */
const KIND_ONLY_FIELDS: Record<ResourceKind, readonly (keyof ResourceUpsertItem)[]> = {
  [ResourceKind.COURSE]: ['durationMinutes', 'certificate', 'rating', 'format'],
  [ResourceKind.OPEN_SOURCE_PROJECT]: ['repositoryUrl', 'primaryLanguage', 'stars', 'license', 'beginnerLabels'],
  [ResourceKind.EVENT]: ['startDate', 'endDate', 'city', 'country', 'online'],
  [ResourceKind.BOOK]: [],
};

/** Normaliser field names that differ from the input's. */
const INPUT_FIELD_OF: Record<string, string> = { duration: 'durationMinutes', provider: 'url' };

/**
 * Partner (and admin) writes of one provider's resources: validation per item, the shared normaliser
 * and writer of ingestion, and idempotency keys (src/modules/ingestion/idempotent-requests.ts) kept in MongoDB
 * for a day.
 */
export class PartnerResourceService {
  private readonly idempotency: IdempotentRequests;

  constructor(
    private readonly ingestion: IngestionService,
    idempotencyOptions: IdempotencyOptions = {},
  ) {
    this.idempotency = new IdempotentRequests(idempotencyOptions);
  }

  async upsert(caller: ResourceSyncCaller, input: UpsertResourcesInput): Promise<StoredUpsertResult> {
    if (input.items.length > MAX_UPSERT_ITEMS) {
      throw new BadUserInputError(
        `"input.items" may hold at most ${MAX_UPSERT_ITEMS} items, got ${input.items.length}: split them into several calls.`,
        'input.items',
      );
    }
    const key = input.idempotencyKey ?? null;
    if (key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new BadUserInputError(`"input.idempotencyKey" must be 1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`, 'input.idempotencyKey');
    }
    const providerId = await this.providerOf(caller, input.provider ?? null);
    if (key === null) return this.write(providerId, input.items);
    const inputHash = createHash('sha256')
      .update(JSON.stringify([providerId, input.items]))
      .digest('hex');
    const { result, replayed } = await this.idempotency.runOnce(
      { callerKey: caller.callerKey, operation: UPSERT_OPERATION, key, inputHash },
      () => this.write(providerId, input.items),
    );
    return { ...result, replayed };
  }

  async retire(
    caller: ResourceSyncCaller,
    input: RetireResourcesInput,
  ): Promise<{ retired: Array<{ resourceId: string; kind: string }>; userErrors: UserError[] }> {
    if (input.externalIds.length > MAX_RETIRE_IDS) {
      throw new BadUserInputError(
        `"input.externalIds" may hold at most ${MAX_RETIRE_IDS} ids, got ${input.externalIds.length}.`,
        'input.externalIds',
      );
    }
    const providerId = await this.providerOf(caller, input.provider ?? null);
    const found = await this.ingestion.writer.retire(partnerFeed(providerId), providerId, input.externalIds);
    const userErrors: UserError[] = [];
    const retired: Array<{ resourceId: string; kind: string }> = [];
    found.forEach((resource, index) => {
      if (resource) retired.push(resource);
      else
        userErrors.push(
          userError(
            ['input', 'externalIds', String(index)],
            UserErrorCode.NOT_FOUND,
            "None of this provider's resources has this external id.",
          ),
        );
    });
    return { retired, userErrors };
  }

  /** The provider a call writes for: a partner's own (naming another is FORBIDDEN), or the one an admin names. */
  private async providerOf(caller: ResourceSyncCaller, named: string | null): Promise<string> {
    const namedId = named === null ? null : tryGlobalId(named, ['Provider']);
    if (named !== null && !namedId) throw new BadUserInputError('"input.provider" is not a provider id.', 'input.provider');
    if (caller.boundProviderId !== null) {
      if (namedId && String(namedId) !== caller.boundProviderId)
        throw new ForbiddenError(
          'A partner key writes only its own provider\'s resources: leave "input.provider" out or name your own provider.',
        );
      return caller.boundProviderId;
    }
    if (!namedId)
      throw new BadUserInputError(
        '"input.provider" is required for admins: name the provider whose resources these are.',
        'input.provider',
      );
    if (!(await ProviderModel.exists({ _id: namedId }))) throw new BadUserInputError('No provider has this id.', 'input.provider');
    return String(namedId);
  }

  private async write(providerId: string, items: readonly ResourceUpsertItem[]): Promise<StoredUpsertResult> {
    const userErrors: UserError[] = [];
    const results: StoredUpsertResult['results'] = items.map((item, index) => ({
      index,
      externalId: item.externalId,
      status: 'REJECTED',
      resourceId: null,
      kind: null,
      unmappedSkills: [],
    }));
    const records: FeedRecord[] = [];
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const path = ['input', 'items', String(index)];
      const misplaced = Object.values(ResourceKind).flatMap((kind) =>
        kind === item.kind ? [] : KIND_ONLY_FIELDS[kind].filter((field) => item[field] != null),
      );
      for (const field of misplaced)
        userErrors.push(userError([...path, field], UserErrorCode.INVALID, `This field does not apply to a ${item.kind}.`));
      const earlier = seen.get(item.externalId);
      if (earlier !== undefined)
        userErrors.push(userError([...path, 'externalId'], UserErrorCode.DUPLICATE, `Item ${earlier} has the same externalId.`));
      if (misplaced.length > 0 || earlier !== undefined) return;
      seen.set(item.externalId, index);
      records.push(toFeedRecord(item, index));
    });

    const vocabulary = await this.ingestion.loadVocabulary();
    const { writable, rejected } = this.ingestion.prepare(records, vocabulary, providerId);
    for (const rejection of rejected) {
      const field = rejection.field ? (INPUT_FIELD_OF[rejection.field] ?? rejection.field) : 'externalId';
      userErrors.push(userError(['input', 'items', String(rejection.recordNumber), field], UserErrorCode.INVALID, rejection.reason));
    }
    const outcomes =
      writable.length > 0 ? await this.ingestion.writer.write(partnerFeed(providerId), writable, { ownerProviderId: providerId }) : [];
    outcomes.forEach((outcome, position) => {
      const record = writable[position];
      const result = results[record.recordNumber];
      Object.assign(result, {
        status: outcome.status,
        resourceId: outcome.resourceId,
        kind: outcome.kind,
        unmappedSkills: record.unmappedTerms,
      });
      if (outcome.status === 'REJECTED') {
        const code = outcome.code === 'DUPLICATE' ? UserErrorCode.DUPLICATE : UserErrorCode.INVALID;
        userErrors.push(
          userError(
            ['input', 'items', String(record.recordNumber), code === UserErrorCode.DUPLICATE ? 'url' : 'externalId'],
            code,
            outcome.reason ?? 'The item could not be written.',
          ),
        );
      }
    });
    userErrors.sort((left, right) => Number(left.field[2]) - Number(right.field[2]));
    const count = (status: WriteStatus) => results.filter((result) => result.status === status).length;
    return {
      results,
      userErrors,
      createdCount: count('CREATED'),
      updatedCount: count('UPDATED'),
      unchangedCount: count('UNCHANGED') + count('LISTED'),
      rejectedCount: count('REJECTED'),
      replayed: false,
    };
  }
}

/** An item as a feed record; the record number is the item's index, so rejections point at the item. */
function toFeedRecord(item: ResourceUpsertItem, index: number): FeedRecord {
  const offerType = item.offerType ?? null;
  return {
    recordNumber: index,
    externalId: item.externalId.trim() || null,
    kind: item.kind,
    title: item.title,
    url: item.url,
    description: item.description ?? '',
    price: item.price ? item.price.amount : offerType === OfferType.FREE ? 0 : null,
    currency: item.price?.currency,
    offer: offerType
      ? {
          audit: offerType === OfferType.AUDIT,
          subscription: offerType === OfferType.SUBSCRIPTION,
          freemium: offerType === OfferType.FREEMIUM,
          isPaid: offerType === OfferType.PAID ? true : offerType === OfferType.FREE ? false : null,
        }
      : { isPaid: item.price ? item.price.amount > 0 : null },
    certificate: item.certificate ? item.certificate.toLowerCase() : null,
    duration: item.durationMinutes ?? null,
    level: item.level ?? null,
    language: item.language ?? null,
    skillTerms: item.skills ?? [],
    tags: item.tags ?? [],
    rating: item.rating ? { average: item.rating.average, count: item.rating.count } : undefined,
    format: item.format ?? null,
    repositoryUrl: item.repositoryUrl ?? null,
    primaryLanguage: item.primaryLanguage ?? null,
    stars: item.stars ?? null,
    license: item.license ?? null,
    beginnerLabels: item.beginnerLabels ?? [],
    startDate: item.startDate ?? null,
    endDate: item.endDate ?? null,
    city: item.city ?? null,
    country: item.country ?? null,
    online: item.online ?? null,
  };
}

// Registers the service as `context.services.partnerResources`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** Partner upserts and removals of their own resources. */
    partnerResources: PartnerResourceService;
  }
}
