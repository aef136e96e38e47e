import { randomUUID } from 'node:crypto';
import { Schema, model } from 'mongoose';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * A named lease in MongoDB: at most one writer at a time, across every process sharing the database,
 * runs the work under it. For checks that read many documents and then write one (a cycle check over
 * the whole prerequisite graph), where a condition on the written document cannot see what a racing
 * writer is about to add elsewhere. A holder that dies lets go when its lease expires (30 s by default).
 */
const writeLeaseSchema = new Schema(
  {
    /** The lease's name, e.g. `skill-prerequisite-graph`. */
    _id: { type: String, required: true },
    /** A random token naming the holder; null when free. Only the holder releases it. */
    holder: { type: String, default: null },
    /** When a holder that never released it stops holding it. */
    expiresAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'write_leases' },
);

export const WriteLeaseModel = model('WriteLease', writeLeaseSchema);

export interface WriteLeaseOptions {
  /**
   * How long a holder keeps the lease if it never releases it (it died). Must be longer than the work
   * can take: a few MongoDB operations, each bounded by the operation and server-selection timeouts.
   * Expiry is judged by each process's clock, so instances need synchronised clocks (NTP), well within this.
   */
  holdMs?: number;
  /** How long to wait for a lease someone else holds before giving up. */
  waitMs?: number;
}

/** The lease was held by others for all of `waitMs`. */
export class WriteLeaseBusyError extends Error {
  constructor(readonly leaseName: string) {
    super(`the write lease "${leaseName}" stayed busy`);
  }
}

/** Runs `work` holding the lease `name`; waits (with jitter) while another writer holds it, then throws WriteLeaseBusyError. */
export async function withWriteLease<T>(name: string, work: () => Promise<T>, options: WriteLeaseOptions = {}): Promise<T> {
  const { holdMs = 30_000, waitMs = 5_000 } = options;
  const holder = randomUUID();
  const giveUpAt = Date.now() + waitMs;
  for (let attempt = 0; !(await tryTake(name, holder, holdMs)); attempt += 1) {
    if (Date.now() >= giveUpAt) throw new WriteLeaseBusyError(name);
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random())));
  }
  try {
    return await work();
  } finally {
    // A release that fails (MongoDB unreachable just then) must not turn finished work into an error:
    // the lease expires by itself.
    await WriteLeaseModel.updateOne({ _id: name, holder }, { $set: { holder: null, expiresAt: null } })
      .exec()
      .catch(() => undefined);
  }
}

/** Takes the lease if it is free or expired: one conditional upsert, which a held lease turns into a duplicate key. */
async function tryTake(name: string, holder: string, holdMs: number): Promise<boolean> {
  const now = new Date();
  try {
    await WriteLeaseModel.updateOne(
      { _id: name, $or: [{ holder: null }, { expiresAt: { $lte: now } }] },
      { $set: { holder, expiresAt: new Date(now.getTime() + holdMs) } },
      { upsert: true },
    ).exec();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
