import { Types, type AnyBulkWriteOperation } from 'mongoose';
import { fieldChanges } from '../../core/field-changes';
import { resourceSlug } from '../resource/resource-slug';
import { noEntityChanges, type EntityChanges } from '../../core/entity-changes';
import { selectHiddenFields } from '../../core/hidden-fields';
import { isDuplicateKeyError } from '../../core/duplicate-key';
import { ResourceModel, type ResourceDocument, type ResourceKindValue } from '../resource/resource.model';
import { resourceUrlKey } from '../resource/resource-url';
import { searchFieldsFor, type IndexableResource } from '../search/search-indexing';
import { recordTitleWords } from '../search/search-vocabulary';
import { DuplicateCandidateModel } from './duplicate-candidate.model';
import { titleFingerprint, titleKeyOf } from './normalise';
import { isPartnerFeed } from './partner-feed';
import { adminFieldSources, PRECEDENCE_FIELDS, precedenceUpdate } from './field-precedence';
import type { NormalisedResource } from './ingestion.types';

/** Every kind-specific stored field: a kind's own are set, the others removed (a record may change kind). */
const KIND_FIELDS = {
  COURSE: [
    'durationMinutes',
    'ratingAverage',
    'ratingCount',
    'certificate',
    'format',
    'interactive',
    'durationRange',
    'weeklyEffort',
    'weeks',
    'prerequisiteUrlKeys',
  ],
  OPEN_SOURCE_PROJECT: ['repositoryUrl', 'primaryLanguage', 'stars', 'beginnerLabels', 'license'],
  EVENT: ['startDate', 'endDate', 'city', 'country', 'online', 'cfpUrl', 'cfpDeadline'],
  BOOK: ['authors', 'formats', 'accessNotes'],
} as const;
const ALL_KIND_FIELDS = Object.values(KIND_FIELDS).flat();
/** What the writer reads of a resource another feed owns: enough to list it and to apply field precedence. */
const HOLDER_PROJECTION = {
  _id: 1,
  kind: 1,
  url: 1,
  urlKey: 1,
  providerId: 1,
  titleFingerprint: 1,
  source: 1,
  retiredAt: 1,
  alsoListedBy: 1,
  precedenceRevision: 1,
  ...Object.fromEntries(PRECEDENCE_FIELDS.map((field) => [field, 1])),
};

/** The fields two feeds listing one resource may both decide: a write changing one of them is conditional (see `precedenceRevision`). */
const CONTESTED_FIELDS = new Set<string>([...PRECEDENCE_FIELDS, 'alsoListedBy']);

/** A normalised record with its provider resolved: what the writer stores. */
export type WritableResource = NormalisedResource & { providerId: string };

/**
 * What became of one record:
 * - CREATED / UPDATED / UNCHANGED: the resource the feed owns under (feed, externalId);
 * - LISTED: another feed's resource already held this URL, so this feed was added to its
 *   `alsoListedBy` (one resource, several sources); it supplies the precedence groups it wins
 *   (field-precedence.ts) and leaves the rest of the record to the owner;
 * - REJECTED: not written, with the reason (DUPLICATE: the URL is held by a resource the record may
 *   not join: one of the same feed, or of another provider for a partner).
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
   * Set for partner writes (`upsertResources`): a URL that another provider's resource already holds
   * is refused (a partner never attaches itself to, or changes, another provider's resource).
   */
  ownerProviderId?: string;
  now?: Date;
  /**
   * The feed's resources and the catalogue's URLs and title fingerprints, read once for a whole run
   * (`ResourceWriter.preload`): the batch then needs no look-ups of its own. It may be stale (another
   * writer is at work): a write it misleads loses on a unique index and is decided again on fresh reads.
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
  /** The catalogue's URL holders and title fingerprints: read the first time a batch has new records. */
  catalogue: CatalogueIndex | null;
}

interface CatalogueIndex {
  /** The resources that hold a URL, by `urlKey`. */
  holderOf: Map<string, StoredResource>;
  /** Resources (not retired), by title fingerprint: id → provider id and kind. */
  byFingerprint: Map<string, Map<string, FingerprintOwner>>;
  /** The fingerprint each resource is filed under in `byFingerprint`. */
  fingerprintOf: Map<string, string>;
}

/** Up to this many resources in the catalogue, a run reads what it needs once instead of once per batch. */
export const PRELOAD_LIMIT = 50_000;

type StoredResource = ResourceDocument & { alsoListedBy?: Array<{ feed: string; externalId: string; fetchedAt: Date }> };

