import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLE_NAMES, loadConfig } from '../src/core/config';
import { PROJECT_ROOT } from '../src/core/project-root';
import { deployedApiRuntime } from './helpers/deployed-runtime';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * The deployment files are read by machines we do not run here (Kubernetes, docker compose): this reads
 * them as those would and checks what would otherwise only fail at deploy time — a selector that
 * matches no pod, a probe on a path the server does not serve, a setting the config does not know.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field below
type Manifest = any;

const KUBERNETES_DIR = path.join(PROJECT_ROOT, 'deploy', 'kubernetes');
const known = new Set(CONFIG_VARIABLE_NAMES);
/** Read by Node itself or by the OpenTelemetry SDK, not by src/core/config.ts. */
const RUNTIME_VARIABLES = new Set(['NODE_OPTIONS']);

function kubernetesManifests(): Manifest[] {
  const kustomization = parse(readFileSync(path.join(KUBERNETES_DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(KUBERNETES_DIR, file), 'utf8')).map((document) => {
      expect(document.errors).toEqual([]);
      return document.toJS();
    }),
  );
}

/** True when every label of `selector` is on `labels` with the same value (and the selector is not empty). */
function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);
}

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  const manifests = kubernetesManifests();
  const one = (kind: string) => {
    const found = manifests.filter((manifest) => manifest.kind === kind);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('lists every manifest in the folder in kustomization.yaml, one of each kind needed', () => {
    const files = readdirSync(KUBERNETES_DIR).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    const listed = (parse(readFileSync(path.join(KUBERNETES_DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[] }).resources;
    expect([...listed].sort()).toEqual(files.sort());
    expect(manifests.map((manifest) => manifest.kind).sort()).toEqual(
      ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Secret', 'Service'].sort(),
    );
  });

  it('selects the Deployment’s pods from the Deployment, the Service, the autoscaler and the disruption budget', () => {
    const deployment = one('Deployment');
    const podLabels = deployment.spec.template.metadata.labels;
    expect(selects(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
    expect(selects(one('Service').spec.selector, podLabels)).toBe(true);
    expect(selects(one('PodDisruptionBudget').spec.selector.matchLabels, podLabels)).toBe(true);
    const target = one('HorizontalPodAutoscaler').spec.scaleTargetRef;
    expect([target.apiVersion, target.kind, target.name]).toEqual([deployment.apiVersion, 'Deployment', deployment.metadata.name]);
    // A disruption budget that allows no eviction at the autoscaler's minimum would block every node drain.
    expect(one('PodDisruptionBudget').spec.minAvailable).toBeLessThan(one('HorizontalPodAutoscaler').spec.minReplicas);
  });

  it('runs as non-root on a read-only filesystem, with requests and limits, and rolls out without losing capacity', () => {
    const deployment = one('Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    for (const container of pod.containers) {
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(container.securityContext.capabilities.drop).toEqual(['ALL']);
      expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
      expect(container.resources.limits.memory).toBeDefined();
    }
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('caps the V8 heap below the container’s memory limit, leaving room for code, buffers and the young generation', () => {
    const { nodeOptions, memoryLimitBytes } = deployedApiRuntime();
    const heapCapMegabytes = Number(/--max-old-space-size=(\d+)/.exec(nodeOptions)?.[1]);
    expect(heapCapMegabytes).toBeGreaterThan(0);
    // The fuzz suite runs the server with this cap and bounds its resident size (tests/fuzz.test.ts).
    expect(heapCapMegabytes * 1024 * 1024).toBeLessThanOrEqual(0.8 * memoryLimitBytes);
  });

  it('configures the pods only with settings the configuration knows, from the ConfigMap and Secret it names', () => {
    const configMap = one('ConfigMap');
    const secret = one('Secret');
    const [container] = one('Deployment').spec.template.spec.containers;
    const sources = container.envFrom.map((source: Manifest) => source.configMapRef?.name ?? source.secretRef?.name);
    expect(sources).toEqual([configMap.metadata.name, secret.metadata.name]);
    const names = [
      ...Object.keys(configMap.data),
      ...Object.keys(secret.stringData),
      ...container.env.map((entry: Manifest) => entry.name),
    ];
    expect(names.filter((name) => !known.has(name) && !RUNTIME_VARIABLES.has(name))).toEqual([]);
    // Secrets stay out of the ConfigMap, and the ConfigMap's values are valid as they stand.
    expect(Object.keys(configMap.data).filter((name) => /TOKEN|URI|URL|PASSWORD/.test(name))).toEqual([]);
    expect(() => loadConfig({ ...configMap.data, MONGODB_URI: 'mongodb://db/skillatlas' })).not.toThrow();
    // The Secret's placeholder tokens are refused at start: no pod runs with a token written in this repository.
    expect(() => loadConfig({ ...configMap.data, ...secret.stringData })).toThrow(/ADMIN_TOKEN[\s\S]*METRICS_TOKEN/);
  });

  it('probes, scrapes and serves on ports the container declares and the configuration listens on', () => {
    const deployment = one('Deployment');
    const [container] = deployment.spec.template.spec.containers;
    const ports = Object.fromEntries(container.ports.map((port: Manifest) => [port.name, port.containerPort]));
    const config = loadConfig({ ...one('ConfigMap').data });
    expect(ports.http).toBe(config.port);
    expect(ports.metrics).toBe(config.metrics.port);
    expect(config.host).toBe('0.0.0.0');
    expect(config.metrics.host).toBe('0.0.0.0');
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(container[probe].httpGet.port).toBe('http');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(Number(deployment.spec.template.metadata.annotations['prometheus.io/port'])).toBe(config.metrics.port);
    // The Service exposes the API only, never the metrics port.
    expect(one('Service').spec.ports.map((port: Manifest) => port.targetPort)).toEqual(['http']);
  });

  describe('against the server', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('answers 200 on every probe path', async () => {
      const [container] = one('Deployment').spec.template.spec.containers;
      const paths = new Set<string>(['startupProbe', 'readinessProbe', 'livenessProbe'].map((probe) => container[probe].httpGet.path));
      expect(paths.size).toBe(2);
      for (const probePath of paths) {
        const response = await fetch(app.url.replace(/\/graphql$/, probePath));
        expect([probePath, response.status]).toEqual([probePath, 200]);
      }
    });
  });
});

/** Compose's `${NAME:-default}` as the default, `${NAME:?message}` (required) as a value an operator could set. */
function interpolated(environment: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'f'.repeat(64)),
    ]),
  );
}

