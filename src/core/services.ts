import { CategoryService } from '../modules/category/category.service';
import { ProviderService } from '../modules/provider/provider.service';
import { ResourceService } from '../modules/resource/resource.service';
import { RoleService } from '../modules/role/role.service';
import { SkillService } from '../modules/skill/skill.service';

/** The feature services, made once per process and shared by every request. */
export function createServices() {
  return {
    categories: new CategoryService(),
    providers: new ProviderService(),
    skills: new SkillService(),
    roles: new RoleService(),
    resources: new ResourceService(),
  };
}

export type Services = ReturnType<typeof createServices>;