/**
 * How often one record is decided and written before the writer gives up on a run of lost races. Each
 * lost race is another writer's success, so this many writers of one resource at once all get through.
 */
const MAX_WRITE_ATTEMPTS = 6;
/** A record whose write another writer beat (a duplicate key, or a listing whose holder changed): decide it again. */
const LOST_RACE = Symbol('lost race');
/** A record's outcome in one attempt, and whether the attempt wrote (so the caches must hear of it). */
type Attempted = { outcome: WriteOutcome; wrote: boolean; newFingerprint?: boolean };

/**
 * The one writer of the resource collection. Feeds, the seed and partner upserts write whole
 * records of one feed through `write`, keyed by (source.feed, source.externalId), comparing before
 * writing so that an unchanged record costs no write: re-running a feed writes nothing; each batch
 * tells the caches which resources changed. The admin API, which checks its input field by field,
 * writes through `createOne`, `updateOne` and `deleteOne`. Every door stores the same derived fields
 * (`derivedFields`: title key, title fingerprint, URL claim; then the search fields), and every new
 * or re-titled resource is checked for near-duplicates.
 */
export class ResourceWriter {
  constructor(private readonly changes: EntityChanges = noEntityChanges) {}

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
      ResourceModel.find({ 'alsoListedBy.feed': feed }, HOLDER_PROJECTION).lean<StoredResource[]>().exec(),
    ]);
    const preload: FeedPreload = {
      feed,
      owned: new Map(owned.map((document) => [document.source.externalId, document])),
      listed: new Map(),
      catalogue: null,
    };
    for (const document of listing)
      for (const source of document.alsoListedBy ?? []) if (source.feed === feed) preload.listed.set(source.externalId, document);
    return preload;
  }

  /** The catalogue's URL holders and fingerprints as they were first read (see `write` for why stale is safe). */
  private async catalogueOf(preload: FeedPreload): Promise<CatalogueIndex> {
    if (preload.catalogue) return preload.catalogue;
    const documents = await ResourceModel.find({ retiredAt: null }, HOLDER_PROJECTION).sort({ _id: 1 }).lean<StoredResource[]>().exec();
    const catalogue: CatalogueIndex = { holderOf: new Map(), byFingerprint: new Map(), fingerprintOf: new Map() };
    for (const document of documents) {
      if (document.urlKey) catalogue.holderOf.set(document.urlKey, document);
      if (document.titleFingerprint)
        fileFingerprint(catalogue, String(document._id), document.titleFingerprint, {
          providerId: String(document.providerId),
          kind: document.kind,
        });
    }
    return (preload.catalogue = catalogue);
  }

  /**
   * Writes one batch (records with distinct external ids) and returns one outcome per record, in order.
   * What it reads first only decides what to try: the unique indexes on (feed, externalId) and on
   * `urlKey` decide who wins when another writer (another request, another process) writes the same
   * record or URL meanwhile. A record whose write lost such a race is decided again on fresh reads
   * (it then finds the winner's resource: UNCHANGED, UPDATED, LISTED or a DUPLICATE rejection), so
   * each resource is CREATED by exactly one writer and no client ever sees a duplicate-key error.
   */
  async write(feed: string, records: readonly WritableResource[], options: WriteOptions = {}): Promise<WriteOutcome[]> {
    const now = options.now ?? new Date();
    const desired = records.map((record) => storedFields(record));
    const searchFields = await searchFieldsFor(desired as unknown as IndexableResource[]);
    desired.forEach((fields, index) => Object.assign(fields, searchFields[index]));

    const outcomes: WriteOutcome[] = new Array<WriteOutcome>(records.length);
    const wrote = new Set<number>();
    const refingerprinted = new Set<number>();
    let pending = records.map((_, index) => index);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > MAX_WRITE_ATTEMPTS) {
        for (const index of pending)
          outcomes[index] = rejected('INVALID', 'other writers kept changing this record or its URL at the same time: send it again');
        break;
      }
      // A retry reads afresh: the run's preload is what lost the race.
      const batch = pending.map((index) => ({ record: records[index], desired: desired[index] }));
      const tried = await this.attempt(feed, batch, {
        now,
        ownerProviderId: options.ownerProviderId,
        preload: attempt === 1 ? (options.preload ?? null) : null,
      });
      const lost: number[] = [];
      tried.forEach((result, position) => {
        const index = pending[position];
        if (result === LOST_RACE) lost.push(index);
        else {
          outcomes[index] = result.outcome;
          if (result.wrote) wrote.add(index);
          if (result.newFingerprint) refingerprinted.add(index);
        }
      });
      pending = lost;
    }

    const changedIds = [...wrote].flatMap((index) => (outcomes[index].resourceId ? [outcomes[index].resourceId] : []));
    if (changedIds.length > 0) await this.changes.emit({ type: 'Resource', ids: changedIds });
    const catalogue = options.preload?.catalogue ?? null;
    if (catalogue) {
      // What this batch wrote is what later batches of the run must see.
      records.forEach((record, index) => {
        const outcome = outcomes[index];
        if ((outcome.status === 'CREATED' || outcome.status === 'UPDATED') && outcome.resourceId)
          fileFingerprint(catalogue, outcome.resourceId, record.titleFingerprint, { providerId: record.providerId, kind: record.kind });
      });
    }
    // New resources, and resources whose title now reads differently, may have a twin elsewhere.
    await flagNearDuplicates(
      records.flatMap((record, index) => {
        const { status, resourceId } = outcomes[index];
        const flag = (status === 'CREATED' || (status === 'UPDATED' && refingerprinted.has(index))) && resourceId;
        return flag ? [{ resourceId, providerId: record.providerId, kind: record.kind, titleFingerprint: record.titleFingerprint }] : [];
      }),
      catalogue,
    );
    return outcomes;
  }

  /** Decides and writes each record once; LOST_RACE for those whose write another writer beat. */
  private async attempt(
    feed: string,
    batch: ReadonlyArray<{ record: WritableResource; desired: Record<string, unknown> }>,
    options: { now: Date; ownerProviderId?: string; preload: FeedPreload | null },
  ): Promise<Array<Attempted | typeof LOST_RACE>> {
    const { now, ownerProviderId, preload } = options;
    const externalIds = batch.map(({ record }) => record.externalId);
    const [owned, listed] = preload
      ? [
          externalIds.flatMap((externalId) => preload.owned.get(externalId) ?? []),
          [...new Set(externalIds.flatMap((externalId) => preload.listed.get(externalId) ?? []))],
        ]
      : await Promise.all([
          ResourceModel.find({ 'source.feed': feed, 'source.externalId': { $in: externalIds } })
            .select(selectHiddenFields(ResourceModel))
            .lean<StoredResource[]>()
            .exec(),
          ResourceModel.find({ 'alsoListedBy.feed': feed, 'alsoListedBy.externalId': { $in: externalIds } }, HOLDER_PROJECTION)
            .lean<StoredResource[]>()
            .exec(),
        ]);
    const ownedById = new Map(owned.map((document) => [document.source.externalId, document]));
    const listedById = new Map<string, StoredResource>();
    for (const document of listed)
      for (const source of document.alsoListedBy ?? []) if (source.feed === feed) listedById.set(source.externalId, document);

    // Who holds the URLs of new records, and of owned ones whose claim would change (a new URL, or retired and back).
    const wanted = batch.filter(({ record, desired }) => {
      const current = ownedById.get(record.externalId);
      return current ? current.urlKey !== desired.urlKey : !listedById.has(record.externalId);
    });
    const holderOf = await this.holdersOf(
      wanted.map(({ desired }) => desired.urlKey as string),
      preload,
    );

    const results: Array<Attempted | typeof LOST_RACE> = new Array<Attempted | typeof LOST_RACE>(batch.length);
    const operations: AnyBulkWriteOperation[] = [];
    const operationPosition: number[] = [];
    const listings: Array<{ position: number; holder: StoredResource }> = [];
    /** Writes that change fields another feed may be deciding at the same time: one conditional update each. */
    const contested: Array<{ position: number; holder: StoredResource; update: Record<string, unknown>; attempted: Attempted }> = [];
    batch.forEach(({ record, desired }, position) => {
      const key = desired.urlKey as string;
      const current = ownedById.get(record.externalId);
      if (current) {
        if (ownerProviderId && String(current.providerId) !== ownerProviderId) {
          results[position] = { outcome: rejected('INVALID', 'this external id belongs to a resource of another provider'), wrote: false };
          return;
        }
        const holder = current.urlKey === key ? undefined : holderOf.get(key);
        if (holder && !holder._id.equals(current._id)) {
          const reason = current.retiredAt
            ? 'this retired resource cannot come back at this URL: another resource holds it now'
            : 'another resource already holds this URL';
          results[position] = { outcome: rejected('DUPLICATE', reason), wrote: false };
          return;
        }
        // Fields a more authoritative feed listing the same resource supplied stay theirs.
        const changes = fieldChanges(current, { ...desired, ...precedenceUpdate(current, feed, desired, true) });
        if (!changes) {
          results[position] = { outcome: { status: 'UNCHANGED', resourceId: String(current._id), kind: current.kind }, wrote: false };
          return;
        }
        const update: Record<string, unknown> = { $set: { ...changes.$set, 'source.fetchedAt': now } };
        if (Object.keys(changes.$unset).length > 0) update.$unset = changes.$unset;
        const attempted: Attempted = {
          outcome: { status: 'UPDATED', resourceId: String(current._id), kind: record.kind },
          wrote: true,
          newFingerprint: 'titleFingerprint' in changes.$set,
        };
        if (contests(changes)) contested.push({ position, holder: current, update, attempted });
        else {
          operations.push({ updateOne: { filter: { _id: current._id }, update } });
          operationPosition.push(position);
          results[position] = attempted;
        }
        return;
      }
      const listedIn = listedById.get(record.externalId);
      if (listedIn) {
        // Listed already: the fields this feed is the best source of follow its record.
        const changes = fieldChanges(listedIn, precedenceUpdate(listedIn, feed, desired, false));
        const outcome: WriteOutcome = { status: 'LISTED', resourceId: String(listedIn._id), kind: listedIn.kind };
        if (!changes) {
          results[position] = { outcome, wrote: false };
          return;
        }
        contested.push({ position, holder: listedIn, update: updateOf(changes), attempted: { outcome, wrote: true } });
        return;
      }
      const holder = holderOf.get(key);
      if (holder && holder.source.feed === feed && holder.source.externalId === record.externalId) {
        // The record itself, created by another writer between our two reads: decide again, as its owner.
        results[position] = LOST_RACE;
        return;
      }
      if (holder) {
        const refusal = refusalToJoin(holder, feed, record, ownerProviderId);
        if (refusal) results[position] = { outcome: rejected('DUPLICATE', refusal), wrote: false };
        else listings.push({ position, holder });
        return;
      }
      const _id = new Types.ObjectId();
      const document = Object.fromEntries(Object.entries(desired).filter(([, value]) => value !== undefined));
      operations.push({
        insertOne: {
          document: {
            ...document,
            _id,
            slug: resourceSlug(record.title, feed, record.externalId),
            source: { feed, externalId: record.externalId, fetchedAt: now },
          },
        },
      });
      operationPosition.push(position);
      results[position] = { outcome: { status: 'CREATED', resourceId: String(_id), kind: record.kind }, wrote: true };
    });

    // Only new and changed titles can bring a word typo search does not know yet: unchanged batches read nothing.
    await recordTitleWords(operationPosition.map((position) => batch[position].record));
    if (operations.length > 0) await runBulkWrite(operations, operationPosition, results);
    await Promise.all([
      ...contested.map(async ({ position, holder, update, attempted }) => {
        results[position] = await writeUnlessChanged(holder, {}, update, attempted);
      }),
      ...listings.map(async ({ position, holder }) => {
        const { record, desired } = batch[position];
        // With the listing come the fields this feed is the best source of (field precedence), in the same write.
        const changes = fieldChanges(holder, precedenceUpdate(holder, feed, desired, false));
        // Only while the holder still holds the URL, and once: two writers of one record add one listing.
        results[position] = await writeUnlessChanged(
          holder,
          { urlKey: holder.urlKey, alsoListedBy: { $not: { $elemMatch: { feed, externalId: record.externalId } } } },
          { ...(changes ? updateOf(changes) : {}), $push: { alsoListedBy: { feed, externalId: record.externalId, fetchedAt: now } } },
          { outcome: { status: 'LISTED', resourceId: String(holder._id), kind: holder.kind }, wrote: true },
        );
      }),
    ]);
    return results;
  }

  /**
   * Creates one resource the admin API has checked (every field but the derived ones): adds the
   * derived and search fields, writes it, emits the change and flags near-duplicates. A duplicate key
   * (slug or URL taken meanwhile) is thrown for the caller to report.
   */
  async createOne(
    document: Record<string, unknown> & DerivableResource & { _id: Types.ObjectId; providerId: Types.ObjectId },
  ): Promise<ResourceDocument> {
    const fields = definedFields({ ...document, ...derivedFields(document) });
    const [searchFields] = await searchFieldsFor([fields]);
    // A new title may bring a word typo search does not know yet.
    await recordTitleWords([{ title: document.title }]);
    const created = await new ResourceModel({ ...fields, ...searchFields }).save();
    // The event comes straight after the write: whatever happens next, no cache keeps the old answer.
    await this.changes.emit({ type: 'Resource', ids: [created._id] });
    await flagNearDuplicates(
      [
        {
          resourceId: String(created._id),
          providerId: String(document.providerId),
          kind: document.kind,
          titleFingerprint: fields.titleFingerprint ?? '',
        },
      ],
      null,
    );
    return created.toObject<ResourceDocument>();
  }

  /**
   * Applies an admin update (`changes` to set, `cleared` fields to remove; both checked) to `existing`:
   * the derived fields follow a new title, the search fields follow the resource as it will be stored,
   * and a resource whose fingerprint changed is checked for near-duplicates. Null when the resource
   * is gone; a duplicate key is thrown for the caller to report.
   */
  async updateOne(
    existing: ResourceDocument,
    changes: Record<string, unknown>,
    cleared: readonly string[],
  ): Promise<ResourceDocument | null> {
    const set: Record<string, unknown> = { ...changes };
    if (typeof changes.title === 'string') {
      const { titleKey, titleFingerprint: fingerprint } = derivedFields({ ...existing, title: changes.title });
      set.titleKey = titleKey;
      if (fingerprint) set.titleFingerprint = fingerprint;
      else if (existing.titleFingerprint) cleared = [...cleared, 'titleFingerprint'];
    }
    const update: Record<string, unknown> = { $set: set };
    if (cleared.length > 0) update.$unset = Object.fromEntries(cleared.map((field) => [field, 1]));
    // The admin outranks every feed: the fields it edits stay its own, and a feed deciding them on an older read must retry.
    const adminSources = adminFieldSources(existing, [...Object.keys(changes), ...cleared]);
    if (adminSources) {
      set.fieldSources = adminSources;
      update.$inc = { precedenceRevision: 1 };
    }
    const [searchFields] = await searchFieldsFor([{ ...existing, ...set }]);
    // A new title may bring a word typo search does not know yet; other changes cannot.
    if (typeof changes.title === 'string') await recordTitleWords([{ title: changes.title }]);
    Object.assign(set, searchFields);
    const updated = await ResourceModel.findByIdAndUpdate(existing._id, update, { returnDocument: 'after' })
      .lean<ResourceDocument>()
      .exec();
    if (updated) await this.changes.emit({ type: 'Resource', ids: [updated._id] });
    if (updated?.titleFingerprint && updated.titleFingerprint !== existing.titleFingerprint && !updated.retiredAt) {
      await flagNearDuplicates(
        [
          {
            resourceId: String(updated._id),
            providerId: String(updated.providerId),
            kind: updated.kind,
            titleFingerprint: updated.titleFingerprint,
          },
        ],
        null,
      );
    }
    return updated;
  }

  /** Deletes one resource of `kind` (the admin API's `deleteResource`); the deleted document, or null when there was none. */
  async deleteOne(id: Types.ObjectId, kind: ResourceKindValue): Promise<ResourceDocument | null> {
    const deleted = await ResourceModel.findOneAndDelete({ _id: id, kind }).lean<ResourceDocument>().exec();
    if (deleted) await this.changes.emit({ type: 'Resource', ids: [deleted._id] });
    return deleted;
  }

  /** The resources holding these URL keys: from the run's catalogue when there is one, else one query. */
  private async holdersOf(keys: string[], preload: FeedPreload | null): Promise<Map<string, StoredResource>> {
    if (keys.length === 0) return new Map();
    if (preload) {
      const catalogue = await this.catalogueOf(preload);
      return new Map(keys.flatMap((key) => (catalogue.holderOf.has(key) ? [[key, catalogue.holderOf.get(key)!] as const] : [])));
    }
    const holders = await ResourceModel.find({ urlKey: { $in: keys } }, HOLDER_PROJECTION)
      .lean<StoredResource[]>()
      .exec();
    return new Map(holders.map((holder) => [holder.urlKey!, holder]));
  }

  /** External ids of the feed's live (not retired) resources: from the preload when the run has one, else one query. */
  async liveExternalIds(feed: string, preload: FeedPreload | null): Promise<string[]> {
    if (preload) return [...preload.owned.values()].filter((document) => !document.retiredAt).map((document) => document.source.externalId);
    const live = await ResourceModel.find({ 'source.feed': feed, retiredAt: null }, { _id: 0, 'source.externalId': 1 })
      .lean<StoredResource[]>()
      .exec();
    return live.map((document) => document.source.externalId);
  }

  /**
   * Retires the feed's resources whose external ids are not in `keep` (a full feed no longer lists
   * them) and drops the feed from `alsoListedBy` of resources it no longer lists. Returns how many
   * resources were retired. Resources stay in the database, with `retiredAt` set.
   */
  async retireMissing(feed: string, keep: ReadonlySet<string>, now = new Date()): Promise<number> {
    const owned = await ResourceModel.find({ 'source.feed': feed, retiredAt: null }, { _id: 1, 'source.externalId': 1 })
      .lean<StoredResource[]>()
      .exec();
    const vanished = owned.filter((document) => !keep.has(document.source.externalId)).map((document) => document._id);
    if (vanished.length > 0) await ResourceModel.updateMany({ _id: { $in: vanished } }, retirement(now)).exec();

    const listing = await ResourceModel.find({ 'alsoListedBy.feed': feed }, { _id: 1, alsoListedBy: 1 }).lean<StoredResource[]>().exec();
    const unlisted: Types.ObjectId[] = [];
    for (const document of listing) {
      const sources = document.alsoListedBy ?? [];
      const kept = sources.filter((source) => source.feed !== feed || keep.has(source.externalId));
      if (kept.length === sources.length) continue;
      await ResourceModel.updateOne(
        { _id: document._id },
        // A new revision: a precedence write decided while this feed was still listed is decided again.
        { ...(kept.length > 0 ? { $set: { alsoListedBy: kept } } : { $unset: { alsoListedBy: '' } }), $inc: { precedenceRevision: 1 } },
      ).exec();
      unlisted.push(document._id);
    }
    const changed = [...vanished, ...unlisted];
    if (changed.length > 0) await this.changes.emit({ type: 'Resource', ids: changed });
    return vanished.length;
  }

  /**
   * Retires the given resources of one feed and provider (a partner's `retireResources`). Returns, per
   * external id, the retired resource's id, or null when the feed and provider have no such resource.
   * Retiring a retired resource again changes nothing.
   */
  async retire(
    feed: string,
    providerId: string,
    externalIds: readonly string[],
    now = new Date(),
  ): Promise<Array<{ resourceId: string; kind: string } | null>> {
    const found = await ResourceModel.find(
      { 'source.feed': feed, 'source.externalId': { $in: [...externalIds] }, providerId: new Types.ObjectId(providerId) },
      { _id: 1, kind: 1, retiredAt: 1, 'source.externalId': 1 },
    )
      .lean<StoredResource[]>()
      .exec();
    const byExternalId = new Map(found.map((document) => [document.source.externalId, document]));
    const toRetire = found.filter((document) => !document.retiredAt).map((document) => document._id);
    if (toRetire.length > 0) {
      await ResourceModel.updateMany({ _id: { $in: toRetire } }, retirement(now)).exec();
      await this.changes.emit({ type: 'Resource', ids: toRetire });
    }
    return externalIds.map((externalId) => {
      const document = byExternalId.get(externalId);
      return document ? { resourceId: String(document._id), kind: document.kind } : null;
    });
  }
}

