import type { Candidate } from '../candidate-pool';
import { judgementKeyOf } from '../judgement-file';
import { drawSample } from '../sample-candidates';

function candidates(count: number, overrides: Partial<Candidate> & Pick<Candidate, 'source' | 'group'>, title = 'Resource'): Candidate[] {
  return Array.from({ length: count }, (_, index) => ({
    kind: 'COURSE',
    url: `https://${overrides.source}.example.org/${overrides.group}/${index}`,
    title: `${title} ${index}`,
    context: [],
    description: '',
    language: 'en',
    ...overrides,
  }));
}

describe('drawing the judged sample', () => {
  const pool = [
    ...candidates(150, { source: 'coursera', group: 'fixture' }),
    ...candidates(50, { source: 'ossu', group: 'curriculum' }),
    ...candidates(40, { source: 'free-programming-books', group: 'courses-en' }, 'Nginx web server'),
    ...candidates(10, { source: 'unknown-feed', group: 'x' }),
  ];

  it('draws the same sample every time from the same seed, and another from another seed', () => {
    const urls = (seed?: number) => drawSample(pool, seed).map((candidate) => candidate.url);
    expect(urls()).toEqual(urls());
    expect(urls(1)).not.toEqual(urls());
  });

  it('keeps to each frame quota and skips frames without one', () => {
    const drawn = drawSample(pool);
    const count = (frame: string) => drawn.filter((candidate) => candidate.frame === frame).length;
    expect(count('coursera')).toBe(100);
    expect(count('ossu')).toBe(34);
    expect(count('unknown-feed')).toBe(0);
  });

  it('tops a thin stratum up to its minimum, then adds the named-skill top-up', () => {
    const webServers = drawSample(pool).filter((candidate) => candidate.suggestedStratum === 'web-servers');
    // The frame's own quota is 5, the stratum's minimum 14, and the Nginx/web-server top-up adds 8.
    expect(webServers).toHaveLength(22);
  });

  it('draws a page once, however often the pool lists it, but each edition of an event', () => {
    const twice = [...candidates(3, { source: 'ossu', group: 'extras' }), ...candidates(3, { source: 'ossu', group: 'extras' })];
    expect(drawSample(twice)).toHaveLength(3);
    const editions = ['2025-01-01', '2026-01-01'].map((startDate): Candidate => ({
      ...candidates(1, { source: 'confs-tech', group: 'devops', kind: 'EVENT' })[0],
      startDate,
    }));
    expect(drawSample(editions)).toHaveLength(2);
  });

  it('never draws an excluded resource, and draws another held-out set of the same shape', () => {
    const first = drawSample(pool);
    const exclude = new Set(first.map(judgementKeyOf));
    const heldOut = drawSample(pool, 20261207, { exclude });
    expect(heldOut.filter((candidate) => exclude.has(judgementKeyOf(candidate)))).toEqual([]);
    // 150 Coursera candidates: 100 went to the first draw, the other 50 are left for the held-out one.
    expect(heldOut.filter((candidate) => candidate.frame === 'coursera')).toHaveLength(50);
  });

  it('scales every quota, keeping a frame with a quota at one at least and one without at none', () => {
    const drawn = drawSample(pool, undefined, { scale: 0.1 });
    const count = (frame: string) => drawn.filter((candidate) => candidate.frame === frame).length;
    expect(count('coursera')).toBe(10);
    expect(count('ossu')).toBe(3);
    expect(count('unknown-feed')).toBe(0);
  });
});
