import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '../../core/auth';

/** `sa_live_<keyId: 12 hex>_<secret: 32 random bytes, base64url>`: 256 bits of entropy after the id. */
const KEY_PATTERN = /^sa_live_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** A new key and its public id. The key is shown once and never stored. */
export function generateApiKey(): { keyId: string; key: string } {
  const keyId = randomBytes(6).toString('hex');
  return { keyId, key: `${API_KEY_PREFIX}${keyId}_${randomBytes(32).toString('base64url')}` };
}

/** The public id inside a presented key; null when the text does not have the shape of a key. */
export function keyIdOf(presentedKey: string): string | null {
  return KEY_PATTERN.exec(presentedKey)?.[1] ?? null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Compares a presented key with a stored hash in constant time, so timing reveals nothing about the hash. */
export function apiKeyMatches(presentedKey: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(presentedKey), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** How a key is shown in lists: its recognisable, non-secret beginning. */
export function displayPrefix(keyId: string): string {
  return `${API_KEY_PREFIX}${keyId}`;
}
