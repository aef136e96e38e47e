import { WriteLeaseBusyError, WriteLeaseModel, withWriteLease } from '../src/core/write-lease';
import { startTestApp, type TestApp } from './helpers/test-app';

/** src/core/write-lease.ts against the real MongoDB server: one holder at a time, a dead holder's lease expires, work that throws lets go. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

it('runs many racing callers one at a time', async () => {
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 12 }, () =>
      withWriteLease(
        'race',
        async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside -= 1;
        },
        // Twelve in a row on a loaded machine may take longer than the default 5 s wait.
        { waitMs: 60_000 },
      ),
    ),
  );
  expect(most).toBe(1);
});

it('waits for a live holder and gives up with WriteLeaseBusyError, writing nothing', async () => {
  await WriteLeaseModel.create({ _id: 'held', holder: 'someone-else', expiresAt: new Date(Date.now() + 60_000) });
  let ran = false;
  await expect(withWriteLease('held', () => Promise.resolve(void (ran = true)), { waitMs: 150 })).rejects.toBeInstanceOf(
    WriteLeaseBusyError,
  );
  expect(ran).toBe(false);
  expect(await WriteLeaseModel.findById('held').lean()).toMatchObject({ holder: 'someone-else' });
});

it('takes over the lease of a holder that died (expired), and releases it after work that throws', async () => {
  await WriteLeaseModel.create({ _id: 'dead', holder: 'a-dead-process', expiresAt: new Date(Date.now() - 1) });
  await expect(withWriteLease('dead', () => Promise.reject(new Error('work failed')), { waitMs: 150 })).rejects.toThrow('work failed');
  expect(await WriteLeaseModel.findById('dead').lean()).toMatchObject({ holder: null });
  await expect(withWriteLease('dead', () => Promise.resolve('ran'), { waitMs: 150 })).resolves.toBe('ran');
});
