import { createByIdLoader } from '../../core/by-id-loader';
import type { LoaderDependencies } from '../../core/loaders';
import { ProviderModel, type ProviderDocument } from './provider.model';

/** Per-request loaders of the provider module. */
export function createProviderLoaders({ entityCache }: LoaderDependencies = {}) {
  return {
    providerById: createByIdLoader<ProviderDocument>(ProviderModel, entityCache),
  };
}
