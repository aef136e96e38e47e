import 'reflect-metadata';
import mongoose from 'mongoose';
import { ConfigError, loadConfig } from '../../core/config';
import { ProviderModel } from '../provider/provider.model';
import { API_KEY_ROLES, ApiKeyModel, type ApiKeyRoleValue } from './api-key.model';
import { displayPrefix } from './api-key.secret';
import { ApiKeyService } from './api-key.service';

const USAGE = `Usage: npm run api-key -- create --name <name> --role ${API_KEY_ROLES.join('|')} [--provider <provider-slug>]
       npm run api-key -- revoke <key-id>
       npm run api-key -- list
Needs MONGODB_URI. The secret of a new key is printed once; only its hash is stored.`;

export class UsageError extends Error {}

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

/**
 * Runs one `api-key` command against the connected database; returns the exit code. Exported so the
 * commands are tested in-process (the CLI itself runs compiled: type-graphql needs decorator metadata).
 */
export async function runApiKeyCommand(
  argv: readonly string[],
  service: ApiKeyService,
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'create') {
    const name = option(rest, '--name');
    const role = option(rest, '--role')?.toUpperCase();
    const provider = option(rest, '--provider');
    if (!name || !role || !API_KEY_ROLES.includes(role as ApiKeyRoleValue)) throw new UsageError('create needs --name and --role');
    const result = await service.create({ name, role: role as ApiKeyRoleValue, provider: provider ? { slug: provider } : null });
    if (result.userErrors.length > 0) {
      for (const problem of result.userErrors) printError(`api-key: ${problem.field.slice(1).join('.')}: ${problem.message}`);
      return 1;
    }
    print(`Created ${role} key ${result.apiKey!.keyId} ("${name}"${provider ? `, provider ${provider}` : ''}).`);
    print('Secret (shown once, send it in the X-Api-Key header):');
    print(result.secret!);
    return 0;
  }
  if (command === 'revoke') {
    const id = rest[0];
    if (!id) throw new UsageError('revoke needs the key id');
    const result = await service.revoke(id);
    if (result.userErrors.length > 0) {
      printError(`api-key: ${result.userErrors[0].message}`);
      return 1;
    }
    print(`Revoked ${id} at ${result.apiKey!.revokedAt!.toISOString()}.`);
    return 0;
  }
  if (command === 'list') {
    const keys = await service.list();
    const providerIds = keys.map((key) => key.providerId).filter((id) => id !== null);
    const providers = new Map(
      (
        await ProviderModel.find({ _id: { $in: providerIds } }, { slug: 1 })
          .lean()
          .exec()
      ).map((provider) => [String(provider._id), provider.slug]),
    );
    for (const key of keys) {
      const provider = key.providerId ? ` provider=${providers.get(String(key.providerId)) ?? '?'}` : '';
      print(
        `${key.keyId}  ${displayPrefix(key.keyId)}…  ${key.role.padEnd(7)}  ${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}  "${key.name}"${provider}`,
      );
    }
    if (keys.length === 0) print('No API keys.');
    return 0;
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'give a command');
}

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.mongodbUri) {
    console.error('api-key: MONGODB_URI is not set.');
    return 2;
  }
  await mongoose.connect(config.mongodbUri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await ApiKeyModel.createIndexes();
    return await runApiKeyCommand(process.argv.slice(2), new ApiKeyService());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`api-key: ${error.message}\n\n${USAGE}`);
    return 2;
  } finally {
    await mongoose.disconnect();
  }
}

if (require.main === module) {
  main()
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exitCode = 1;
    });
}
