import { Types } from 'mongoose';
import { ApiKeyLookups, type StoredApiKey } from '../api-key.lookups';

const active: StoredApiKey = { role: 'ANALYST', providerId: null, secretHash: 'ab', revokedAt: null };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('ApiKeyLookups', () => {
  it('shares one read between concurrent look-ups of a key id', async () => {
    const read = deferred<StoredApiKey | null>();
    const load = jest.fn(() => read.promise);
    const lookups = new ApiKeyLookups(load);
    const waiting = Array.from({ length: 20 }, () => lookups.get('aaaaaaaaaaaa'));
    read.resolve(active);
    expect(await Promise.all(waiting)).toEqual(Array(20).fill(active));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('remembers an unknown key id and a revoked key, and forgets a key id when told', async () => {
    const revoked = { ...active, providerId: new Types.ObjectId(), revokedAt: new Date() };
    const load = jest.fn((keyId: string) => Promise.resolve(keyId === 'revoked00000' ? revoked : null));
    const lookups = new ApiKeyLookups(load);
    expect(await lookups.get('unknown00000')).toBeNull();
    expect(await lookups.get('revoked00000')).toBe(revoked);
    await lookups.get('unknown00000');
    await lookups.get('revoked00000');
    expect(load).toHaveBeenCalledTimes(2);
    lookups.forget('unknown00000');
    await lookups.get('unknown00000');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('does not keep a failed read', async () => {
    const load = jest.fn().mockRejectedValueOnce(new Error('connection lost')).mockResolvedValueOnce(active);
    const lookups = new ApiKeyLookups(load);
    await expect(lookups.get('aaaaaaaaaaaa')).rejects.toThrow('connection lost');
    await expect(lookups.get('aaaaaaaaaaaa')).resolves.toBe(active);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