describe('docker compose (docker-compose.yml)', () => {
  const compose = parse(readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
  const services: Record<string, Manifest> = compose.services;
  const scale = Object.entries(services)
    .filter(([, service]) => service.profiles?.includes('scale'))
    .map(([name]) => name)
    .sort();
  const dependencies = (name: string) => services[name].depends_on ?? {};

  it('runs the default stack on MongoDB 8 and Redis 8, and the image on Node 24', () => {
    expect(services.mongo.image).toBe('mongo:8');
    expect(services.redis.image).toBe('redis:8-alpine');
    expect(services.mongo.profiles).toBeUndefined();
    expect(services.api.profiles).toBeUndefined();
    const dockerfile = readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(bases.length).toBeGreaterThan(0);
    expect(bases.every((base) => base === 'node:24-slim')).toBe(true);
  });

  it('has a scale profile: two API replicas behind a proxy, on a three-member replica set and Redis', () => {
    expect(scale).toEqual(['api-1', 'api-2', 'mongo-rs-a', 'mongo-rs-b', 'mongo-rs-c', 'mongo-rs-init', 'proxy']);
    expect(Object.keys(dependencies('proxy')).sort()).toEqual(['api-1', 'api-2']);
    for (const api of ['api-1', 'api-2']) {
      expect(dependencies(api)['mongo-rs-init']).toEqual({ condition: 'service_completed_successfully' });
      expect(dependencies(api).redis).toEqual({ condition: 'service_healthy' });
      expect(services[api].healthcheck.test.join(' ')).toContain('/health/ready');
      expect(services[api].image).toBe(services.api.image);
    }
    for (const member of ['mongo-rs-a', 'mongo-rs-b', 'mongo-rs-c']) {
      expect(services[member].image).toBe('mongo:8');
      expect(services[member].command).toEqual(['mongod', '--replSet', 'rs0', '--bind_ip_all']);
      expect(services[member].healthcheck).toBeDefined();
      expect(dependencies('mongo-rs-init')[member]).toEqual({ condition: 'service_healthy' });
    }
    // Only one replica seeds, and only the proxy is published.
    expect([services['api-1'].environment.SEED_ON_START, services['api-2'].environment.SEED_ON_START]).toEqual(['true', 'false']);
    expect(dependencies('api-2')['api-1']).toEqual({ condition: 'service_healthy' });
    expect(scale.filter((name) => services[name].ports)).toEqual(['proxy']);
    expect(services.proxy.healthcheck).toBeDefined();
  });

  it('names the replica set and all its members in MONGODB_URI, as the init script initiates it', () => {
    for (const api of ['api-1', 'api-2']) {
      // WHATWG URL refuses a list of hosts: the parts are read by hand.
      const [, hosts, database, query] = /^mongodb:\/\/([^/]+)\/([^?]+)\?(.+)$/.exec(services[api].environment.MONGODB_URI) ?? [];
      const options = new URLSearchParams(query);
      expect(options.get('replicaSet')).toBe('rs0');
      expect(options.get('w')).toBe('majority');
      expect(hosts).toBe('mongo-rs-a:27017,mongo-rs-b:27017,mongo-rs-c:27017');
      expect(database).toBe('skillatlas');
      expect(() => loadConfig(interpolated(services[api].environment))).not.toThrow();
    }
    const init = services['mongo-rs-init'];
    const [mount] = init.volumes as string[];
    const [hostPath, containerPath] = mount.split(':');
    expect(init.command).toContain(containerPath);
    const script = readFileSync(path.join(PROJECT_ROOT, hostPath), 'utf8');
    expect(script).toContain("_id: 'rs0'");
    expect(script).toContain("['mongo-rs-a:27017', 'mongo-rs-b:27017', 'mongo-rs-c:27017']");
  });

  it('proxies to both replicas on the port they listen on, and keeps /metrics off the public port', () => {
    const [mount] = services.proxy.volumes as string[];
    const hostPath = mount.split(':')[0];
    expect(existsSync(path.join(PROJECT_ROOT, hostPath))).toBe(true);
    const nginx = readFileSync(path.join(PROJECT_ROOT, hostPath), 'utf8');
    const upstreams = [...nginx.matchAll(/^\s*server (\S+):(\d+)/gm)].map((match) => `${match[1]}:${match[2]}`);
    expect(upstreams).toEqual(['api-1:4000', 'api-2:4000']);
    for (const api of ['api-1', 'api-2']) expect(services[api].environment.PORT).toBe('4000');
    expect(nginx).toMatch(/location = \/metrics \{\s*return 404;/);
    expect(services.proxy.ports).toEqual([`8080:${/listen (\d+);/.exec(nginx)?.[1]}`]);
    expect(services['api-1'].environment.TRUST_PROXY).toBe('1');
  });

  it('sets only settings the configuration knows', () => {
    for (const name of ['api', 'api-1', 'api-2']) {
      const unknown = Object.keys(services[name].environment).filter((variable) => !known.has(variable));
      expect([name, unknown]).toEqual([name, []]);
    }
  });
});
