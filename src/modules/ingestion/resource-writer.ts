import { Types, type AnyBulkWriteOperation } from 'mongoose';
import { fieldChanges } from '../../../seeds/database/field-changes';
import { resourceSlug } from '../../../seeds/support/slug';
import { noCacheInvalidation, type CacheInvalidation } from '../../core/cache/cache-invalidation';
import { selectHiddenFields } from '../../core/hidden-fields';
import { ResourceModel, type ResourceDocument } from '../resource/resource.model';
import { searchFieldsFor, type IndexableResource } from '../search/search-indexing';
import { recordTitleWords } from '../search/search-vocabulary';
import { DuplicateCandidateModel } from './duplicate-candidate.model';
import { isPartnerFeed } from './partner-feed';
import type { NormalisedResource } from './ingestion.types';

/** Every kind-specific stored field: a kind's own are set, the others removed (a record may change kind). */
const KIND_FIELDS = {
  COURSE: ['durationMinutes', 'ratingAverage', 'ratingCount', 'certificate', 'format'],
  OPEN_SOURCE_PROJECT: ['repositoryUrl', 'primaryLanguage', 'stars', 'beginnerLabels', 'license'],
  EVENT: ['startDate', 'endDate', 'city', 'country', 'online', 'cfpUrl', 'cfpDeadline'],
} as const;
const ALL_KIND_FIELDS = Object.values(KIND_FIELDS).flat();

/** A normalised record with its provider resolved: what the writer stores. */
export type WritableResource = NormalisedResource & { providerId: string };

/**
 * What became of one record:
 * - CREATED / UPDATED / UNCHANGED: the resource the feed owns under (feed, externalId);
 * - LISTED: another feed already had a resource at this URL, so this feed was added to its
 *   `alsoListedBy` (one resource, several sources) and its fields were left to the first feed;
 * - REJECTED: not written, with the reason.
 */
export type WriteStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'LISTED' | 'REJECTED';

export interface WriteOutcome {
  status: WriteStatus;
  resourceId: string | null;
  kind: string | null;
  reason?: string;
  /** For REJECTED: why, as a user-error code (DUPLICATE, INVALID). */
  code?: 'DUPLICATE' | 'INVALID' | 'NOT_FOUND';
}

export interface WriteOptions {
  /**
   * Set for partner writes: a URL that another provider's resource already holds is refused
   * (a partner never attaches itself to, or changes, another provider's resource).
   */
  ownerProviderId?: string;
  now?: Date;
  /**
   * The feed's resources and the catalogue's URLs and title fingerprints, read once for a whole run
   * (`ResourceWriter.preload`): the batch then needs no look-ups of its own. Kept up to date by `write`.
   */
  preload?: FeedPreload | null;
}

/** Resources a run may consult, read once: see `ResourceWriter.preload`. */
export interface FeedPreload {
  feed: string;
  /** The feed's own resources (whole documents, retired ones too), by external id. */
  owned: Map<string, StoredResource>;
  /** Resources of other feeds that list this feed's records in `alsoListedBy`, by this feed's external id. */
  listed: Map<string, StoredResource>;
  /** The rest of the catalogue's URLs and title fingerprints: read the first time a batch has new records. */
  catalogue: CatalogueIndex | null;
}

interface CatalogueIndex {
  /** Other feeds' resources (not retired), by `urlKey`; the oldest wins. */
  sameUrl: Map<string, StoredResource>;
  /** Resources (not retired), by title fingerprint: id → provider id. */
  byFingerprint: Map<string, Map<string, string>>;
  /** The fingerprint each resource is filed under in `byFingerprint`. */
  fingerprintOf: Map<string, string>;
}

/** Up to this many resources in the catalogue, a run reads what it needs once instead of once per batch. */
export const PRELOAD_LIMIT = 50_000;

type StoredResource = ResourceDocument & { alsoListedBy?: Array<{ feed: string; externalId: string; fetchedAt: Date }> };

