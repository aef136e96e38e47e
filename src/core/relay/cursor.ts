import { Types } from 'mongoose';
import { BadUserInputError } from '../errors';

/** Position of one item in an ordered list: the value of the sort field and the id that breaks ties. */
export interface CursorPosition {
  /** The sort field's value: string, number, ISO date (as `{ $date }`) or null. */
  value: string | number | Date | null;
  id: Types.ObjectId;
}

const CURSOR_VERSION = 1;

/** Encodes a position as an opaque cursor. The sort field name is included so a cursor from one ordering is refused by another. */
export function encodeCursor(sortField: string, position: CursorPosition): string {
  const value = position.value instanceof Date ? { $date: position.value.toISOString() } : position.value;
  return Buffer.from(JSON.stringify([CURSOR_VERSION, sortField, value, String(position.id)]), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for the same sort field; anything else is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, sortField: string, argumentName = 'after'): CursorPosition {
  const invalid = () => new BadUserInputError(`"${argumentName}" is not a valid cursor for this list and ordering.`, argumentName);
  if (typeof cursor !== 'string' || cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [version, field, rawValue, hex] = parsed as unknown[];
  if (version !== CURSOR_VERSION || field !== sortField || typeof hex !== 'string' || !/^[0-9a-f]{24}$/.test(hex)) throw invalid();
  let value: CursorPosition['value'];
  if (rawValue === null || typeof rawValue === 'string' || (typeof rawValue === 'number' && Number.isFinite(rawValue))) {
    value = rawValue;
  } else if (typeof rawValue === 'object' && typeof (rawValue as { $date?: unknown }).$date === 'string') {
    const date = new Date((rawValue as { $date: string }).$date);
    if (Number.isNaN(date.getTime())) throw invalid();
    value = date;
  } else {
    throw invalid();
  }
  return { value, id: new Types.ObjectId(hex) };
}
