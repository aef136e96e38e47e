import { Types } from 'mongoose';
import { decodeCursor, encodeCursor } from '../cursor';
import { parseGlobalId, toGlobalId } from '../global-id';
import { afterPositionFilter } from '../keyset-pagination';

const id = new Types.ObjectId('65a1b2c3d4e5f60718293a4b');

describe('cursors', () => {
  it.each([['a title'], [42.5], [null], [new Date('2026-03-23T00:00:00.000Z')]])('round-trips the sort value %p', (value) => {
    const decoded = decodeCursor(encodeCursor('TITLE', { value, id }), 'TITLE');
    expect(decoded.value).toEqual(value);
    expect(decoded.id.equals(id)).toBe(true);
  });

  it('refuses a cursor of another ordering, garbage and tampered JSON with BAD_USER_INPUT', () => {
    const cursor = encodeCursor('TITLE', { value: 'x', id });
    for (const bad of [cursor.slice(0, -3), 'not a cursor!', Buffer.from('[1,"TITLE",{"$gt":""},"x"]').toString('base64url')]) {
      expect(() => decodeCursor(bad, 'TITLE')).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
    }
    expect(() => decodeCursor(cursor, 'PRICE')).toThrow(/not a valid cursor/);
  });
});

describe('global ids', () => {
  it('round-trips type and id, and rejects foreign strings', () => {
    expect(parseGlobalId(toGlobalId('Skill', id))).toEqual({ typeName: 'Skill', objectId: id });
    expect(parseGlobalId('U2tpbGw6eHl6')).toBeNull();
    expect(parseGlobalId(Buffer.from(`Admin:${id.toHexString()}`).toString('base64url'))).toBeNull();
    expect(parseGlobalId('{"$ne":null}')).toBeNull();
  });
});

describe('afterPositionFilter', () => {
  it('keeps nulls after every value in descending order, and before them ascending', () => {
    expect(afterPositionFilter('ratingAverage', -1, { value: 4.5, id })).toEqual({
      $or: [{ ratingAverage: { $lt: 4.5 } }, { ratingAverage: 4.5, _id: { $lt: id } }, { ratingAverage: null }],
    });
    expect(afterPositionFilter('ratingAverage', 1, { value: null, id })).toEqual({
      $or: [{ ratingAverage: null, _id: { $gt: id } }, { ratingAverage: { $ne: null } }],
    });
  });
});