/** Files a resource under its (new) fingerprint, out of the one it had; an empty fingerprint files it nowhere. */
function fileFingerprint(catalogue: CatalogueIndex, resourceId: string, fingerprint: string, owner: FingerprintOwner): void {
  const previous = catalogue.fingerprintOf.get(resourceId);
  if (previous !== undefined) catalogue.byFingerprint.get(previous)?.delete(resourceId);
  if (!fingerprint) {
    catalogue.fingerprintOf.delete(resourceId);
    return;
  }
  let entries = catalogue.byFingerprint.get(fingerprint);
  if (!entries) catalogue.byFingerprint.set(fingerprint, (entries = new Map<string, FingerprintOwner>()));
  entries.set(resourceId, owner);
  catalogue.fingerprintOf.set(resourceId, fingerprint);
}

/**
 * Unordered bulk write of one attempt. An operation that failed on a unique index lost a race to
 * another writer (LOST_RACE: decided again); any other failure rejects its record, the others stand.
 * Mongoose skips operations that fail its own validation and reports them instead of throwing.
 */
async function runBulkWrite(
  operations: AnyBulkWriteOperation[],
  operationPosition: number[],
  results: Array<Attempted | typeof LOST_RACE>,
): Promise<void> {
  const failed = (operationIndex: number, message: string) => {
    results[operationPosition[operationIndex]] = { outcome: rejected('INVALID', `write failed: ${message}`), wrote: false };
  };
  try {
    const result = await ResourceModel.bulkWrite(operations, { ordered: false });
    const validation = (result as { mongoose?: { results?: unknown[] } }).mongoose?.results ?? [];
    validation.forEach((entry, operationIndex) => {
      if (entry instanceof Error) failed(operationIndex, entry.message);
    });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    if (!writeErrors) throw error;
    for (const writeError of (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as Array<{
      index: number;
      code?: number;
      errmsg?: string;
      err?: { code?: number; errmsg?: string };
    }>) {
      if ((writeError.code ?? writeError.err?.code) === 11000) results[operationPosition[writeError.index]] = LOST_RACE;
      else failed(writeError.index, writeError.errmsg ?? writeError.err?.errmsg ?? 'unknown error');
    }
  }
}

/** Whether a change touches a field another feed listing the same resource may be writing too. */
function contests(changes: { $set: Record<string, unknown>; $unset: Record<string, ''> }): boolean {
  return [...Object.keys(changes.$set), ...Object.keys(changes.$unset)].some((field) => CONTESTED_FIELDS.has(field));
}

/**
 * Applies `update` to `holder` only if no contested field changed since it was read (its
 * `precedenceRevision` is the one read) and `conditions` hold, bumping the revision. `attempted` when
 * it wrote; LOST_RACE when another writer got there first (or took the URL: a duplicate key), so the
 * record is decided again on a fresh read rather than overwriting what that writer decided.
 */
async function writeUnlessChanged(
  holder: StoredResource,
  conditions: Record<string, unknown>,
  update: Record<string, unknown>,
  attempted: Attempted,
): Promise<Attempted | typeof LOST_RACE> {
  try {
    const written = await ResourceModel.updateOne(
      { _id: holder._id, precedenceRevision: holder.precedenceRevision ?? null, ...conditions },
      { ...update, $inc: { precedenceRevision: 1 } },
    ).exec();
    return written.matchedCount === 1 ? attempted : LOST_RACE;
  } catch (error) {
    if (isDuplicateKeyError(error)) return LOST_RACE;
    return { outcome: rejected('INVALID', `write failed: ${error instanceof Error ? error.message : String(error)}`), wrote: false };
  }
}

/** `$set` and `$unset` of a change, leaving out an empty `$unset` (an empty operator is an error). */
function updateOf(changes: { $set: Record<string, unknown>; $unset: Record<string, ''> }): Record<string, unknown> {
  const update: Record<string, unknown> = {};
  if (Object.keys(changes.$set).length > 0) update.$set = changes.$set;
  if (Object.keys(changes.$unset).length > 0) update.$unset = changes.$unset;
  return update;
}

/** A retired resource gives its URL up: another may be created at it, and it cannot come back while one holds it. */
function retirement(now: Date) {
  return { $set: { retiredAt: now }, $unset: { urlKey: '' } };
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
    url: record.url,
    description: record.description,
    providerId: new Types.ObjectId(record.providerId),
    skills: record.skillLinks.map((link) => ({
      skillId: new Types.ObjectId(link.skillId),
      level: record.level,
      confidence: link.confidence,
      matchedBy: link.matchedBy,
    })),
    skillIds,
    level: record.level,
    levelSource: record.levelSource,
    pricing: record.pricing,
    free: record.free,
    priceAmount: record.priceAmount,
    priceCurrency: record.priceCurrency,
    language: record.language,
    tags: record.tags,
    offerType: record.offerType ?? undefined,
    // A record the feed lists again is back in the catalogue (and claims its URL again).
    retiredAt: undefined,
    ...derivedFields(record),
  };
  const own = new Set<string>(KIND_FIELDS[record.kind]);
  for (const field of ALL_KIND_FIELDS) fields[field] = own.has(field) ? (record as unknown as Record<string, unknown>)[field] : undefined;
  return fields;
}

