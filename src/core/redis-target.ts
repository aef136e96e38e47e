/** One Redis node or Sentinel address. */
export interface RedisNodeAddress {
  host: string;
  port: number;
}

/** Credentials and TLS shared by every node of a cluster, or by the Sentinel-managed primary and replicas. */
export interface RedisNodeAccess {
  username?: string;
  password?: string;
  tls: boolean;
}

/**
 * Where Redis is, as configured (see `parseRedisTarget`):
 * - `standalone`: one server, `REDIS_URL` (redis:// or rediss://, credentials and database in the URL);
 * - `cluster`: a Redis Cluster, `REDIS_CLUSTER_NODES` (some of its primaries; the rest are discovered);
 * - `sentinel`: the primary named `REDIS_SENTINEL_NAME`, found through the Sentinels in `REDIS_SENTINELS`.
 */
export type RedisTarget =
  | { topology: 'standalone'; url: string }
  | ({ topology: 'cluster'; nodes: RedisNodeAddress[] } & RedisNodeAccess)
  | ({ topology: 'sentinel'; name: string; sentinels: RedisNodeAddress[] } & RedisNodeAccess);

/** The Redis settings as read from the environment (see .env.example). */
export interface RedisSettings {
  url?: string;
  clusterNodes?: string;
  sentinels?: string;
  sentinelName?: string;
  username?: string;
  password?: string;
}

/**
 * The Redis target the settings describe, or undefined when none is set. Adds one line to `problems`
 * per bad value: more than one topology, a node that is not host:port, a Sentinel list without a name.
 * A cluster or Sentinel node given as rediss://host:port turns TLS on for all nodes.
 */
export function parseRedisTarget(settings: RedisSettings, problems: string[]): RedisTarget | undefined {
  const given = [
    settings.url && 'REDIS_URL',
    settings.clusterNodes && 'REDIS_CLUSTER_NODES',
    settings.sentinels && 'REDIS_SENTINELS',
  ].filter(Boolean);
  if (given.length > 1) {
    problems.push(`REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS: set one of them, got ${given.join(' and ')}`);
    return undefined;
  }
  if (settings.sentinelName && !settings.sentinels) problems.push('REDIS_SENTINEL_NAME: only used with REDIS_SENTINELS, which is not set');
  if (settings.url) {
    if (settings.username || settings.password)
      problems.push('REDIS_USERNAME, REDIS_PASSWORD: with REDIS_URL, put the credentials in the URL (redis://user:password@host:port)');
    return { topology: 'standalone', url: settings.url };
  }
  const access = { username: settings.username, password: settings.password };
  if (settings.clusterNodes) {
    const nodes = parseNodeList('REDIS_CLUSTER_NODES', settings.clusterNodes, problems);
    return nodes && { topology: 'cluster', nodes: nodes.addresses, tls: nodes.tls, ...access };
  }
  if (settings.sentinels) {
    if (!settings.sentinelName)
      problems.push('REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the name the Sentinels monitor, e.g. mymaster)');
    const nodes = parseNodeList('REDIS_SENTINELS', settings.sentinels, problems);
    return nodes && settings.sentinelName
      ? { topology: 'sentinel', name: settings.sentinelName, sentinels: nodes.addresses, tls: nodes.tls, ...access }
      : undefined;
  }
  return undefined;
}

/** `host:port,host:port` (each optionally redis:// or rediss://), every entry checked. */
function parseNodeList(name: string, list: string, problems: string[]): { addresses: RedisNodeAddress[]; tls: boolean } | undefined {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const addresses: RedisNodeAddress[] = [];
  const schemes = new Set<string>();
  for (const entry of entries) {
    const match = /^(?:(rediss?):\/\/)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})\/?$/.exec(entry);
    const port = match ? Number(match[3]) : 0;
    if (!match || port < 1 || port > 65_535) {
      problems.push(`${name}: "${entry}" is not host:port (e.g. 10.0.0.5:6379)`);
      continue;
    }
    schemes.add(match[1] ?? 'redis');
    addresses.push({ host: match[2].replace(/^\[|\]$/g, ''), port });
  }
  if (entries.length === 0) problems.push(`${name}: lists no node; give host:port,host:port`);
  if (schemes.size > 1) problems.push(`${name}: mixes redis:// and rediss:// nodes; TLS is all or nothing`);
  return addresses.length === entries.length && entries.length > 0 && schemes.size === 1
    ? { addresses, tls: schemes.has('rediss') }
    : undefined;
}
