import { InferSchemaType, Schema, Types, model } from 'mongoose';

/** How long a result is kept for replay: a client retrying after a day is not retrying. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** PENDING: a call holds the key and is writing; DONE: `result` is the answer for every call with the key. */
export const IDEMPOTENCY_STATES = ['PENDING', 'DONE'] as const;

/**
 * One idempotency key of one caller and operation (src/modules/ingestion/idempotent-requests.ts): claimed
 * (PENDING) before the call writes anything, then DONE with the result every retry gets back.
 * MongoDB's TTL monitor deletes records a day after the claim.
 */
const idempotencyRecordSchema = new Schema(
  {
    /** Who sent it (the API key id, or "admin-token"): one caller's keys never collide with another's. */
    callerKey: { type: String, required: true },
    operation: { type: String, required: true },
    key: { type: String, required: true },
    /** SHA-256 of the input, so a key reused for a different input is refused rather than replayed. */
    inputHash: { type: String, required: true },
    /** Absent on records written before claims existed, which are all DONE. */
    state: { type: String, enum: IDEMPOTENCY_STATES },
    /** Names the claim's current holder, so only it can complete or release it, and a takeover is atomic. */
    claimToken: { type: String },
    /** When the holder claimed (or took over) the key: a PENDING claim much older than that is a dead caller's. */
    claimedAt: { type: Date },
    /** The answer, once DONE. */
    result: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false, collection: 'idempotency_records', minimize: false, autoIndex: false },
);

// Built by connectMongo at start-up and by the CLIs (autoIndex off): a background build would race the first requests.
// The unique index is the claim: of two calls inserting one key, exactly one succeeds.
idempotencyRecordSchema.index({ callerKey: 1, operation: 1, key: 1 }, { unique: true });
idempotencyRecordSchema.index({ createdAt: 1 }, { expireAfterSeconds: IDEMPOTENCY_TTL_SECONDS });

export type IdempotencyRecordDocument = InferSchemaType<typeof idempotencyRecordSchema> & { _id: Types.ObjectId };
export const IdempotencyRecordModel = model('IdempotencyRecord', idempotencyRecordSchema);
