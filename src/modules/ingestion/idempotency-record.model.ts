import { InferSchemaType, Schema, Types, model } from 'mongoose';

/** How long a result is kept for replay: a client retrying after a day is not retrying. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * The first result of a mutation sent with an idempotency key, per caller: a retry with the same key
 * gets this result back instead of writing again. MongoDB's TTL monitor deletes records after a day.
 */
const idempotencyRecordSchema = new Schema(
  {
    /** Who sent it (the API key id): one caller's keys never collide with another's. */
    callerKey: { type: String, required: true },
    operation: { type: String, required: true },
    key: { type: String, required: true },
    /** SHA-256 of the input, so a key reused for a different input is refused rather than replayed. */
    inputHash: { type: String, required: true },
    result: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false, collection: 'idempotency_records', minimize: false, autoIndex: false },
);

// Built by connectMongo at start-up and by the CLIs (autoIndex off): a background build would race the first requests.
idempotencyRecordSchema.index({ callerKey: 1, operation: 1, key: 1 }, { unique: true });
idempotencyRecordSchema.index({ createdAt: 1 }, { expireAfterSeconds: IDEMPOTENCY_TTL_SECONDS });

export type IdempotencyRecordDocument = InferSchemaType<typeof idempotencyRecordSchema> & { _id: Types.ObjectId };
export const IdempotencyRecordModel = model('IdempotencyRecord', idempotencyRecordSchema);
