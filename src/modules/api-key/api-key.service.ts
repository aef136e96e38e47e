import { Types } from 'mongoose';
import type { Caller } from '../../core/auth';
import { tryGlobalId } from '../../core/relay/global-id';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { checkText } from '../../core/validation';
import { ProviderModel } from '../provider/provider.model';
import { ApiKeyDocument, ApiKeyModel, type ApiKeyRoleValue } from './api-key.model';
import { ApiKeyLookups } from './api-key.lookups';
import { apiKeyMatches, generateApiKey, keyIdOf, hashApiKey } from './api-key.secret';

export interface CreatedApiKey {
  apiKey: ApiKeyDocument | null;
  /** The whole key: returned once, at creation, and never again. */
  secret: string | null;
  userErrors: UserError[];
}

export interface NewApiKey {
  name: string;
  role: ApiKeyRoleValue;
  /** The provider a PARTNER key writes for, as a global id (`Provider:…`) or, from the CLI, a slug. */
  provider?: { globalId: string } | { slug: string } | null;
}

const MAX_NAME_LENGTH = 100;

/** Creates, revokes, lists and verifies API keys. The only code that touches `api_keys`. */
export class ApiKeyService {
  /** Records read for `verify`, cached in this process (see ApiKeyLookups for how long). */
  private readonly lookups: ApiKeyLookups;

  /** `activeKeyTtlMs`: how long a verified key is trusted before it is read again (default one second). */
  constructor({ activeKeyTtlMs }: { activeKeyTtlMs?: number } = {}) {
    this.lookups = new ApiKeyLookups((keyId) => ApiKeyModel.findOne({ keyId }).lean<ApiKeyDocument>().exec(), {
      activeTtlMs: activeKeyTtlMs,
    });
  }

  /** Checks the input, stores the hash of a fresh key and returns the key once. */
  async create(input: NewApiKey): Promise<CreatedApiKey> {
    const userErrors = checkText(input.name, ['input', 'name'], { required: true, max: MAX_NAME_LENGTH });
    let providerId: Types.ObjectId | null = null;
    if (input.role === 'PARTNER') {
      if (!input.provider) {
        userErrors.push(
          userError(['input', 'providerId'], UserErrorCode.INVALID, 'A PARTNER key is bound to one provider: providerId is required.'),
        );
      } else {
        providerId = await findProviderId(input.provider);
        if (!providerId) userErrors.push(userError(['input', 'providerId'], UserErrorCode.NOT_FOUND, 'No provider has this id.'));
      }
    } else if (input.provider) {
      userErrors.push(
        userError(
          ['input', 'providerId'],
          UserErrorCode.INVALID,
          `Only PARTNER keys are bound to a provider; a ${input.role} key cannot be.`,
        ),
      );
    }
    if (userErrors.length > 0) return { apiKey: null, secret: null, userErrors };

    const { keyId, key } = generateApiKey();
    const created = await ApiKeyModel.create({ keyId, name: input.name.trim(), role: input.role, providerId, secretHash: hashApiKey(key) });
    this.lookups.forget(keyId);
    return { apiKey: created.toObject<ApiKeyDocument>(), secret: key, userErrors: [] };
  }

  /** Revokes a key by its id; revoking a revoked key again changes nothing and is not an error. */
  async revoke(id: string): Promise<{ apiKey: ApiKeyDocument | null; userErrors: UserError[] }> {
    const existing = await ApiKeyModel.findOne({ keyId: id }).lean<ApiKeyDocument>().exec();
    if (!existing) return { apiKey: null, userErrors: [userError(['input', 'id'], UserErrorCode.NOT_FOUND, 'No API key has this id.')] };
    if (existing.revokedAt) return { apiKey: existing, userErrors: [] };
    const revoked = await ApiKeyModel.findOneAndUpdate(
      { _id: existing._id },
      { $set: { revokedAt: new Date() } },
      { returnDocument: 'after' },
    )
      .lean<ApiKeyDocument>()
      .exec();
    this.lookups.forget(id);
    return { apiKey: revoked, userErrors: [] };
  }

  /** Every key, newest first (there are few; the CLI prints them). */
  async list(): Promise<ApiKeyDocument[]> {
    return ApiKeyModel.find().sort({ createdAt: -1, _id: -1 }).lean<ApiKeyDocument[]>().exec();
  }

  /**
   * The caller a presented key stands for, or null when it is malformed, unknown or revoked. One
   * indexed read by the key's public id (cached: ApiKeyLookups), then a constant-time comparison of hashes.
   */
  async verify(presentedKey: string): Promise<Caller | null> {
    const keyId = keyIdOf(presentedKey);
    if (!keyId) return null;
    const stored = await this.lookups.get(keyId);
    if (!stored || stored.revokedAt || !apiKeyMatches(presentedKey, stored.secretHash)) return null;
    switch (stored.role) {
      case 'ADMIN':
        return { kind: 'admin', apiKeyId: keyId };
      case 'ANALYST':
        return { kind: 'analyst', apiKeyId: keyId };
      case 'PARTNER':
        return stored.providerId ? { kind: 'partner', apiKeyId: keyId, providerId: String(stored.providerId) } : null;
    }
  }
}

async function findProviderId(provider: { globalId: string } | { slug: string }): Promise<Types.ObjectId | null> {
  const filter = 'slug' in provider ? { slug: provider.slug } : { _id: tryGlobalId(provider.globalId, ['Provider']) };
  if ('_id' in filter && !filter._id) return null;
  const found = await ProviderModel.findOne(filter, { _id: 1 }).lean().exec();
  return found ? found._id : null;
}

// Registers the service as `context.services.apiKeys`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** API keys: issue, list, revoke (admin only). */
    apiKeys: ApiKeyService;
  }
}
