import { createByIdLoader } from '../../core/by-id-loader';
import type { LoaderDependencies } from '../../core/loaders';
import { ProviderModel, type ProviderDocument } from './provider.model';

/** Per-request loaders of the provider module. */
export function createProviderLoaders({ entityCache }: LoaderDependencies = {}) {
  return {
    providerById: createByIdLoader<ProviderDocument>(ProviderModel, entityCache),
  };
}

/** The loaders `createProviderLoaders` makes, as part of every request's `context.loaders`. */
export type ProviderLoaders = ReturnType<typeof createProviderLoaders>;

// Adds these loaders to `context.loaders`; src/app/loaders.ts calls the factory (see src/core/loaders.ts).
declare module '../../core/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members are ProviderLoaders' (declaration merging)
  interface Loaders extends ProviderLoaders {}
}
