import type { CommandStartedEvent } from 'mongodb';
import mongoose, { model, Schema, Types } from 'mongoose';
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

describe('collections an aggregation joins', () => {
  const joinedBy = (pipeline: unknown): string[] => {
    const scope = createRequestScope();
    recordCommand(scope, event('aggregate', { collection: 'basecoll', pipeline }));
    return [...scope.tags]
      .filter((tag) => tag !== 'list:basecoll')
      .map((tag) => tag.replace(/^list:/, ''))
      .sort();
  };

  it('finds $lookup, $graphLookup and both forms of $unionWith, at any depth', () => {
    expect(
      joinedBy([
        { $match: { when: new Date(0), missing: null, names: ['a', 'b'], count: 3 } },
        { $lookup: { from: 'alpha', as: 'a', pipeline: [{ $lookup: { from: 'nested', as: 'n' } }] } },
        { $graphLookup: { from: 'beta', startWith: '$x', connectFromField: 'x', connectToField: 'y', as: 'b' } },
        { $unionWith: 'gamma' },
        { $unionWith: { coll: 'delta', pipeline: [{ $unionWith: 'epsilon' }] } },
        { $facet: { left: [{ $lookup: { from: 'zeta', as: 'z' } }], right: [[{ $unionWith: 'eta' }]] } },
      ]),
    ).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'eta', 'gamma', 'nested', 'zeta']);
  });

  it('ignores other keys, a $lookup without a string from, and Dates', () => {
    expect(
      joinedBy([
        { $match: { from: 'notjoined', coll: 'neither', at: new Date(0) } },
        { $lookup: { from: 42, as: 'x' } },
        { $project: { a: 1 } },
      ]),
    ).toEqual([]);
    expect(joinedBy([{ $unionWith: 'only' }])).toEqual(['only']);
  });
});

describe('the type of a collection', () => {
  it('is the model owning it (not a discriminator of it), remembered until an unknown collection shows up', () => {
    const schema = new Schema({ name: String });
    const Base = model('ScopeTestBase', schema, 'scopetestbases');
    Base.discriminator('ScopeTestDerived', new Schema({ extra: String }));
    const scope = createRequestScope();
    recordCommand(scope, event('find', { collection: 'scopetestbases', filter: {} }));
    expect([...scope.tags]).toEqual(['list:ScopeTestBase']);
    // A model that disappears keeps its name for a collection already known.
    mongoose.deleteModel('ScopeTestDerived');
    mongoose.deleteModel('ScopeTestBase');
    const later = createRequestScope();
    recordCommand(later, event('aggregate', { collection: 'scopetestbases', pipeline: [{ $unionWith: 'providers' }] }));
    expect([...later.tags].sort()).toEqual(['list:Provider', 'list:ScopeTestBase']);
  });
});
