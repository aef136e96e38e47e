import type { CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import mongoose from 'mongoose';
import { createByFieldLoader } from '../src/core/by-id-loader';
import { aggregateLean, readLean } from '../src/core/lean-read';
import { CategoryModel } from '../src/modules/category/category.model';
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

/** The driver's `eventName` events for `commandName` commands sent while `work` ran. */
async function commandEvents<E extends { commandName: string }>(
  eventName: 'commandStarted' | 'commandSucceeded',
  commandName: string,
  work: () => Promise<unknown>,
): Promise<E[]> {
  const events: E[] = [];
  const client = mongoose.connection.getClient();
  const listener = (event: E) => {
    if (event.commandName === commandName) events.push(event);
  };
  client.on(eventName, listener as never);
  try {
    await work();
  } finally {
    client.off(eventName, listener as never);
  }
  return events;
}

/** Whether a command-succeeded event's reply carries its batch as documents (deserialised for the event) rather than bytes. */
function holdsDeserialisedDocuments(event: CommandSucceededEvent): boolean {
  const cursor = (event.reply as { cursor?: unknown }).cursor;
  if (cursor instanceof Uint8Array) return false;
  const batch = (cursor as { firstBatch?: unknown } | undefined)?.firstBatch;
  return Array.isArray(batch) && batch.some((document) => !(document instanceof Uint8Array));
}

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

  it('sends maxTimeMS with its find and aggregate, as mongoose queries do', async () => {
    const finds = await commandEvents<CommandStartedEvent>('commandStarted', 'find', async () => {
      await readLean(ProviderModel, {});
      await ProviderModel.find({}).lean().exec();
    });
    expect(finds).toHaveLength(2);
    expect(finds[0].command.maxTimeMS).toBeGreaterThan(0);
    expect(finds[0].command.maxTimeMS).toBe(finds[1].command.maxTimeMS);
    const aggregates = await commandEvents<CommandStartedEvent>('commandStarted', 'aggregate', async () => {
      await aggregateLean(ProviderModel, [{ $match: {} }]);
      await ProviderModel.aggregate([{ $match: {} }]).exec();
    });
    expect(aggregates).toHaveLength(2);
    expect(aggregates[0].command.maxTimeMS).toBeGreaterThan(0);
    expect(aggregates[0].command.maxTimeMS).toBe(aggregates[1].command.maxTimeMS);
  });
});

describe('readLean deserialises each reply once', () => {
  it('reads raw: the command-monitoring event keeps the batch as bytes instead of deserialising it a second time', async () => {
    let read: Array<{ _id: unknown; name?: unknown }> = [];
    const replies = await commandEvents<CommandSucceededEvent>('commandSucceeded', 'find', async () => {
      read = await readLean<{ _id: unknown; name?: unknown }>(ProviderModel, {});
      await ProviderModel.find({}).lean().exec();
    });
    expect(read.length).toBeGreaterThan(0);
    expect(typeof read[0].name).toBe('string');
    expect(replies).toHaveLength(2);
    const batch = (replies[0].reply as { cursor: { firstBatch: unknown[] } }).cursor.firstBatch;
    expect(batch).toHaveLength(read.length);
    expect(holdsDeserialisedDocuments(replies[0])).toBe(false);
    // What it avoids: a mongoose query's batch is deserialised for the event too.
    expect(holdsDeserialisedDocuments(replies[1])).toBe(true);
  });
});

describe('aggregateLean', () => {
  it('gives the rows mongoose aggregations give, documents from a $lookup included, and its event keeps them as bytes', async () => {
    const pipeline = [
      { $match: {} },
      { $sort: { title: 1, _id: 1 } },
      { $lookup: { from: ProviderModel.collection.collectionName, localField: 'providerId', foreignField: '_id', as: 'provider' } },
      { $project: { searchWords: 0, searchVersion: 0 } },
    ];
    let rows: Array<{ _id: unknown; provider: unknown[] }> = [];
    let viaMongoose: unknown[] = [];
    const replies = await commandEvents<CommandSucceededEvent>('commandSucceeded', 'aggregate', async () => {
      rows = await aggregateLean<{ _id: unknown; provider: unknown[] }>(ResourceModel, pipeline);
      viaMongoose = await ResourceModel.aggregate(pipeline as never).exec();
    });
    expect(rows).toEqual(viaMongoose);
    expect(rows.length).toBe(12);
    expect(rows.every((row) => row.provider.length === 1)).toBe(true);
    expect(replies).toHaveLength(2);
    expect(holdsDeserialisedDocuments(replies[0])).toBe(false);
    // What it avoids: mongoose's aggregation has its rows deserialised for the event too.
    expect(holdsDeserialisedDocuments(replies[1])).toBe(true);
  });
});

describe('createByFieldLoader (readLean with keys cast by mongoose)', () => {
  it('groups per key, in the sort, what mongoose finds for each key alone: a plain field and a multikey one', async () => {
    const skills = await SkillModel.collection.find({}, { projection: { _id: 1 } }).toArray();
    // A multikey relation with one skill under two keys and one key nobody names.
    await SkillModel.collection.updateOne({ _id: skills[0]._id }, { $set: { prerequisiteIds: [skills[1]._id, skills[2]._id] } });
    await SkillModel.collection.updateOne({ _id: skills[3]._id }, { $set: { prerequisiteIds: [skills[1]._id] } });
    const categoryIds = (await CategoryModel.collection.find({}, { projection: { _id: 1 } }).toArray()).map((category) =>
      String(category._id),
    );
    const nobody = String(new mongoose.Types.ObjectId());
    const cases: Array<{ field: string; sort: Record<string, 1 | -1>; keys: string[] }> = [
      { field: 'categoryId', sort: { nameKey: 1, _id: 1 }, keys: [...categoryIds, nobody] },
      { field: 'prerequisiteIds', sort: { nameKey: -1, _id: 1 }, keys: [...skills.map((skill) => String(skill._id)), nobody] },
    ];
    for (const { field, sort, keys } of cases) {
      const loader = createByFieldLoader<{ _id: mongoose.Types.ObjectId }>(SkillModel, field, sort);
      const loaded = await loader.loadMany(keys);
      const expected = await Promise.all(
        keys.map((key) =>
          SkillModel.find({ [field]: key })
            .sort(sort)
            .lean()
            .exec(),
        ),
      );
      expect(loaded).toEqual(expected);
      expect(loaded.some((documents) => Array.isArray(documents) && documents.length > 0)).toBe(true);
      expect(loaded[keys.length - 1]).toEqual([]);
      for (const documents of loaded)
        for (const document of documents as Array<Record<string, unknown>>) expect(document).not.toHaveProperty('matchKeys');
    }
    const dependents = await createByFieldLoader<{ _id: mongoose.Types.ObjectId }>(SkillModel, 'prerequisiteIds', { _id: 1 }).load(
      String(skills[1]._id),
    );
    expect(dependents.map((skill) => String(skill._id)).sort()).toEqual([String(skills[0]._id), String(skills[3]._id)].sort());
  });
});
