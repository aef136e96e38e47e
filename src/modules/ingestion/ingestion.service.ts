import { noEntityChanges, type EntityChanges } from '../../core/entity-changes';
import { INDEPENDENT_PROVIDER_SLUG } from '../provider/known-providers';
import { mostSpecificHostMatch } from '../provider/provider-matcher';
import { ProviderModel } from '../provider/provider.model';
import { SkillModel } from '../skill/skill.model';
import { normaliseSkillTerm } from '../skill/skill-term';
import { buildSkillMatchVocabulary, type SkillMatchVocabulary } from '../skill-matching/skill-match-vocabulary';
import { isRejection, normaliseRecord } from './normalise';
import type { FeedReading, FeedRecord, NormalisedResource, Rejection } from './ingestion.types';
import { ResourceWriter, type WritableResource, type WriteOutcome } from './resource-writer';

/** Records written per bulk write: small enough that an interrupted run loses little, large enough for few round trips. */
export const DEFAULT_INGEST_BATCH_SIZE = 200;
/**
 * A complete feed that would retire more than this share of its feed's live resources is refused
 * (`MassRetirementError`) unless `allowMassRetire` is set: a feed that drops more than half of what it
 * listed is far more often a truncated download or one file of a multi-file feed than a real withdrawal.
 */
export const MASS_RETIRE_SHARE = 0.5;

/** What ingesting one feed did. */
export interface IngestionReport {
  feed: string;
  /** Records read (adapter rejections included). */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Records whose URL another feed's resource already had: added to its `alsoListedBy`. */
  listed: number;
  /** Whether the run was a complete feed (so it retired what it no longer lists). */
  complete: boolean;
  /**
   * The feed's live resources this run did not list, counted before writing: a complete feed retires
   * them (then `retired` equals this), any other run keeps them.
   */
  notListed: number;
  retired: number;
  rejected: Rejection[];
  /** Listings the adapter folded into another record (not counted in `read`), grouped by why. */
  merged: Array<{ reason: string; count: number }>;
  /** Records written (or kept) without any skill. */
  withoutSkills: number;
  /** Skill terms that named no skill, with how many records carried them, most frequent first. */
  unmappedTerms: Array<{ term: string; count: number }>;
}

/** The names the normaliser resolves against: the skill matcher's vocabulary, skills' ids by slug, providers by slug and by host. */
export interface IngestionVocabulary {
  skills: SkillMatchVocabulary;
  skillIdBySlug: ReadonlyMap<string, string>;
  providerIdBySlug: ReadonlyMap<string, string>;
  providerSlugByHost: ReadonlyMap<string, string>;
}

export interface IngestOptions {
  /**
   * The records are the whole feed: resources of the feed it no longer lists are retired at the end.
   * Default false: one file or page of a feed says nothing about the records it does not hold.
   */
  full?: boolean;
  /** With `full`, retire even more than `MASS_RETIRE_SHARE` of the feed's live resources. Default false. */
  allowMassRetire?: boolean;
  batchSize?: number;
  /**
   * `source.fetchedAt` of what this run writes (and `retiredAt` of what it retires). Default: now. A
   * snapshot of a feed (the seed's data files) passes its upstream date, so re-reading it is a no-op.
   */
  now?: Date;
  /** Called after each batch with records processed so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** A complete feed would retire more than `MASS_RETIRE_SHARE` of its feed's live resources: nothing was written. */
export class MassRetirementError extends Error {
  constructor(
    readonly feed: string,
    /** Live resources the feed does not list. */
    readonly wouldRetire: number,
    /** Live resources of the feed before the run. */
    readonly live: number,
  ) {
    super(
      `feed ${feed} would retire ${wouldRetire} of its ${live} live resources (more than ${MASS_RETIRE_SHARE * 100}%): refused, nothing was written`,
    );
  }
}

/**
 * Runs a feed through normalisation, de-duplication and the idempotent bulk upsert, and retires what
 * a complete feed (`full`) no longer lists. Used by the `ingest` CLI; partner upserts share its normaliser and writer.
 */
export class IngestionService {
  readonly writer: ResourceWriter;

  constructor(changes: EntityChanges = noEntityChanges) {
    this.writer = new ResourceWriter(changes);
  }

