import mongoose, { Types } from 'mongoose';
import { createByIdLoader, loadSettledFirst } from '../src/core/by-id-loader';
import { ProviderModel, type ProviderDocument } from '../src/modules/provider/provider.model';
import { seedBulkCatalog } from './helpers/catalog-fixture';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * A by-id loader answers without a promise only for what a batch of its own request brought: before a
 * batch nothing, after it the document (or null for an id that does not exist), and a failed batch
 * leaves nothing settled, so the field that reads it goes through `load` and reports the failure.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  await seedBulkCatalog({ resourceCount: 3, providerCount: 2, skillCount: 2, categoryCount: 1 });
});
afterAll(() => app?.stop());

describe('createByIdLoader(...).settled', () => {
  it('is undefined before a batch, the document or null after it, and loadSettledFirst answers at once then', async () => {
    const [provider] = await ProviderModel.find().lean<ProviderDocument[]>().exec();
    const id = String(provider._id);
    const missing = String(new Types.ObjectId());
    const loader = createByIdLoader<ProviderDocument>(ProviderModel);
    expect(loader.settled(id)).toBeUndefined();
    expect(loadSettledFirst(loader, id)).toBeInstanceOf(Promise);
    await loader.loadMany([id, missing]);
    expect(loader.settled(id)).toMatchObject({ _id: provider._id, name: provider.name });
    expect(loader.settled(missing)).toBeNull();
    const answered = loadSettledFirst(loader, id);
    expect(answered).not.toBeInstanceOf(Promise);
    expect(answered).toMatchObject({ name: provider.name });
  });

  it('answers null for an id that is not an ObjectId, without failing the batch it came in', async () => {
    const [provider] = await ProviderModel.find().lean<ProviderDocument[]>().exec();
    const loader = createByIdLoader<ProviderDocument>(ProviderModel);
    const [good, bad] = await loader.loadMany([String(provider._id), 'not-an-object-id']);
    expect(good).toMatchObject({ _id: provider._id, name: provider.name });
    expect(bad).toBeNull();
    expect(loader.settled('not-an-object-id')).toBeNull();
  });

  it('leaves nothing settled when the batch fails, not even its good ids', async () => {
    const [provider] = await ProviderModel.find().lean<ProviderDocument[]>().exec();
    // A model on a connection that was never opened and may not wait for one: its read fails at once.
    const unopened = mongoose.createConnection();
    const Unreachable = unopened.model('Provider', ProviderModel.schema.clone().set('bufferCommands', false));
    const loader = createByIdLoader<ProviderDocument>(Unreachable);
    const [good, other] = await loader.loadMany([String(provider._id), String(new Types.ObjectId())]);
    expect(good).toBeInstanceOf(Error);
    expect((good as Error).message).toMatch(/before initial connection/);
    expect(other).toBeInstanceOf(Error);
    expect(loader.settled(String(provider._id))).toBeUndefined();
    await unopened.close();
  });
});
