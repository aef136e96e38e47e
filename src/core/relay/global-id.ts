import { Types } from 'mongoose';
import { BadUserInputError } from '../errors';

/** Names of the GraphQL object types that implement `Node`. */
export const NODE_TYPE_NAMES = ['Category', 'Skill', 'Role', 'Provider', 'Course', 'OpenSourceProject', 'Event', 'Book'] as const;
export type NodeTypeName = (typeof NODE_TYPE_NAMES)[number];

/**
 * Opaque global id: base64url of "<TypeName>:<ObjectId hex>". Clients must treat it as opaque; the
 * type prefix lets `node(id)` pick the right loader without a database look-up.
 */
export function toGlobalId(typeName: NodeTypeName, objectId: Types.ObjectId | string): string {
  return Buffer.from(`${typeName}:${String(objectId)}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  typeName: NodeTypeName;
  objectId: Types.ObjectId;
}

/** Decodes a global id, or returns null for anything that is not one of ours. */
export function parseGlobalId(globalId: string): DecodedGlobalId | null {
  if (typeof globalId !== 'string' || globalId.length > 100 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const typeName = decoded.slice(0, separator) as NodeTypeName;
  const hex = decoded.slice(separator + 1);
  if (separator < 0 || !NODE_TYPE_NAMES.includes(typeName) || !/^[0-9a-f]{24}$/.test(hex)) return null;
  return { typeName, objectId: new Types.ObjectId(hex) };
}

/**
 * Decodes a global id that must name one of `expectedTypes`; anything else is a BAD_USER_INPUT
 * error naming the argument, so callers learn which id was wrong.
 */
export function expectGlobalId(globalId: string, expectedTypes: readonly NodeTypeName[], argumentName: string): Types.ObjectId {
  const parsed = parseGlobalId(globalId);
  if (!parsed || !expectedTypes.includes(parsed.typeName)) {
    throw new BadUserInputError(`"${argumentName}" is not a valid ${expectedTypes.join(' or ')} id.`, argumentName);
  }
  return parsed.objectId;
}

/** Like `expectGlobalId`, but returns null instead of throwing (for userErrors in mutation payloads). */
export function tryGlobalId(globalId: string, expectedTypes: readonly NodeTypeName[]): Types.ObjectId | null {
  const parsed = parseGlobalId(globalId);
  return parsed && expectedTypes.includes(parsed.typeName) ? parsed.objectId : null;
}
