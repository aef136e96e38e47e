import { EntityChangeEvents, type EntitiesChanged } from '../entity-changes';

describe('EntityChangeEvents', () => {
  it('runs every listener in registration order and resolves after the last', async () => {
    const calls: string[] = [];
    const events = new EntityChangeEvents()
      .listen(async (change) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        calls.push(`first ${change.type}`);
      })
      .listen((change) => {
        calls.push(`second ${change.type}`);
        return Promise.resolve();
      });
    await events.emit({ type: 'Skill', ids: ['1'] });
    expect(calls).toEqual(['first Skill', 'second Skill']);
  });

  it('runs the later listeners when one fails, then throws the first failure', async () => {
    const seen: EntitiesChanged[] = [];
    const events = new EntityChangeEvents()
      .listen(() => Promise.reject(new Error('re-indexing failed')))
      .listen(() => Promise.reject(new Error('second failure')))
      .listen((change) => {
        seen.push(change);
        return Promise.resolve();
      });
    await expect(events.emit({ type: 'Provider', ids: ['2'], renamed: true })).rejects.toThrow('re-indexing failed');
    expect(seen).toEqual([{ type: 'Provider', ids: ['2'], renamed: true }]);
  });
});
