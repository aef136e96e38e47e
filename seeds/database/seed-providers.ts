import { ProviderModel } from '../../src/modules/provider/provider.model';
import type { ProviderSeed } from '../../src/modules/provider/known-providers';
import type { SeedCounts } from '../seed-report';
import { existingBySlug, idsBySlug, seedCountsOf, type IdBySlug } from './seed-counts';
import { upsertDocuments } from './upsert-documents';

export async function seedProviders(providers: readonly ProviderSeed[]): Promise<{ counts: SeedCounts; ids: IdBySlug }> {
  const slugs = providers.map((provider) => provider.slug);
  const result = await upsertDocuments(
    ProviderModel,
    providers.map((provider) => ({
      key: provider.slug,
      filter: { slug: provider.slug },
      fields: {
        slug: provider.slug,
        name: provider.name,
        nameKey: provider.name.toLowerCase(),
        kind: provider.kind,
        url: provider.url,
        description: provider.description,
        hosts: provider.hosts,
      },
    })),
    await existingBySlug(ProviderModel, slugs),
  );
  return { counts: seedCountsOf(providers.length, result), ids: await idsBySlug(ProviderModel, slugs) };
}
