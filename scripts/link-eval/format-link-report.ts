import type { GroupFigures, LinkEvaluation, SkillErrors } from './link-evaluation';
import { precisionOf, recallOf } from './link-metrics';

/** Issue 11's targets: overall, and for every source. */
export const LINK_TARGETS = {
  overall: { precision: 0.92, recall: 0.85 },
  perSource: { precision: 0.85, recall: 0.75 },
} as const;

function figure(value: number | null, target?: number): string {
  if (value === null) return 'n/a'.padEnd(16);
  const text = value.toFixed(3);
  if (target === undefined) return text.padEnd(16);
  return `${text} ${value >= target ? 'ok' : 'BELOW'} ${target}`.padEnd(16);
}

function row(name: string, group: GroupFigures, target?: { precision: number; recall: number }): string {
  const { truePositives, falsePositives, falseNegatives, acceptable } = group.counts;
  return [
    name.padEnd(44),
    String(group.resources).padStart(5),
    String(truePositives).padStart(5),
    String(falsePositives).padStart(5),
    String(falseNegatives).padStart(5),
    String(acceptable).padStart(5),
    '  ',
    figure(precisionOf(group.counts), target?.precision),
    figure(recallOf(group.counts), target?.recall),
  ].join(' ');
}

const HEADER = `${'group'.padEnd(44)} ${'res'.padStart(5)} ${'TP'.padStart(5)} ${'FP'.padStart(5)} ${'FN'.padStart(5)} ${'acc'.padStart(5)}    ${'precision'.padEnd(16)} recall`;

function errors(title: string, list: readonly SkillErrors[]): string[] {
  if (list.length === 0) return [`${title}: none`];
  return [
    title,
    ...list.map((error) => `  ${String(error.count).padStart(4)}  ${error.slug.padEnd(42)} e.g. ${error.examples.join(' | ')}`),
  ];
}

/** The evaluation as text: the figures with their targets, the worst errors, the judged resources not found. */
export function formatLinkReport(evaluation: LinkEvaluation, options: { judged: number; file: string; listNotFound?: number }): string {
  const sorted = <K>(groups: Map<K, GroupFigures>) => [...groups].sort((left, right) => String(left[0]).localeCompare(String(right[0])));
  const lines = [
    `Link evaluation: ${options.judged} judged resources (${options.file}); ${evaluation.overall.resources} found in the parsed feeds, ${evaluation.notFound.length} not found.`,
    `Targets: precision >= ${LINK_TARGETS.overall.precision} and recall >= ${LINK_TARGETS.overall.recall} overall, >= ${LINK_TARGETS.perSource.precision} / ${LINK_TARGETS.perSource.recall} for every source.`,
    'Micro-averaged over links. TP/FP/FN: true/false positives, false negatives; acc: predicted links judged acceptable (in neither figure).',
    '',
    HEADER,
    row('overall', evaluation.overall, LINK_TARGETS.overall),
    '',
    ...sorted(evaluation.bySource).map(([source, group]) => row(`source ${source}`, group, LINK_TARGETS.perSource)),
    '',
    ...sorted(evaluation.bySourceAndKind).map(([name, group]) => row(name, group)),
    '',
    'By stratum (each link counted in its skill\'s stratum; "res": resources with a link there):',
    ...sorted(evaluation.byStratum).map(([stratum, group]) => row(`stratum ${stratum}`, group)),
    '',
    `Resources judged to teach no skill: ${evaluation.noSkillExpected.resources} found, ${evaluation.noSkillExpected.withFalsePositive} of them got a false positive (${evaluation.noSkillExpected.falsePositives} false links).`,
    '',
    ...errors('Worst false positives (skill predicted, judged wrong):', evaluation.worstFalsePositives),
    '',
    ...errors('Worst false negatives (skill expected, not predicted):', evaluation.worstFalseNegatives),
    '',
  ];
  const notFoundBy = new Map<string, number>();
  for (const judgement of evaluation.notFound) {
    const name = `${judgement.source} ${judgement.kind} (${judgement.list})`;
    notFoundBy.set(name, (notFoundBy.get(name) ?? 0) + 1);
  }
  lines.push(`Judged resources not found in the parsed data: ${evaluation.notFound.length}`);
  for (const [name, count] of [...notFoundBy].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0])))
    lines.push(`  ${String(count).padStart(4)}  ${name}`);
  const listed = evaluation.notFound.slice(0, options.listNotFound ?? 0);
  if (listed.length > 0)
    lines.push('', ...listed.map((judgement) => `  ${judgement.source} ${judgement.kind}: ${judgement.title} <${judgement.url}>`));
  return lines.join('\n');
}
