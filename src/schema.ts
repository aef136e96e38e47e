import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, type ClassType, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './core/auth';
import { callFieldResolversDirectly } from './core/direct-field-resolvers';
import { PROJECT_ROOT } from './core/project-root';
import { ApiKeyResolvers } from './modules/api-key';
import { CategoryResolvers } from './modules/category';
import { IngestionResolvers } from './modules/ingestion';
import { NodeResolver } from './modules/node';
import { OccupationResolvers } from './modules/occupation';
import { ProviderResolver } from './modules/provider';
import { RateLimitResolvers } from './modules/rate-limit';
import { ResourceDirectFieldResolvers, ResourceResolvers } from './modules/resource';
import { RoleResolvers } from './modules/role';
import { SearchResolvers } from './modules/search';
import { AnalyticsResolvers } from './modules/analytics';
import { SkillDirectFieldResolvers, SkillResolvers } from './modules/skill';
import { LearningPlanResolvers } from './modules/learning-plan';

/** Every resolver class of every feature module. */
export const resolvers: NonEmptyArray<ClassType> = [
  NodeResolver,
  ProviderResolver,
  ...CategoryResolvers,
  ...SkillResolvers,
  ...RoleResolvers,
  ...OccupationResolvers,
  ...ResourceResolvers,
  ...SearchResolvers,
  ...AnalyticsResolvers,
  ...ApiKeyResolvers,
  ...IngestionResolvers,
  ...RateLimitResolvers,
  ...LearningPlanResolvers,
];

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');

let cachedSchema: Promise<GraphQLSchema> | undefined;

/** Builds the executable schema once per process (type-graphql metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cachedSchema ??= buildSchema({ resolvers, authChecker, validate: false }).then((schema) => {
    for (const [resolverClass, methodNames] of [ResourceDirectFieldResolvers, SkillDirectFieldResolvers])
      callFieldResolversDirectly(schema, resolverClass, methodNames);
    return describeRootTypes(schema);
  });
  return cachedSchema;
}

/** type-graphql cannot describe the root types; analysts see these descriptions first in Sandbox. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query)
    query.description =
      'Read the SkillAtlas catalogue: skills, categories, job roles, providers and learning resources; full-text `search` with `suggest` and facets; aggregates for analysts (`catalogStats`, `skillCoverage`, `roleCoverage`, `upcomingEvents`). Open to anonymous callers.';
  if (mutation)
    mutation.description =
      'Change the catalogue. Every mutation takes one `input` and returns a payload with `userErrors`; admin mutations need `Authorization: Bearer <ADMIN_TOKEN>` (or an ADMIN API key), partner mutations a PARTNER key in `X-Api-Key`.';
  return schema;
}

/** The published contract as SDL, sorted so the file diff shows real changes only. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}

/** `npm run schema`: regenerates schema/schema.graphql. */
if (require.main === module) {
  printAppSchema()
    .then((sdl) => writeFile(SCHEMA_FILE, sdl))
    .then(() => console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