/**
 * Writes resources of one feed, keyed by (source.feed, source.externalId), comparing before writing so
 * that an unchanged record costs no write: re-running a feed writes nothing. Every write path of
 * ingestion and partner upserts comes through here, and each batch tells the caches which resources
 * changed (the same hook the resource service's writes call).
 */
export class ResourceWriter {
  constructor(private readonly cache: CacheInvalidation = noCacheInvalidation) {}

  /**
   * Reads, in two queries, what runs of `feed` look up per batch: the feed's resources and the other
   * feeds' resources that list its records. The rest of the catalogue's URLs and fingerprints are
   * read once more, the first time a batch has new records. Null when the catalogue holds more than
   * `PRELOAD_LIMIT` resources: batches then look up only their own records.
   */
  async preload(feed: string): Promise<FeedPreload | null> {
    if ((await ResourceModel.estimatedDocumentCount().exec()) > PRELOAD_LIMIT) return null;
    const [owned, listing] = await Promise.all([
      ResourceModel.find({ 'source.feed': feed }).select(selectHiddenFields(ResourceModel)).lean<StoredResource[]>().exec(),
      ResourceModel.find({ 'alsoListedBy.feed': feed }, { _id: 1, kind: 1, alsoListedBy: 1 }).lean<StoredResource[]>().exec(),
    ]);
    const preload: FeedPreload = { feed, owned: new Map(owned.map((document) => [document.source.externalId, document])), listed: new Map(), catalogue: null };
    for (const document of listing) for (const source of document.alsoListedBy ?? []) if (source.feed === feed) preload.listed.set(source.externalId, document);
    return preload;
  }

  /** The catalogue's URLs and fingerprints as they are now (earlier batches of the run included). */
  private async catalogueOf(preload: FeedPreload): Promise<CatalogueIndex> {
    if (preload.catalogue) return preload.catalogue;
    const documents = await ResourceModel.find({ retiredAt: null }, { _id: 1, kind: 1, url: 1, providerId: 1, titleFingerprint: 1, 'source.feed': 1 }).sort({ _id: 1 }).lean<StoredResource[]>().exec();
    const catalogue: CatalogueIndex = { sameUrl: new Map(), byFingerprint: new Map(), fingerprintOf: new Map() };
    for (const document of documents) {
      if (document.source.feed !== preload.feed) {
        const key = urlKey(document.url);
        if (!catalogue.sameUrl.has(key)) catalogue.sameUrl.set(key, document);
      }
      if (document.titleFingerprint) fileFingerprint(catalogue, String(document._id), document.titleFingerprint, String(document.providerId));
    }
    return (preload.catalogue = catalogue);
  }

