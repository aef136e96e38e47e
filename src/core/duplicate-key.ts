// Apart from validation.ts so that code run outside the API (the ingest CLI under tsx, which emits no
// decorator metadata) can use it without loading the GraphQL types validation.ts needs.

/** True for MongoDB's duplicate-key error, which a unique index raises when two writers race for one slug. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
