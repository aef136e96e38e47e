import { createHash } from 'node:crypto';

/** A short hex digest of `text` that never changes between runs: what makes external ids and slugs idempotent. */
export function stableHash(text: string, length = 16): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, length);
}