  /** Writes one batch (records with distinct external ids) and returns one outcome per record, in order. */
  async write(feed: string, records: readonly WritableResource[], options: WriteOptions = {}): Promise<WriteOutcome[]> {
    const now = options.now ?? new Date();
    const preload = options.preload ?? null;
    const externalIds = records.map((record) => record.externalId);
    const [owned, listed] = preload
      ? [externalIds.flatMap((externalId) => preload.owned.get(externalId) ?? []), [...new Set(externalIds.flatMap((externalId) => preload.listed.get(externalId) ?? []))]]
      : await Promise.all([
          ResourceModel.find({ 'source.feed': feed, 'source.externalId': { $in: externalIds } }).select(selectHiddenFields(ResourceModel)).lean<StoredResource[]>().exec(),
          ResourceModel.find({ 'alsoListedBy.feed': feed, 'alsoListedBy.externalId': { $in: externalIds } }, { _id: 1, kind: 1, alsoListedBy: 1 }).lean<StoredResource[]>().exec(),
        ]);
    const ownedById = new Map(owned.map((document) => [document.source.externalId, document]));
    const listedById = new Map<string, StoredResource>();
    for (const document of listed) for (const source of document.alsoListedBy ?? []) if (source.feed === feed) listedById.set(source.externalId, document);

    // A record new to this feed whose URL another feed's resource already has joins that resource.
    const newUrls = records.filter((record) => !ownedById.has(record.externalId) && !listedById.has(record.externalId)).map((record) => record.url);
    const byUrl = new Map<string, StoredResource>();
    if (preload && newUrls.length > 0) {
      const catalogue = await this.catalogueOf(preload);
      for (const url of newUrls) {
        const document = catalogue.sameUrl.get(urlKey(url));
        if (document) byUrl.set(urlKey(url), document);
      }
    } else if (newUrls.length > 0) {
      const sameUrl = await ResourceModel.find({ url: { $in: newUrls.flatMap(urlSpellings) }, retiredAt: null, 'source.feed': { $ne: feed } }, { _id: 1, kind: 1, url: 1, providerId: 1, 'source.feed': 1 })
        .sort({ _id: 1 })
        .lean<StoredResource[]>()
        .exec();
      for (const document of sameUrl) if (!byUrl.has(urlKey(document.url))) byUrl.set(urlKey(document.url), document);
    }

    const outcomes: WriteOutcome[] = new Array(records.length);
    const desired = records.map((record) => storedFields(record));
    const searchFields = await searchFieldsFor(desired as unknown as IndexableResource[]);
    desired.forEach((fields, index) => Object.assign(fields, searchFields[index]));

    const operations: AnyBulkWriteOperation[] = [];
    const operationRecord: number[] = [];
    records.forEach((record, index) => {
      const current = ownedById.get(record.externalId);
      if (current) {
        if (options.ownerProviderId && String(current.providerId) !== options.ownerProviderId) {
          outcomes[index] = rejected('INVALID', 'this external id belongs to a resource of another provider');
          return;
        }
        const changes = fieldChanges(current as unknown as Record<string, unknown>, desired[index]);
        if (!changes) {
          outcomes[index] = { status: 'UNCHANGED', resourceId: String(current._id), kind: current.kind };
          return;
        }
        const update: Record<string, unknown> = { $set: { ...changes.$set, 'source.fetchedAt': now } };
        if (Object.keys(changes.$unset).length > 0) update.$unset = changes.$unset;
        operations.push({ updateOne: { filter: { _id: current._id }, update } });
        operationRecord.push(index);
        outcomes[index] = { status: 'UPDATED', resourceId: String(current._id), kind: record.kind };
        return;
      }
      const listedIn = listedById.get(record.externalId);
      if (listedIn) {
        outcomes[index] = { status: 'LISTED', resourceId: String(listedIn._id), kind: listedIn.kind };
        return;
      }
      // A partner's own record is checked below (it may not join another provider's resource at all).
      const sameUrl = options.ownerProviderId ? byUrl.get(urlKey(record.url)) : joinableByUrl(byUrl.get(urlKey(record.url)), record);
      if (sameUrl) {
        if (options.ownerProviderId && String(sameUrl.providerId) !== options.ownerProviderId) {
          outcomes[index] = rejected('DUPLICATE', 'another provider already lists a resource at this URL');
          return;
        }
        operations.push({ updateOne: { filter: { _id: sameUrl._id }, update: { $push: { alsoListedBy: { feed, externalId: record.externalId, fetchedAt: now } } } } });
        operationRecord.push(index);
        outcomes[index] = { status: 'LISTED', resourceId: String(sameUrl._id), kind: sameUrl.kind };
        return;
      }
      const $set = Object.fromEntries(Object.entries(desired[index]).filter(([, value]) => value !== undefined));
      operations.push({
        updateOne: {
          filter: { 'source.feed': feed, 'source.externalId': record.externalId },
          update: { $set, $setOnInsert: { slug: resourceSlug(record.title, feed, record.externalId), 'source.fetchedAt': now } },
          upsert: true,
        },
      });
      operationRecord.push(index);
      outcomes[index] = { status: 'CREATED', resourceId: null, kind: record.kind };
    });

    // Only new and changed titles can bring a word typo search does not know yet: unchanged batches read nothing.
    await recordTitleWords(records.filter((_, index) => outcomes[index].status === 'CREATED' || outcomes[index].status === 'UPDATED'));
    if (operations.length > 0) await this.runBulkWrite(operations, operationRecord, outcomes, feed, externalIds);
    // Only what a write touched: a record already listed elsewhere (LISTED with no operation) changed nothing.
    const changedIds = operationRecord.flatMap((index) => (outcomes[index].status !== 'REJECTED' && outcomes[index].resourceId ? [outcomes[index].resourceId!] : []));
    if (changedIds.length > 0) await this.cache.entitiesChanged('Resource', changedIds);
    const catalogue = preload?.catalogue ?? null;
    if (catalogue) {
      // What this batch wrote is what later batches of the run must see.
      records.forEach((record, index) => {
        const outcome = outcomes[index];
        if ((outcome.status === 'CREATED' || outcome.status === 'UPDATED') && outcome.resourceId) fileFingerprint(catalogue, outcome.resourceId, record.titleFingerprint, record.providerId);
      });
    }
    await flagNearDuplicates(
      records.flatMap((record, index) => (outcomes[index].status === 'CREATED' ? [{ record, outcome: outcomes[index] }] : [])),
      catalogue,
    );
    return outcomes;
  }

