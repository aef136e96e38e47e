import type { LinkJudgement } from '../judgement-file';
import { evaluateLinks } from '../link-evaluation';
import type { PredictedLinks } from '../predicted-links';
import type { Stratum } from '../strata';

function judged(overrides: Partial<LinkJudgement> & Pick<LinkJudgement, 'url' | 'title'>): LinkJudgement {
  return {
    source: 'free-programming-books',
    kind: 'COURSE',
    list: 'courses-en',
    drawnFor: 'general-programming',
    expected: [],
    acceptable: [],
    ...overrides,
  };
}

const STRATUM: Record<string, Stratum> = { postgresql: 'databases', sql: 'databases', kubernetes: 'devops', 'ci-cd': 'devops' };
const stratumOf = (slug: string): Stratum => STRATUM[slug] ?? 'general-programming';

describe('evaluateLinks', () => {
  const judgements = [
    judged({ url: 'https://example.org/postgres', title: 'PostgreSQL course', expected: ['postgresql', 'sql'] }),
    judged({
      url: 'https://ux.example.org',
      title: 'UX Conf',
      source: 'confs-tech',
      kind: 'EVENT',
      list: 'ux',
      startDate: '2026-05-01',
      expected: [],
      acceptable: ['html-css'],
    }),
    judged({ url: 'https://example.org/devops', title: 'DevOps course', expected: ['ci-cd'], acceptable: ['kubernetes'] }),
    judged({ url: 'https://example.org/book', title: 'A book no parser reads', kind: 'BOOK', expected: ['go'] }),
  ];
  const predictions = new Map<string, PredictedLinks>([
    ['example.org/postgres', { source: 'free-programming-books', skills: ['sql', 'kubernetes'] }],
    // Another edition of the same conference: a different resource.
    ['ux.example.org@2025-05-01', { source: 'confs-tech', skills: ['python'] }],
    ['ux.example.org@2026-05-01', { source: 'confs-tech', skills: ['kubernetes', 'html-css'] }],
    ['example.org/devops', { source: 'free-programming-books', skills: ['ci-cd', 'kubernetes'] }],
  ]);
  const evaluation = evaluateLinks(judgements, predictions, stratumOf);

  it('scores the resources it finds, by URL and an event by its edition', () => {
    expect(evaluation.overall).toEqual({ resources: 3, counts: { truePositives: 2, falsePositives: 2, falseNegatives: 1, acceptable: 2 } });
  });

  it('reports the judged resources no feed lists', () => {
    expect(evaluation.notFound.map((judgement) => judgement.title)).toEqual(['A book no parser reads']);
  });

  it('groups by source, by source and kind, and by the stratum of each link', () => {
    expect(evaluation.bySource.get('confs-tech')).toEqual({
      resources: 1,
      counts: { truePositives: 0, falsePositives: 1, falseNegatives: 0, acceptable: 1 },
    });
    expect(evaluation.bySourceAndKind.get('free-programming-books COURSE')?.resources).toBe(2);
    expect(evaluation.byStratum.get('databases')).toEqual({
      resources: 1,
      counts: { truePositives: 1, falsePositives: 0, falseNegatives: 1, acceptable: 0 },
    });
    // Kubernetes: wrong on the PostgreSQL course and the UX conference, acceptable on the DevOps course.
    expect(evaluation.byStratum.get('devops')).toEqual({
      resources: 3,
      counts: { truePositives: 1, falsePositives: 2, falseNegatives: 0, acceptable: 1 },
    });
  });

  it('counts the resources that should get no skill and the false links they got', () => {
    expect(evaluation.noSkillExpected).toEqual({ resources: 1, withFalsePositive: 1, falsePositives: 1 });
  });

  it('ranks the worst false positives and negatives by skill, with examples', () => {
    expect(evaluation.worstFalsePositives).toEqual([{ slug: 'kubernetes', count: 2, examples: ['PostgreSQL course', 'UX Conf'] }]);
    expect(evaluation.worstFalseNegatives).toEqual([{ slug: 'postgresql', count: 1, examples: ['PostgreSQL course'] }]);
  });
});
