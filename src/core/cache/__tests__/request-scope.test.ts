import type { CommandStartedEvent } from 'mongodb';
import { Types } from 'mongoose';
import '../../../modules/provider/provider.model';
import '../../../modules/resource/resource.model';
import { createRequestScope, recordCommand } from '../request-scope';

const event = (commandName: string, command: Record<string, unknown>) =>
  ({ commandName, command: { [commandName]: command.collection, ...command } }) as unknown as CommandStartedEvent;

describe('recordCommand', () => {
  it('tags reads by id with the entities, other reads with the collection, and counts every command', () => {
    const scope = createRequestScope();
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    recordCommand(scope, event('find', { collection: 'providers', filter: { _id: { $in: [a, b] } } }));
    recordCommand(scope, event('find', { collection: 'resources', filter: { kind: 'COURSE' } }));
    recordCommand(
      scope,
      event('aggregate', { collection: 'resources', pipeline: [{ $facet: { x: [{ $lookup: { from: 'providers', as: 'p' } }] } }] }),
    );
    expect([...scope.tags].sort()).toEqual(
      [`Provider:${a.toHexString()}`, `Provider:${b.toHexString()}`, 'list:Provider', 'list:Resource'].sort(),
    );
    expect(scope.databaseCommands).toBe(3);
    expect(scope.wrote).toBe(false);
  });

  it('marks a request that writes, so its response is not cached', () => {
    const scope = createRequestScope();
    recordCommand(scope, event('update', { collection: 'providers', updates: [] }));
    expect(scope.wrote).toBe(true);
  });
});
