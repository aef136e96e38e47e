import type { ClassType } from 'type-graphql';
import type { DirectFieldResolvers } from '../../core/direct-field-resolvers';
import {
  BookResolver,
  CourseResolver,
  EventResolver,
  OpenSourceProjectResolver,
  ProviderResourcesResolver,
  ResourceResolver,
  SkillResourcesResolver,
} from './resource.resolver';

export { ResourceService } from './resource.service';
export { Book, Course, Event, OpenSourceProject, Resource, ResourceKind } from './resource.type';
export { ResourceFilter, ResourceOrder } from './resource.input';

/** Resolver classes of the resource module, including `Skill.resources` and `Provider.resources`. */
export const ResourceResolvers: ClassType[] = [
  ResourceResolver,
  CourseResolver,
  OpenSourceProjectResolver,
  EventResolver,
  BookResolver,
  SkillResourcesResolver,
  ProviderResourcesResolver,
];

/** The field resolvers every item of a resource page runs, called by graphql-js directly (see direct-field-resolvers.ts). */
export const ResourceDirectFieldResolvers: DirectFieldResolvers = [ResourceResolver, ['id', 'provider', 'skills']];
