import { createByIdLoader } from '../../core/by-id-loader';
import { ProviderModel, type ProviderDocument } from './provider.model';

/** Per-request loaders of the provider module. */
export function createProviderLoaders() {
  return {
    providerById: createByIdLoader<ProviderDocument>(ProviderModel),
  };
}
