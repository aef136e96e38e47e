import { readFile } from 'node:fs/promises';
import { GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { buildAppSchema, printAppSchema, SCHEMA_FILE } from '../src/schema';

/** Every place in the schema that lacks a description, as "Type.field(arg)" paths. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const argument of 'args' in field ? field.args : []) {
          if (!argument.description) missing.push(`${type.name}.${field.name}(${argument.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

describe('the published contract', () => {
  it('schema/schema.graphql matches the schema the code builds (run `npm run schema` after changing it)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(await printAppSchema());
  });

  it('describes every type, field, argument and enum value', async () => {
    expect(undescribed(await buildAppSchema())).toEqual([]);
  });

  it('keeps the core of docs/DESIGN.md §3 that clients code against', async () => {
    const schema = await buildAppSchema();
    const query = schema.getQueryType()!.getFields();
    for (const field of ['node', 'nodes', 'resources', 'resource', 'skills', 'skill', 'roles', 'role', 'categories', 'providers']) {
      expect(query[field]).toBeDefined();
    }
    const resource = schema.getType('Resource');
    expect(isInterfaceType(resource)).toBe(true);
    for (const implementation of ['Course', 'OpenSourceProject', 'Event']) {
      const type = schema.getType(implementation);
      expect(
        isObjectType(type) &&
          type
            .getInterfaces()
            .map((item) => item.name)
            .sort(),
      ).toEqual(['Node', 'Resource']);
    }
  });
});
