import { Types } from 'mongoose';
import { comparableValue, fieldChanges, sameValue } from '../field-changes';

describe('sameValue', () => {
  it('compares ObjectIds, Dates and nested objects by value, ignoring key order', () => {
    const id = new Types.ObjectId();
    expect(sameValue(id, new Types.ObjectId(id.toHexString()))).toBe(true);
    expect(sameValue(new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00.000Z'))).toBe(true);
    expect(sameValue({ a: 1, b: [{ x: id, y: null }] }, { b: [{ x: id }], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });

  it('treats null, undefined and a missing value alike', () => {
    expect(comparableValue(undefined)).toBeNull();
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue([], null)).toBe(false);
  });
});

describe('fieldChanges', () => {
  it('returns null when nothing differs', () => {
    expect(fieldChanges({ _id: 1, title: 'A', createdAt: new Date(), tags: ['x'] }, { title: 'A', tags: ['x'] })).toBeNull();
  });

  it('sets changed fields and unsets fields that are now undefined', () => {
    expect(fieldChanges({ title: 'A', cfpUrl: 'https://cfp', city: null }, { title: 'B', cfpUrl: undefined, city: undefined })).toEqual({
      $set: { title: 'B' },
      $unset: { cfpUrl: '' },
    });
  });

  it('sets every defined field of a document that does not exist yet', () => {
    expect(fieldChanges(undefined, { title: 'A', level: null })).toEqual({ $set: { title: 'A' }, $unset: {} });
  });
});
