/**
 * What a writer announces once after it created, updated or deleted documents. Everything that must
 * follow a write (cache invalidation, search re-indexing) listens for it, so no writer has to
 * remember each follow-up.
 */
export interface EntitiesChanged {
  /** The model whose documents changed (`Resource`, `Skill`, …). */
  type: string;
  /** The changed documents' ids (ObjectIds or hex strings). */
  ids: ReadonlyArray<{ toString(): string }>;
  /**
   * True when the documents' name (or aliases) changed: other documents are found by it (a
   * resource is searchable by its skills' and provider's names), so those are re-indexed.
   */
  renamed?: boolean;
}

/** One follow-up of a write. It runs before the write returns, so the next read sees the write. */
export type EntityChangeListener = (change: EntitiesChanged) => Promise<void>;

/** What writers are given: where to announce their changes. */
export interface EntityChanges {
  /** Runs every listener and resolves when all are done; call after the write, await it. */
  emit(change: EntitiesChanged): Promise<void>;
}

/**
 * The "entities changed" event of one process. Listeners are registered once, at start-up, by the
 * composition root, and run one after another in that order (search re-indexing before cache
 * invalidation, so the purge follows the data it purges for). A listener that fails does not stop
 * the ones after it (the caches are purged whatever happened to the re-indexing); the first failure
 * is thrown to the writer once all have run.
 */
export class EntityChangeEvents implements EntityChanges {
  private readonly listeners: EntityChangeListener[] = [];

  /** Adds a listener, run after those added before it. */
  listen(listener: EntityChangeListener): this {
    this.listeners.push(listener);
    return this;
  }

  async emit(change: EntitiesChanged): Promise<void> {
    let failure: { error: unknown } | undefined;
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

/** For writers run without follow-ups (unit tests of pure logic, scripts on a database no server caches). */
export const noEntityChanges: EntityChanges = { emit: () => Promise.resolve() };