/** Who a fingerprinted resource belongs to, and what it is: only the same kind of another provider pairs with it. */
interface FingerprintOwner {
  providerId: string;
  kind: string;
}

/** A resource to check for near-duplicates: its id, provider, kind and (new) title fingerprint. */
interface FingerprintedResource extends FingerprintOwner {
  resourceId: string;
  titleFingerprint: string;
}

/**
 * Flags resources whose title fingerprint equals that of another provider's resource of the same kind
 * (a PyTorch repository and a PyTorch conference share a title, never an audience). One look-up
 * per batch, and an upsert per pair keyed by the pair, so finding a pair again adds nothing.
 */
async function flagNearDuplicates(resources: FingerprintedResource[], catalogue: CatalogueIndex | null): Promise<void> {
  const withFingerprint = resources.filter((resource) => resource.titleFingerprint.length > 0);
  if (withFingerprint.length === 0) return;
  const fingerprints = [...new Set(withFingerprint.map((resource) => resource.titleFingerprint))];
  const sameTitle: Array<Pick<StoredResource, '_id' | 'providerId' | 'kind' | 'titleFingerprint'>> = catalogue
    ? fingerprints.flatMap((fingerprint) =>
        [...(catalogue.byFingerprint.get(fingerprint) ?? [])].map(([id, owner]) => ({
          _id: new Types.ObjectId(id),
          providerId: new Types.ObjectId(owner.providerId),
          kind: owner.kind as ResourceKindValue,
          titleFingerprint: fingerprint,
        })),
      )
    : await ResourceModel.find(
        { titleFingerprint: { $in: fingerprints }, retiredAt: null },
        { _id: 1, providerId: 1, kind: 1, titleFingerprint: 1 },
      )
        .lean<StoredResource[]>()
        .exec();
  const operations: AnyBulkWriteOperation[] = [];
  for (const resource of withFingerprint) {
    for (const other of sameTitle) {
      if (
        other.titleFingerprint !== resource.titleFingerprint ||
        other.kind !== resource.kind ||
        String(other.providerId) === resource.providerId
      )
        continue;
      const ids = [resource.resourceId, String(other._id)].sort();
      operations.push({
        updateOne: {
          filter: { pairKey: ids.join(':') },
          update: {
            $setOnInsert: {
              resourceIds: ids.map((id) => new Types.ObjectId(id)),
              titleFingerprint: resource.titleFingerprint,
              reason: 'same title fingerprint and kind, different providers',
              status: 'OPEN',
            },
          },
          upsert: true,
        },
      });
    }
  }
  if (operations.length === 0) return;
  try {
    await DuplicateCandidateModel.bulkWrite(operations, { ordered: false });
  } catch (error) {
    // Two writers upserting one pair at once: the loser's insert hits the unique pairKey, and the pair
    // is recorded, which is all this wants. Any other failure is real.
    if (!onlyDuplicateKeyErrors(error)) throw error;
  }
}

