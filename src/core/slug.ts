/** Lower-case letters, digits and single hyphens: every slug of the API. A leaf file, so seeds and CLIs can check slugs without loading GraphQL types. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 120;

export function isSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
}