  /**
   * Reads the skills' match keys and the providers once per run (two queries), and builds the skill
   * matcher's vocabulary (src/modules/skill-matching) with the broad terms.
   */
  async loadVocabulary(): Promise<IngestionVocabulary> {
    const [skills, providers] = await Promise.all([
      SkillModel.find({}, { matchKeys: 1, slug: 1 }).sort({ _id: 1 }).lean().exec(),
      ProviderModel.find({}, { slug: 1, hosts: 1 }).lean().exec(),
    ]);
    const vocabulary = buildSkillMatchVocabulary(skills.map((skill) => ({ slug: skill.slug, matchKeys: skill.matchKeys ?? [] })));
    const skillIdBySlug = new Map(skills.map((skill) => [skill.slug, String(skill._id)]));
    const providerSlugByHost = new Map<string, string>();
    for (const provider of providers)
      for (const host of provider.hosts ?? []) providerSlugByHost.set(host.toLowerCase().replace(/^www\./, ''), provider.slug);
    return {
      skills: vocabulary,
      skillIdBySlug,
      providerIdBySlug: new Map(providers.map((provider) => [provider.slug, String(provider._id)])),
      providerSlugByHost,
    };
  }

  /**
   * Normalises records and resolves their providers (by slug, else by the URL's host, else the
   * independent catch-all). Returns the writable records and the rejections, each with its record number.
   * With `fixedProviderId` (partner writes) every record is that provider's, and a record whose URL's
   * host belongs to another provider is rejected.
   */
  prepare(
    records: readonly FeedRecord[],
    vocabulary: IngestionVocabulary,
    fixedProviderId?: string,
  ): { writable: WritableResource[]; rejected: Rejection[]; unmapped: Map<string, number> } {
    const writable: WritableResource[] = [];
    const rejected: Rejection[] = [];
    const unmapped = new Map<string, number>();
    const spellingOf = new Map<string, string>();
    for (const record of records) {
      // A partner names its own resources' skills: those links say PARTNER.
      const normalised = normaliseRecord(record, vocabulary.skills, vocabulary.skillIdBySlug, {
        topicsFrom: fixedProviderId ? 'PARTNER' : 'FEED',
      });
      if (isRejection(normalised)) {
        rejected.push(normalised);
        continue;
      }
      const providerId = fixedProviderId ?? providerIdOf(normalised, vocabulary);
      const foreignHost = fixedProviderId ? foreignHostReason(normalised.url, fixedProviderId, vocabulary) : null;
      if (foreignHost) {
        rejected.push({ recordNumber: record.recordNumber, externalId: normalised.externalId, field: 'url', reason: foreignHost });
        continue;
      }
      if (!providerId) {
        rejected.push({
          recordNumber: record.recordNumber,
          externalId: normalised.externalId,
          field: 'provider',
          reason: normalised.providerSlug
            ? `provider: no provider "${normalised.providerSlug}" exists`
            : `provider: no provider serves ${new URL(normalised.url).hostname} and there is no "${INDEPENDENT_PROVIDER_SLUG}" provider`,
        });
        continue;
      }
      // Spellings of one term ("Lua", "lua") are counted together, under the first one seen.
      for (const term of new Set(normalised.unmappedTerms.map((term) => spellingOf.get(normaliseSkillTerm(term) || term) ?? term))) {
        const key = normaliseSkillTerm(term) || term;
        if (!spellingOf.has(key)) spellingOf.set(key, term);
        unmapped.set(term, (unmapped.get(term) ?? 0) + 1);
      }
      writable.push({ ...normalised, providerId });
    }
    return { writable, rejected, unmapped };
  }