  /** Unordered bulk write; a failed operation turns its record's outcome into a rejection, the others stand. */
  private async runBulkWrite(operations: AnyBulkWriteOperation[], operationRecord: number[], outcomes: WriteOutcome[], feed: string, externalIds: string[]): Promise<void> {
    let upsertedIds: Record<number, unknown> = {};
    try {
      const result = await ResourceModel.bulkWrite(operations, { ordered: false });
      upsertedIds = (result.upsertedIds ?? {}) as Record<number, unknown>;
    } catch (error) {
      const details = error as { writeErrors?: unknown; result?: { upsertedIds?: Record<number, unknown> } };
      if (!details.writeErrors) throw error;
      upsertedIds = details.result?.upsertedIds ?? {};
      const writeErrors = (Array.isArray(details.writeErrors) ? details.writeErrors : [details.writeErrors]) as Array<{ index: number; errmsg?: string; err?: { errmsg?: string } }>;
      for (const writeError of writeErrors) {
        outcomes[operationRecord[writeError.index]] = rejected('INVALID', `write failed: ${writeError.errmsg ?? writeError.err?.errmsg ?? 'unknown error'}`);
      }
    }
    // Upserts report their new ids; one that found a document (written since we read) updated it instead.
    const missing: number[] = [];
    operationRecord.forEach((recordIndex, operationIndex) => {
      const outcome = outcomes[recordIndex];
      if (outcome.status !== 'CREATED') return;
      const id = upsertedIds[operationIndex];
      if (id) outcome.resourceId = String(id);
      else missing.push(recordIndex);
    });
    if (missing.length > 0) {
      const found = await ResourceModel.find({ 'source.feed': feed, 'source.externalId': { $in: missing.map((index) => externalIds[index]) } }, { _id: 1, 'source.externalId': 1 }).lean<StoredResource[]>().exec();
      const idByExternalId = new Map(found.map((document) => [document.source.externalId, String(document._id)]));
      for (const index of missing) outcomes[index] = { status: 'UPDATED', resourceId: idByExternalId.get(externalIds[index]) ?? null, kind: outcomes[index].kind };
    }
  }

  /** External ids of the feed's live (not retired) resources: from the preload when the run has one, else one query. */
  async liveExternalIds(feed: string, preload: FeedPreload | null): Promise<string[]> {
    if (preload) return [...preload.owned.values()].filter((document) => !document.retiredAt).map((document) => document.source.externalId);
    const live = await ResourceModel.find({ 'source.feed': feed, retiredAt: null }, { _id: 0, 'source.externalId': 1 }).lean<StoredResource[]>().exec();
    return live.map((document) => document.source.externalId);
  }

