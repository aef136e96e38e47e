import { createByIdLoader } from '../../core/by-id-loader';
import { ResourceModel, type ResourceDocument } from './resource.model';

/** Per-request loaders of the resource module. */
export function createResourceLoaders() {
  return {
    resourceById: createByIdLoader<ResourceDocument>(ResourceModel),
  };
}
