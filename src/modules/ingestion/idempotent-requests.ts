import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import { BadUserInputError, IdempotencyKeyInUseError } from '../../core/errors';
import { isDuplicateKeyError } from '../../core/validation';
import { IdempotencyRecordModel } from './idempotency-record.model';

/** One idempotency key: whose, for which operation, and the input it was first sent with. */
export interface IdempotencyClaim {
  callerKey: string;
  operation: string;
  key: string;
  /** SHA-256 of the input (`inputHash`): a key reused with another input is refused. */
  inputHash: string;
}

export interface IdempotencyOptions {
  /**
   * How long a call with a key another call is still working on waits for that call's answer before
   * it is told IDEMPOTENCY_KEY_IN_USE (retryable). Default 6 s: a full upsert call takes a few seconds, and
   * the answer must come before the request's own deadline (REQUEST_TIMEOUT_MS, 10 s by default).
   */
  waitMs?: number;
  /**
   * A PENDING claim older than this belongs to a caller that died (crashed or was killed mid-write):
   * the next call with the key takes it over and writes. Default 60 s, far above any call's duration.
   */
  staleAfterMs?: number;
}

const DEFAULT_WAIT_MS = 6_000;
const DEFAULT_STALE_AFTER_MS = 60_000;
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 500;

type StoredRecord = {
  _id: Types.ObjectId;
  inputHash: string;
  state?: string | null;
  claimToken?: string | null;
  claimedAt?: Date | null;
  result?: unknown;
};

/**
 * Runs a write at most once per idempotency key, and gives every call with the key the same answer.
 *
 * Contract: the key is claimed before anything is written: a PENDING record inserted under the
 * unique (caller, operation, key) index, so of calls racing with one key exactly one runs the work.
 * The others wait for its result (DONE) and replay it; a call with another input is refused
 * (BAD_USER_INPUT) before it writes anything. If the work throws, the claim is released so a retry
 * can run it; if the caller dies, its claim goes stale and the next call takes it over atomically.
 * No transactions: the claim is one document, changed only by conditional single-document updates.
 */
export class IdempotentRequests {
  private readonly waitMs: number;
  private readonly staleAfterMs: number;

  constructor(options: IdempotencyOptions = {}) {
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  /** `work`'s result for the first call with this key; the stored result (`replayed`) for every later one. */
  async runOnce<TResult>(claim: IdempotencyClaim, work: () => Promise<TResult>): Promise<{ result: TResult; replayed: boolean }> {
    const scope = { callerKey: claim.callerKey, operation: claim.operation, key: claim.key };
    const deadline = Date.now() + this.waitMs;
    let pollMs = FIRST_POLL_MS;
    for (;;) {
      const claimToken = randomUUID();
      // Read first: a retry of a finished call is answered without attempting a write.
      const record = await IdempotencyRecordModel.findOne(scope).lean<StoredRecord>().exec();
      if (!record) {
        try {
          const created = await IdempotencyRecordModel.create({ ...claim, state: 'PENDING', claimToken, claimedAt: new Date() });
          return { result: await this.runClaimed(created._id, claimToken, work), replayed: false };
        } catch (error) {
          // Another call claimed the key between our read and our insert: read its claim.
          if (!isDuplicateKeyError(error)) throw error;
          continue;
        }
      }
      if (record.inputHash !== claim.inputHash) {
        throw new BadUserInputError(
          'This idempotencyKey was already used with a different input; use a new key for a new request.',
          'input.idempotencyKey',
        );
      }
      if (record.state !== 'PENDING') return { result: record.result as TResult, replayed: true };
      if (record.claimedAt && record.claimedAt.getTime() < Date.now() - this.staleAfterMs) {
        // Only one caller can swap the dead holder's token for its own.
        const taken = await IdempotencyRecordModel.updateOne(
          { _id: record._id, state: 'PENDING', claimToken: record.claimToken },
          { $set: { claimToken, claimedAt: new Date() } },
        ).exec();
        if (taken.modifiedCount === 1) return { result: await this.runClaimed(record._id, claimToken, work), replayed: false };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new IdempotencyKeyInUseError();
      await sleep(Math.min(pollMs, left));
      pollMs = Math.min(pollMs * 2, MAX_POLL_MS);
    }
  }

  private async runClaimed<TResult>(recordId: Types.ObjectId, claimToken: string, work: () => Promise<TResult>): Promise<TResult> {
    let result: TResult;
    try {
      result = await work();
    } catch (error) {
      // Nothing to replay: free the key, so the client's retry runs the (idempotent) write again.
      await IdempotencyRecordModel.deleteOne({ _id: recordId, claimToken })
        .exec()
        .catch(() => undefined);
      throw error;
    }
    // Conditional on our token: a call that took the claim over as stale stores its own answer instead.
    await IdempotencyRecordModel.updateOne(
      { _id: recordId, claimToken },
      { $set: { state: 'DONE', result }, $unset: { claimToken: '' } },
    ).exec();
    return result;
  }
}