  /**
   * Retires the feed's resources whose external ids are not in `keep` (a full feed no longer lists
   * them) and drops the feed from `alsoListedBy` of resources it no longer lists. Returns how many
   * resources were retired. Resources stay in the database, with `retiredAt` set.
   */
  async retireMissing(feed: string, keep: ReadonlySet<string>, now = new Date()): Promise<number> {
    const owned = await ResourceModel.find({ 'source.feed': feed, retiredAt: null }, { _id: 1, 'source.externalId': 1 }).lean<StoredResource[]>().exec();
    const vanished = owned.filter((document) => !keep.has(document.source.externalId)).map((document) => document._id);
    if (vanished.length > 0) await ResourceModel.updateMany({ _id: { $in: vanished } }, { $set: { retiredAt: now } }).exec();

    const listing = await ResourceModel.find({ 'alsoListedBy.feed': feed }, { _id: 1, alsoListedBy: 1 }).lean<StoredResource[]>().exec();
    const unlisted: Types.ObjectId[] = [];
    for (const document of listing) {
      const sources = document.alsoListedBy ?? [];
      const kept = sources.filter((source) => source.feed !== feed || keep.has(source.externalId));
      if (kept.length === sources.length) continue;
      await ResourceModel.updateOne({ _id: document._id }, kept.length > 0 ? { $set: { alsoListedBy: kept } } : { $unset: { alsoListedBy: '' } }).exec();
      unlisted.push(document._id);
    }
    const changed = [...vanished, ...unlisted];
    if (changed.length > 0) await this.cache.entitiesChanged('Resource', changed);
    return vanished.length;
  }

  /**
   * Retires the given resources of one feed and provider (a partner's `retireResources`). Returns, per
   * external id, the retired resource's id, or null when the feed and provider have no such resource.
   * Retiring a retired resource again changes nothing.
   */
  async retire(feed: string, providerId: string, externalIds: readonly string[], now = new Date()): Promise<Array<{ resourceId: string; kind: string } | null>> {
    const found = await ResourceModel.find({ 'source.feed': feed, 'source.externalId': { $in: [...externalIds] }, providerId: new Types.ObjectId(providerId) }, { _id: 1, kind: 1, retiredAt: 1, 'source.externalId': 1 })
      .lean<StoredResource[]>()
      .exec();
    const byExternalId = new Map(found.map((document) => [document.source.externalId, document]));
    const toRetire = found.filter((document) => !document.retiredAt).map((document) => document._id);
    if (toRetire.length > 0) {
      await ResourceModel.updateMany({ _id: { $in: toRetire } }, { $set: { retiredAt: now } }).exec();
      await this.cache.entitiesChanged('Resource', toRetire);
    }
    return externalIds.map((externalId) => {
      const document = byExternalId.get(externalId);
      return document ? { resourceId: String(document._id), kind: document.kind } : null;
    });
  }
}

/** Files a resource under its (new) fingerprint, out of the one it had; an empty fingerprint files it nowhere. */
function fileFingerprint(catalogue: CatalogueIndex, resourceId: string, fingerprint: string, providerId: string): void {
  const previous = catalogue.fingerprintOf.get(resourceId);
  if (previous !== undefined) catalogue.byFingerprint.get(previous)?.delete(resourceId);
  if (!fingerprint) {
    catalogue.fingerprintOf.delete(resourceId);
    return;
  }
  let entries = catalogue.byFingerprint.get(fingerprint);
  if (!entries) catalogue.byFingerprint.set(fingerprint, (entries = new Map()));
  entries.set(resourceId, providerId);
  catalogue.fingerprintOf.set(resourceId, fingerprint);
}

/** A canonical URL without "www." and scheme: "https://www.github.com/a" and "http://github.com/a" are one page. */
function urlKey(url: string): string {
  return url.replace(/^https?:\/\/(?:www\.)?/, '');
}

/** The stored spellings a canonical URL may have been written with (scheme and "www." vary between feeds). */
function urlSpellings(url: string): string[] {
  const rest = urlKey(url);
  return ['https://', 'http://', 'https://www.', 'http://www.'].map((prefix) => `${prefix}${rest}`);
}

