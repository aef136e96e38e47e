import { createHash } from 'node:crypto';
import { BadUserInputError } from '../../core/errors';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { isDuplicateKeyError } from '../../core/validation';
import { IdempotencyRecordModel } from './idempotency-record.model';
import { partnerFeed } from './partner-feed';
import type { FeedRecord } from './ingestion.types';
import type { IngestionService } from './ingestion.service';
import { MAX_RETIRE_IDS, MAX_UPSERT_ITEMS, type ResourceUpsertItem, type RetireResourcesInput, type UpsertResourcesInput } from './partner-resources.input';
import type { WriteStatus } from './resource-writer';

/** The partner calling: its API key and the one provider it writes for. */
export interface PartnerIdentity {
  apiKeyId: string;
  providerId: string;
}

/** The result of an upsert as stored for idempotent replay: plain data, resources by id. */
export interface StoredUpsertResult {
  results: Array<{ index: number; externalId: string; status: WriteStatus; resourceId: string | null; kind: string | null; unmappedSkills: string[] }>;
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
const KIND_ONLY_FIELDS: Record<string, readonly (keyof ResourceUpsertItem)[]> = {
  COURSE: ['durationMinutes', 'certificate', 'rating', 'format'],
  OPEN_SOURCE_PROJECT: ['repositoryUrl', 'primaryLanguage', 'stars', 'license', 'beginnerLabels'],
  EVENT: ['startDate', 'endDate', 'city', 'country', 'online'],
};

/** Normaliser field names that differ from the input's. */
const INPUT_FIELD_OF: Record<string, string> = { duration: 'durationMinutes', provider: 'url' };

/**
 * Partner writes: validation per item, the shared normaliser and writer of ingestion, and idempotent
 * replay of results kept in MongoDB (TTL one day).
 */
export class PartnerResourceService {
  constructor(private readonly ingestion: IngestionService) {}

  async upsert(partner: PartnerIdentity, input: UpsertResourcesInput): Promise<StoredUpsertResult> {
    if (input.items.length > MAX_UPSERT_ITEMS) {
      throw new BadUserInputError(`"input.items" may hold at most ${MAX_UPSERT_ITEMS} items, got ${input.items.length}: split them into several calls.`, 'input.items');
    }
    const key = input.idempotencyKey ?? null;
    if (key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new BadUserInputError(`"input.idempotencyKey" must be 1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`, 'input.idempotencyKey');
    }
    const inputHash = createHash('sha256').update(JSON.stringify(input.items)).digest('hex');
    if (key !== null) {
      const stored = await this.storedResult(partner, key, inputHash);
      if (stored) return stored;
    }
    const result = await this.write(partner, input.items);
    if (key === null) return result;
    try {
      await IdempotencyRecordModel.create({ callerKey: partner.apiKeyId, operation: UPSERT_OPERATION, key, inputHash, result });
    } catch (error) {
      // A concurrent call with the same key stored its result first: answer as it did (our writes found nothing left to do).
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.storedResult(partner, key, inputHash)) ?? result;
    }
    return result;
  }

  async retire(partner: PartnerIdentity, input: RetireResourcesInput): Promise<{ retired: Array<{ resourceId: string; kind: string }>; userErrors: UserError[] }> {
    if (input.externalIds.length > MAX_RETIRE_IDS) {
      throw new BadUserInputError(`"input.externalIds" may hold at most ${MAX_RETIRE_IDS} ids, got ${input.externalIds.length}.`, 'input.externalIds');
    }
    const found = await this.ingestion.writer.retire(partnerFeed(partner.providerId), partner.providerId, input.externalIds);
    const userErrors: UserError[] = [];
    const retired: Array<{ resourceId: string; kind: string }> = [];
    found.forEach((resource, index) => {
      if (resource) retired.push(resource);
      else userErrors.push(userError(['input', 'externalIds', String(index)], UserErrorCode.NOT_FOUND, 'None of your resources has this external id.'));
    });
    return { retired, userErrors };
  }

  private async storedResult(partner: PartnerIdentity, key: string, inputHash: string): Promise<StoredUpsertResult | null> {
    const stored = await IdempotencyRecordModel.findOne({ callerKey: partner.apiKeyId, operation: UPSERT_OPERATION, key }).lean().exec();
    if (!stored) return null;
    if (stored.inputHash !== inputHash) {
      throw new BadUserInputError('This idempotencyKey was already used with a different input; use a new key for a new request.', 'input.idempotencyKey');
    }
    return { ...(stored.result as StoredUpsertResult), replayed: true };
  }

  private async write(partner: PartnerIdentity, items: readonly ResourceUpsertItem[]): Promise<StoredUpsertResult> {
    const userErrors: UserError[] = [];
    const results: StoredUpsertResult['results'] = items.map((item, index) => ({ index, externalId: item.externalId, status: 'REJECTED', resourceId: null, kind: null, unmappedSkills: [] }));
    const records: FeedRecord[] = [];
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const path = ['input', 'items', String(index)];
      const misplaced = Object.entries(KIND_ONLY_FIELDS).flatMap(([kind, fields]) => (kind === item.kind ? [] : fields.filter((field) => item[field] != null)));
      for (const field of misplaced) userErrors.push(userError([...path, field], UserErrorCode.INVALID, `This field does not apply to a ${item.kind}.`));
      const earlier = seen.get(item.externalId);
      if (earlier !== undefined) userErrors.push(userError([...path, 'externalId'], UserErrorCode.DUPLICATE, `Item ${earlier} has the same externalId.`));
      if (misplaced.length > 0 || earlier !== undefined) return;
      seen.set(item.externalId, index);
      records.push(toFeedRecord(item, index));
    });

    const vocabulary = await this.ingestion.loadVocabulary();
    const { writable, rejected } = this.ingestion.prepare(records, vocabulary, partner.providerId);
    for (const rejection of rejected) {
      const field = rejection.field ? (INPUT_FIELD_OF[rejection.field] ?? rejection.field) : 'externalId';
      userErrors.push(userError(['input', 'items', String(rejection.recordNumber), field], UserErrorCode.INVALID, rejection.reason));
    }
    const outcomes = writable.length > 0 ? await this.ingestion.writer.write(partnerFeed(partner.providerId), writable, { ownerProviderId: partner.providerId }) : [];
    outcomes.forEach((outcome, position) => {
      const record = writable[position];
      const result = results[record.recordNumber];
      Object.assign(result, { status: outcome.status, resourceId: outcome.resourceId, kind: outcome.kind, unmappedSkills: record.unmappedTerms });
      if (outcome.status === 'REJECTED') {
        const code = outcome.code === 'DUPLICATE' ? UserErrorCode.DUPLICATE : UserErrorCode.INVALID;
        userErrors.push(userError(['input', 'items', String(record.recordNumber), code === UserErrorCode.DUPLICATE ? 'url' : 'externalId'], code, outcome.reason ?? 'The item could not be written.'));
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
    kind: item.kind as FeedRecord['kind'],
    title: item.title,
    url: item.url,
    description: item.description ?? '',
    price: item.price ? item.price.amount : offerType === 'FREE' ? 0 : null,
    currency: item.price?.currency,
    offer: offerType
      ? { audit: offerType === 'AUDIT', subscription: offerType === 'SUBSCRIPTION', freemium: offerType === 'FREEMIUM', isPaid: offerType === 'PAID' ? true : offerType === 'FREE' ? false : null }
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
