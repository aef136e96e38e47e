import { InferSchemaType, Schema, Types, model } from 'mongoose';

export const API_KEY_ROLES = ['ADMIN', 'PARTNER', 'ANALYST'] as const;
export type ApiKeyRoleValue = (typeof API_KEY_ROLES)[number];

/**
 * One API key. Only the SHA-256 of the key is stored: a database leak reveals no usable key. The key
 * is high-entropy random, so a fast hash is enough (no password stretching needed). `keyId`, the
 * public part of the key, finds the record without comparing hashes across the collection.
 */
const apiKeySchema = new Schema(
  {
    keyId: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, enum: API_KEY_ROLES, required: true },
    /** The provider a PARTNER key writes for; null for other roles. */
    providerId: { type: Schema.Types.ObjectId, default: null },
    /** Hex SHA-256 of the whole key. */
    secretHash: { type: String, required: true },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'api_keys', autoIndex: false },
);

// Built by connectMongo at start-up and by the CLIs (autoIndex off): a background build would race the first requests.
apiKeySchema.index({ keyId: 1 }, { unique: true });
apiKeySchema.index({ createdAt: -1, _id: -1 });

export type ApiKeyDocument = InferSchemaType<typeof apiKeySchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const ApiKeyModel = model('ApiKey', apiKeySchema);
