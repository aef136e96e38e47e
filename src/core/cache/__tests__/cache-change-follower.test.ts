import type { Logger } from '../../logger';
import { CacheChangeFollower } from '../cache-change-follower';
import type { CacheChangeLog, LoggedCacheChange } from '../cache-change-log';

function fixture(initialHead: number) {
  const state = { head: initialHead, failing: false, heads: 0 };
  const log = {
    head: jest.fn(() => {
      state.heads += 1;
      return state.failing ? Promise.reject(new Error('log unreachable')) : Promise.resolve(state.head);
    }),
    after: jest.fn((): Promise<LoggedCacheChange[]> => Promise.resolve([])),
  };
  const store = {
    identity: 'this-store',
    invalidate: jest.fn(() => Promise.resolve(true)),
    flush: jest.fn(() => Promise.resolve(true)),
    noteSequence: jest.fn(),
    noteApplied: jest.fn(),
    reconcile: jest.fn(() => Promise.resolve(false)),
  };
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const follower = new CacheChangeFollower(store, log as unknown as CacheChangeLog, logger as unknown as Logger, {
    pollMs: 60_000,
  });
  return { state, log, store, logger, follower };
}

describe('CacheChangeFollower', () => {
  afterEach(() => jest.useRealTimers());

  it('starts once: a second start reads nothing and schedules no second poll', async () => {
    jest.useFakeTimers();
    const { log, follower } = fixture(3);
    await follower.start();
    await follower.start();
    expect(log.head).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(1);
    await follower.stop();
  });

  it('on a non-empty log, records the head as applied and reconciles the store before following', async () => {
    const { store, follower } = fixture(7);
    await follower.start();
    expect(store.noteApplied).toHaveBeenCalledTimes(1);
    expect(store.noteApplied).toHaveBeenCalledWith(7);
    expect(store.reconcile).toHaveBeenCalledTimes(1);
    await follower.stop();
  });

  it('on an empty log, leaves the store alone', async () => {
    const { store, follower } = fixture(0);
    await follower.start();
    expect(store.noteApplied).not.toHaveBeenCalled();
    expect(store.reconcile).not.toHaveBeenCalled();
    await follower.stop();
  });

  it('warns once while the log cannot be read, and says once when it can again', async () => {
    const { state, logger, follower } = fixture(0);
    await follower.start();
    await follower.poll();
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).not.toHaveBeenCalled();
    state.failing = true;
    await follower.poll();
    await follower.poll();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: 'log unreachable' }) },
      expect.stringContaining('cannot read the cache change log'),
    );
    expect(logger.info).not.toHaveBeenCalled();
    state.failing = false;
    await follower.poll();
    await follower.poll();
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith('reading the cache change log again');
    state.failing = true;
    await follower.poll();
    expect(logger.warn).toHaveBeenCalledTimes(2);
    await follower.stop();
  });
});