  /** Ingests one feed as read by its adapter. Records with an external id already seen in the feed are rejected. */
  async ingest(feed: string, reading: FeedReading, options: IngestOptions = {}): Promise<IngestionReport> {
    const batchSize = options.batchSize ?? DEFAULT_INGEST_BATCH_SIZE;
    const vocabulary = await this.loadVocabulary();
    const { writable, rejected, unmapped } = this.prepare(reading.records, vocabulary);
    rejected.push(...reading.rejected);

    const firstSeen = new Map<string, number>();
    const unique: WritableResource[] = [];
    for (const record of writable) {
      const earlier = firstSeen.get(record.externalId);
      if (earlier !== undefined) {
        rejected.push({
          recordNumber: record.recordNumber,
          externalId: record.externalId,
          field: 'externalId',
          reason: `externalId: the feed lists "${record.externalId}" again (first as record ${earlier})`,
        });
        continue;
      }
      firstSeen.set(record.externalId, record.recordNumber);
      unique.push(record);
    }

    // Records rejected this time keep their resource: a bad row is not a withdrawal.
    const kept = new Set(unique.map((record) => record.externalId));
    for (const rejection of rejected) if (rejection.externalId) kept.add(rejection.externalId);
    const full = options.full ?? false;
    const preload = await this.writer.preload(feed);
    const live = await this.writer.liveExternalIds(feed, preload);
    const notListed = live.filter((externalId) => !kept.has(externalId)).length;
    // Checked before the first write, so a refused run leaves the catalogue exactly as it was.
    if (full && !options.allowMassRetire && notListed > live.length * MASS_RETIRE_SHARE)
      throw new MassRetirementError(feed, notListed, live.length);

    const report: IngestionReport = {
      feed,
      read: reading.records.length + reading.rejected.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      listed: 0,
      complete: full,
      notListed,
      retired: 0,
      rejected,
      merged: (reading.merged ?? []).map((entry) => ({ ...entry })),
      withoutSkills: unique.filter((record) => record.skillIds.length === 0).length,
      unmappedTerms: [],
    };
    const total = unique.length;
    options.onProgress?.(0, total);
    for (let start = 0; start < total; start += batchSize) {
      const batch = unique.slice(start, start + batchSize);
      const outcomes = await this.writer.write(feed, batch, { now: options.now, preload });
      outcomes.forEach((outcome, index) => countOutcome(report, outcome, batch[index]));
      options.onProgress?.(Math.min(start + batchSize, total), total);
    }
    // Only a run that got to the end may retire: an interrupted run never retires what it had not reached.
    if (full) report.retired = await this.writer.retireMissing(feed, kept, options.now);
    report.rejected.sort((left, right) => left.recordNumber - right.recordNumber);
    report.unmappedTerms = [...unmapped]
      .map(([term, count]) => ({ term, count }))
      .sort((left, right) => right.count - left.count || left.term.localeCompare(right.term));
    return report;
  }
}

function countOutcome(report: IngestionReport, outcome: WriteOutcome, record: NormalisedResource): void {
  switch (outcome.status) {
    case 'CREATED':
      report.created += 1;
      break;
    case 'UPDATED':
      report.updated += 1;
      break;
    case 'UNCHANGED':
      report.unchanged += 1;
      break;
    case 'LISTED':
      report.listed += 1;
      break;
    case 'REJECTED':
      report.rejected.push({
        recordNumber: record.recordNumber,
        externalId: record.externalId,
        field: null,
        reason: outcome.reason ?? 'rejected',
      });
      break;
  }
}

/** The provider whose `hosts` hold this URL's host or a parent domain of it, with that host; null when none does. */
function hostProviderOf(url: string, vocabulary: IngestionVocabulary): { slug: string; host: string } | null {
  const match = mostSpecificHostMatch(url, vocabulary.providerSlugByHost);
  return match && { slug: match.value, host: match.host };
}

function providerIdOf(record: NormalisedResource, vocabulary: IngestionVocabulary): string | null {
  if (record.providerSlug) return vocabulary.providerIdBySlug.get(record.providerSlug) ?? null;
  const byHost = hostProviderOf(record.url, vocabulary);
  return vocabulary.providerIdBySlug.get(byHost ? byHost.slug : INDEPENDENT_PROVIDER_SLUG) ?? null;
}

/**
 * Why a record written for `providerId` may not have its URL: the URL's host belongs to another
 * provider (a partner cannot list, say, a udemy.com course as its own). Null when the host is the
 * provider's own or no provider's.
 */
function foreignHostReason(url: string, providerId: string, vocabulary: IngestionVocabulary): string | null {
  const byHost = hostProviderOf(url, vocabulary);
  if (!byHost || vocabulary.providerIdBySlug.get(byHost.slug) === providerId) return null;
  return `url: ${byHost.host} belongs to the provider "${byHost.slug}"; resources at another provider's hosts can only be written for that provider`;
}
