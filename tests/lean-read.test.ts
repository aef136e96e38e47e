import type { CommandStartedEvent } from 'mongodb';
import mongoose from 'mongoose';
import { readLean } from '../src/core/lean-read';
import { ProviderModel } from '../src/modules/provider/provider.model';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { seedBulkCatalog } from './helpers/catalog-fixture';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * `readLean` (the by-id loaders' read) must give what `Model.find(filter).lean()` gives: the same
 * documents, field for field, without the paths the schema hides (`select: false`), and bounded by
 * the same maxTimeMS, since it skips mongoose's query layer.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  await seedBulkCatalog({ resourceCount: 12, providerCount: 3, skillCount: 4, categoryCount: 2 });
  // Hidden paths stored, so that leaving them out is tested, not assumed.
  await ResourceModel.collection.updateMany({}, { $set: { searchWords: ['hidden'], searchVersion: 3 } });
  await SkillModel.collection.updateMany({}, { $set: { matchKeys: ['hidden'] } });
});
afterAll(() => app?.stop());

const byId = (documents: Array<{ _id: unknown }>) => [...documents].sort((a, b) => String(a._id).localeCompare(String(b._id)));

describe('readLean', () => {
  it.each(['Resource', 'Skill', 'Category', 'Provider', 'Role'])('reads %s documents exactly as mongoose lean queries do', async (name) => {
    const model = mongoose.model(name);
    const ids = (await model.collection.find({}, { projection: { _id: 1 } }).toArray()).map((document) => document._id);
    const viaMongoose = (await model
      .find({ _id: { $in: ids } })
      .lean()
      .exec()) as Array<{ _id: unknown }>;
    const viaDriver = await readLean<{ _id: unknown }>(model, { _id: { $in: ids } });
    expect(byId(viaDriver)).toEqual(byId(viaMongoose));
    expect(viaDriver.length).toBe(ids.length);
  });

  it('leaves out the hidden paths the collection holds, and keeps them when a projection names them', async () => {
    const [stored] = await ResourceModel.collection.find({}).limit(1).toArray();
    expect(stored.searchWords).toEqual(['hidden']);
    const [read] = await readLean<Record<string, unknown>>(ResourceModel, { _id: stored._id });
    expect(read).not.toHaveProperty('searchWords');
    expect(read).not.toHaveProperty('searchVersion');
    expect(read.title).toBe(stored.title);
    const [projected] = await readLean<Record<string, unknown>>(SkillModel, {}, { projection: { matchKeys: 1 }, limit: 1 });
    expect(projected.matchKeys).toEqual(['hidden']);
  });

  it('sends maxTimeMS with its find, as mongoose queries do', async () => {
    const finds: CommandStartedEvent[] = [];
    const client = mongoose.connection.getClient();
    const onStarted = (event: CommandStartedEvent) => {
      if (event.commandName === 'find') finds.push(event);
    };
    client.on('commandStarted', onStarted);
    try {
      await readLean(ProviderModel, {});
      await ProviderModel.find({}).lean().exec();
    } finally {
      client.off('commandStarted', onStarted);
    }
    expect(finds).toHaveLength(2);
    expect(finds[0].command.maxTimeMS).toBeGreaterThan(0);
    expect(finds[0].command.maxTimeMS).toBe(finds[1].command.maxTimeMS);
  });
});
