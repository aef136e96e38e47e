import { Histogram, Registry } from 'prom-client';
import { LabelledHistogram } from '../labelled-histogram';

const BOUNDS = [0.001, 0.01, 0.1, 1];
const HELP = 'Seconds.';

/** Both histograms fed the same observations, each in a registry of its own; returns both expositions. */
async function expositions(observations: Array<[labels: { route: string; status: string }, value: number]>) {
  const ours = new Registry();
  const theirs = new Registry();
  const labelled = new LabelledHistogram<'route' | 'status'>('h_seconds', HELP, ['route', 'status'], BOUNDS, ours);
  const reference = new Histogram({ name: 'h_seconds', help: HELP, labelNames: ['route', 'status'], buckets: BOUNDS, registers: [theirs] });
  for (const [labels, value] of observations) {
    labelled.observe(labelled.seriesOf(labels), value);
    reference.observe(labels, value);
  }
  return { ours: await ours.metrics(), theirs: await theirs.metrics(), oursRegistry: ours, theirsRegistry: theirs };
}

describe('LabelledHistogram', () => {
  it('writes the exposition prom-client writes for the same observations (bounds, between them, past the last)', async () => {
    const values = [0, 0.0005, 0.001, 0.0010001, 0.01, 0.05, 0.1, 0.7, 1, 1.5, 30];
    const observations = values.flatMap((value, index) => [
      [{ route: '/graphql', status: '200' }, value] as const,
      [{ route: index % 2 ? 'other' : '/graphql', status: index % 3 ? '404' : 'aborted' }, value / 3] as const,
    ]);
    const { ours, theirs } = await expositions(observations.map(([labels, value]) => [labels, value]));
    expect(ours).toContain('h_seconds_bucket{le="+Inf",route="/graphql",status="200"} 11');
    expect(ours).toBe(theirs);
  });

  it('keeps counting into the series callers hold after the registry is reset, as prom-client does', async () => {
    const { oursRegistry, theirsRegistry } = await expositions([]);
    const labelled = oursRegistry.getSingleMetric('h_seconds') as unknown as LabelledHistogram<'route' | 'status'>;
    const reference = theirsRegistry.getSingleMetric('h_seconds') as Histogram<'route' | 'status'>;
    const series = labelled.seriesOf({ route: '/graphql', status: '200' });
    labelled.observe(series, 0.5);
    reference.observe({ route: '/graphql', status: '200' }, 0.5);
    oursRegistry.resetMetrics();
    theirsRegistry.resetMetrics();
    labelled.observe(series, 0.05);
    reference.observe({ route: '/graphql', status: '200' }, 0.05);
    expect(await oursRegistry.metrics()).toContain('h_seconds_count{route="/graphql",status="200"} 1');
    expect(await oursRegistry.metrics()).toBe(await theirsRegistry.metrics());
  });
});
