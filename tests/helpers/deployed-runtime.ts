import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/core/project-root';

/** How the API container runs in deploy/kubernetes/deployment.yaml: its Node options and memory limit. */
export interface DeployedApiRuntime {
  /** NODE_OPTIONS set on the container (its V8 heap cap). */
  nodeOptions: string;
  /** The container's memory limit, in bytes: past it the kernel kills the process. */
  memoryLimitBytes: number;
}

const QUANTITY_UNITS: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, k: 1e3, M: 1e6, G: 1e9 };

/** A Kubernetes memory quantity ("512Mi", "1G") in bytes. */
export function bytesOfQuantity(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(quantity);
  if (!match) throw new Error(`not a memory quantity this reads: ${quantity}`);
  return Number(match[1]) * QUANTITY_UNITS[match[2] ?? ''];
}

/**
 * The API container's runtime settings, read from the Deployment: tests that measure the server's
 * memory start it as it is deployed, so that what they bound is what production would see.
 */
export function deployedApiRuntime(): DeployedApiRuntime {
  const deployment = parse(readFileSync(path.join(PROJECT_ROOT, 'deploy', 'kubernetes', 'deployment.yaml'), 'utf8')) as {
    spec: {
      template: {
        spec: { containers: Array<{ env?: Array<{ name: string; value?: string }>; resources: { limits: { memory: string } } }> };
      };
    };
  };
  const [container] = deployment.spec.template.spec.containers;
  const nodeOptions = container.env?.find((variable) => variable.name === 'NODE_OPTIONS')?.value;
  if (!nodeOptions) throw new Error('deploy/kubernetes/deployment.yaml sets no NODE_OPTIONS on the API container');
  return { nodeOptions, memoryLimitBytes: bytesOfQuantity(container.resources.limits.memory) };
}
