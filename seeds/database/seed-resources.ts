import { ResourceModel } from '../../src/modules/resource/resource.model';
import { searchFieldsFor, type IndexableResource } from '../../src/modules/search/search-indexing';
import { KIND_FIELDS, type ResourceSeed, type SourceBatch } from '../resources/resource-seed.types';
import { addSkipped, type SeedCounts, type SourceSeedReport } from '../seed-report';
import { requireId, seedCountsOf, type IdBySlug } from './seed-counts';
import { upsertDocuments, type DesiredDocument } from './upsert-documents';

/** The resource document's fields, with provider and skills resolved to ids and the lower-cased sort key. */
function resourceFields(resource: ResourceSeed, providerIds: IdBySlug, skillIds: IdBySlug): Record<string, unknown> {
  const referrer = `resource "${resource.source.feed}/${resource.source.externalId}"`;
  const skills = resource.skills.map((skill) => ({ skillId: requireId(skillIds, skill.skillSlug, referrer), level: skill.level }));
  const kindFields = Object.fromEntries(KIND_FIELDS[resource.kind].map((field) => [field, resource[field]]));
  return {
    kind: resource.kind,
    title: resource.title,
    titleKey: resource.title.toLowerCase(),
    url: resource.url,
    description: resource.description,
    providerId: requireId(providerIds, resource.providerSlug, referrer),
    skills,
    skillIds: skills.map((skill) => skill.skillId),
    level: resource.level,
    free: resource.free,
    priceAmount: resource.priceAmount,
    priceCurrency: resource.priceCurrency,
    language: resource.language,
    tags: resource.tags,
    source: resource.source,
    ...kindFields,
  };
}

/**
 * Upserts one feed's resources keyed by (source.feed, source.externalId). The slug is written only
 * when a resource is created, so a later title change upstream never breaks links to it. A slug that
 * another resource of this run already took is skipped (the hash in slugs makes this unlikely).
 * Returns the feed's report (records read) and the resource collection's counts (documents written).
 */
export async function seedSourceBatch(
  batch: SourceBatch,
  providerIds: IdBySlug,
  skillIds: IdBySlug,
  takenSlugs: Set<string>,
): Promise<{ report: SourceSeedReport; written: SeedCounts }> {
  const desired: DesiredDocument[] = [];
  let slugCollisions = 0;
  for (const resource of batch.resources) {
    if (takenSlugs.has(resource.slug)) {
      slugCollisions += 1;
      continue;
    }
    takenSlugs.add(resource.slug);
    desired.push({
      key: resource.source.externalId,
      filter: { 'source.feed': resource.source.feed, 'source.externalId': resource.source.externalId },
      fields: resourceFields(resource, providerIds, skillIds),
      fieldsOnInsert: { slug: resource.slug },
    });
  }

  // The search fields, through the same function as the API's writes (deterministic, so a re-seed changes nothing).
  const searchFields = await searchFieldsFor(desired.map((document) => document.fields as unknown as IndexableResource));
  desired.forEach((document, index) => Object.assign(document.fields, searchFields[index]));

  const existingDocuments = await ResourceModel.find({ 'source.feed': batch.feed }).lean<Record<string, unknown>[]>();
  const existing = new Map(existingDocuments.map((document) => [(document.source as { externalId: string }).externalId, document]));
  const written = seedCountsOf(batch.resources.length, await upsertDocuments(ResourceModel, desired, existing));
  addSkipped(written.skipped, 'slug already used by another resource of this seed', slugCollisions);

  const skipped = batch.skipped.map((entry) => ({ ...entry }));
  for (const entry of written.skipped) addSkipped(skipped, entry.reason, entry.count);
  const report: SourceSeedReport = {
    feed: batch.feed,
    read: batch.read,
    created: written.created,
    updated: written.updated,
    unchanged: written.unchanged,
    skipped,
    resources: batch.resources.length,
    resourcesWithoutSkills: batch.resourcesWithoutSkills,
    unmappedTerms: batch.unmappedTerms,
  };
  return { report, written };
}