/** True when a (bulk) write failed only on duplicate keys. */
function onlyDuplicateKeyErrors(error: unknown): boolean {
  if (isDuplicateKeyError(error)) return true;
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(writeErrors) ? (writeErrors as unknown[]) : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every((writeError) => isDuplicateKeyError(writeError));
}

/** What the derived fields are computed from. */
export interface DerivableResource {
  title: string;
  url: string;
  kind: string;
  startDate?: Date | null;
  retiredAt?: Date | null;
}

/**
 * The fields every writer derives from a resource's own, by one rule each: `titleKey` (sorting and
 * title prefixes), `titleFingerprint` (near-duplicate detection) and `urlKey` (one live resource per
 * URL: a retired resource holds none). `undefined` means "not stored": a null `urlKey` would be
 * indexed and collide, an empty fingerprint would pair every title without distinctive words.
 */
export function derivedFields(resource: DerivableResource): {
  titleKey: string;
  titleFingerprint: string | undefined;
  urlKey: string | undefined;
} {
  return {
    titleKey: titleKeyOf(resource.title),
    titleFingerprint: titleFingerprint(resource.title) || undefined,
    urlKey: resource.retiredAt ? undefined : (resourceUrlKey(resource) ?? undefined),
  };
}

/** A document without the fields set to undefined (mongoose would otherwise store some as null). */
function definedFields<T extends Record<string, unknown>>(document: T): T {
  return Object.fromEntries(Object.entries(document).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Why a new record may not join the resource that holds its URL as another listing; null when it may.
 * Not one of its own feed (two records of one feed are two resources or one mistake, never a listing),
 * nor, for a partner, one of another provider. Nor, for a feed, one a partner submitted for another
 * provider: a feed never vouches for a partner's record of its URL; the rejection in its report shows
 * an operator the pair to resolve (partners cannot claim hosts of other providers at all).
 */
function refusalToJoin(holder: StoredResource, feed: string, record: WritableResource, ownerProviderId: string | undefined): string | null {
  if (holder.source.feed === feed) return `the record "${holder.source.externalId}" of the same feed already has this URL`;
  if (ownerProviderId)
    return String(holder.providerId) === ownerProviderId ? null : 'another provider already lists a resource at this URL';
  if (isPartnerFeed(holder.source.feed) && String(holder.providerId) !== record.providerId)
    return `resource ${holder._id.toHexString()}, which a partner (${holder.source.feed}) submitted for another provider, already has this URL`;
  return null;
}
