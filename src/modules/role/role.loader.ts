import { createByIdLoader } from '../../core/by-id-loader';
import { RoleModel, type RoleDocument } from './role.model';

/** Per-request loaders of the role module. */
export function createRoleLoaders() {
  return {
    roleById: createByIdLoader<RoleDocument>(RoleModel),
  };
}
