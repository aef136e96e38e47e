import { parseRedisTarget } from '../redis-target';

function parse(settings: Parameters<typeof parseRedisTarget>[0]) {
  const problems: string[] = [];
  return { target: parseRedisTarget(settings, problems), problems };
}

describe('parseRedisTarget', () => {
  it('reads a single server, a cluster and Sentinels', () => {
    expect(parse({ url: 'redis://cache:6379/2' })).toEqual({
      target: { topology: 'standalone', url: 'redis://cache:6379/2' },
      problems: [],
    });
    expect(parse({ clusterNodes: '10.0.0.1:7000, 10.0.0.2:7001', password: 'secret' })).toEqual({
      target: {
        topology: 'cluster',
        nodes: [
          { host: '10.0.0.1', port: 7000 },
          { host: '10.0.0.2', port: 7001 },
        ],
        tls: false,
        username: undefined,
        password: 'secret',
      },
      problems: [],
    });
    expect(parse({ sentinels: 'rediss://s1:26379,rediss://[::1]:26380', sentinelName: 'mymaster' }).target).toEqual({
      topology: 'sentinel',
      name: 'mymaster',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      tls: true,
      username: undefined,
      password: undefined,
    });
    expect(parse({})).toEqual({ target: undefined, problems: [] });
  });

  it('names every bad value: two topologies, bad nodes, a missing name, mixed TLS', () => {
    expect(parse({ url: 'redis://a:1', clusterNodes: 'b:2' }).problems).toEqual([
      'REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS: set one of them, got REDIS_URL and REDIS_CLUSTER_NODES',
    ]);
    const bad = parse({ clusterNodes: 'a:1,b,c:99999,http://d:1' });
    expect(bad.target).toBeUndefined();
    expect(bad.problems).toEqual([
      'REDIS_CLUSTER_NODES: "b" is not host:port (e.g. 10.0.0.5:6379)',
      'REDIS_CLUSTER_NODES: "c:99999" is not host:port (e.g. 10.0.0.5:6379)',
      'REDIS_CLUSTER_NODES: "http://d:1" is not host:port (e.g. 10.0.0.5:6379)',
    ]);
    expect(parse({ sentinels: 's:26379' }).problems).toEqual([expect.stringMatching(/^REDIS_SENTINEL_NAME: required/)]);
    expect(parse({ sentinelName: 'mymaster' }).problems).toEqual([expect.stringMatching(/^REDIS_SENTINEL_NAME: only used with/)]);
    expect(parse({ clusterNodes: 'redis://a:1,rediss://b:2' }).problems).toEqual([
      expect.stringMatching(/mixes redis:\/\/ and rediss:\/\//),
    ]);
    expect(parse({ clusterNodes: ' , ' }).problems).toEqual(['REDIS_CLUSTER_NODES: lists no node; give host:port,host:port']);
    expect(parse({ url: 'redis://a:1', password: 'x' }).problems).toEqual([
      expect.stringMatching(/^REDIS_USERNAME, REDIS_PASSWORD: with REDIS_URL/),
    ]);
  });
});