function rejected(code: WriteOutcome['code'], reason: string): WriteOutcome {
  return { status: 'REJECTED', resourceId: null, kind: null, reason, code };
}

/** The stored fields of a record, as `fieldChanges` compares them; `undefined` removes a field. */
function storedFields(record: WritableResource): Record<string, unknown> {
  const skillIds = record.skillIds.map((id) => new Types.ObjectId(id));
  const fields: Record<string, unknown> = {
    kind: record.kind,
    title: record.title,
    titleKey: record.title.toLowerCase(),
    url: record.url,
    description: record.description,
    providerId: new Types.ObjectId(record.providerId),
    skills: skillIds.map((skillId) => ({ skillId, level: record.level })),
    skillIds,
    level: record.level,
    free: record.free,
    priceAmount: record.priceAmount,
    priceCurrency: record.priceCurrency,
    language: record.language,
    tags: record.tags,
    offerType: record.offerType ?? undefined,
    titleFingerprint: record.titleFingerprint || undefined,
    // A record the feed lists again is back in the catalogue.
    retiredAt: undefined,
  };
  const own = new Set<string>(KIND_FIELDS[record.kind]);
  for (const field of ALL_KIND_FIELDS) fields[field] = own.has(field) ? (record as unknown as Record<string, unknown>)[field] : undefined;
  return fields;
}

/**
 * Flags new resources whose title fingerprint equals that of another provider's resource. One
 * look-up per batch, and an upsert per pair keyed by the pair, so finding a pair again adds nothing.
 */
async function flagNearDuplicates(created: Array<{ record: WritableResource; outcome: WriteOutcome }>, catalogue: CatalogueIndex | null): Promise<void> {
  const withFingerprint = created.filter(({ record, outcome }) => record.titleFingerprint.length > 0 && outcome.resourceId);
  if (withFingerprint.length === 0) return;
  const fingerprints = [...new Set(withFingerprint.map(({ record }) => record.titleFingerprint))];
  const sameTitle: Array<Pick<StoredResource, '_id' | 'providerId' | 'titleFingerprint'>> = catalogue
    ? fingerprints.flatMap((fingerprint) => [...(catalogue.byFingerprint.get(fingerprint) ?? [])].map(([id, providerId]) => ({ _id: new Types.ObjectId(id), providerId: new Types.ObjectId(providerId), titleFingerprint: fingerprint })))
    : await ResourceModel.find({ titleFingerprint: { $in: fingerprints }, retiredAt: null }, { _id: 1, providerId: 1, titleFingerprint: 1 }).lean<StoredResource[]>().exec();
  const operations: AnyBulkWriteOperation[] = [];
  for (const { record, outcome } of withFingerprint) {
    for (const other of sameTitle) {
      if (other.titleFingerprint !== record.titleFingerprint || String(other.providerId) === record.providerId) continue;
      const ids = [outcome.resourceId!, String(other._id)].sort();
      operations.push({
        updateOne: {
          filter: { pairKey: ids.join(':') },
          update: { $setOnInsert: { resourceIds: ids.map((id) => new Types.ObjectId(id)), titleFingerprint: record.titleFingerprint, reason: 'same title fingerprint, different providers', status: 'OPEN' } },
          upsert: true,
        },
      });
    }
  }
  if (operations.length > 0) await DuplicateCandidateModel.bulkWrite(operations, { ordered: false });
}

/**
 * The resource at the same URL that `record` may join as another listing, if any. Not one a partner
 * submitted for another provider: a partner could otherwise claim a provider's URL before that
 * provider's feed lists it and keep its listing for good. The record then gets its own resource, and
 * the near-duplicate review sees the pair.
 */
function joinableByUrl(sameUrl: StoredResource | undefined, record: WritableResource): StoredResource | undefined {
  if (sameUrl && isPartnerFeed(sameUrl.source.feed) && String(sameUrl.providerId) !== String(record.providerId)) return undefined;
  return sameUrl;
}
