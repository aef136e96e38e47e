import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSchemaCompatibility, deprecationState, parseChangelog } from '../schema-check';
import { buildSchema } from 'graphql';

const HEADER = '# Released schema of SkillAtlas 0.2.0: test copy.\n';

const RELEASED = `${HEADER}
type Query {
  resources(first: Int, language: String @deprecated(reason: "Use filter.")): [Resource!]!
  free: Boolean @deprecated(reason: "Use isFree.")
  isFree: Boolean
  title: String
}
type Resource { title: String }
enum Level { BEGINNER EXPERT @deprecated(reason: "Use ADVANCED.") ADVANCED }
`;

function changelog(unreleasedItems: string[], releases = ['0.2.0', '0.1.0']): string {
  return [
    '# Changelog',
    '',
    'Opening prose; an example in a fence is not a section:',
    '```markdown',
    '## [Unreleased]',
    '- `Query.title`: deprecated in 0.1.0.',
    '```',
    '',
    '## [Unreleased]',
    '',
    '### Removed',
    ...unreleasedItems.map((item) => `- ${item}`),
    '',
    ...releases.flatMap((version) => [`## [${version}] - 2026-12-01`, '', '### Added', '- Something.', '']),
  ].join('\n');
}

async function check(currentBody: string, changelogText: string, releasedSdl = RELEASED) {
  return checkSchemaCompatibility({ releasedSdl, currentSdl: currentBody, changelogText });
}

describe('parseChangelog', () => {
  it('reads the releases newest first and the Unreleased items, joining indented continuation lines', () => {
    const parsed = parseChangelog(changelog(['`Query.free`: deprecated in 0.2.0\n  in favour of `Query.isFree`.', 'Another.']));
    expect(parsed.releases).toEqual(['0.2.0', '0.1.0']);
    expect(parsed.unreleasedItems).toEqual(['`Query.free`: deprecated in 0.2.0 in favour of `Query.isFree`.', 'Another.']);
  });
});

describe('deprecationState', () => {
  const schema = buildSchema(RELEASED);
  it.each([
    ['Query.free', 'deprecated'],
    ['Query.title', 'not deprecated'],
    ['Query.resources.language', 'deprecated'],
    ['Query.resources.first', 'not deprecated'],
    ['Level.EXPERT', 'deprecated'],
    ['Level.BEGINNER', 'not deprecated'],
    ['Resource', 'cannot be deprecated'],
  ])('%s is %s', (coordinate, state) => {
    expect(deprecationState(schema, coordinate)).toBe(state);
  });
});

describe('checkSchemaCompatibility', () => {
  it('passes an unchanged schema', async () => {
    const report = await check(RELEASED, changelog([]));
    expect(report).toMatchObject({ ok: true, breaking: [], dangerous: [], safe: [], problems: [] });
  });

  it('passes safe additions without a changelog entry', async () => {
    const current = RELEASED.replace('title: String\n}', 'title: String\n  url: String\n}');
    const report = await check(current, changelog([]));
    expect(report.ok).toBe(true);
    expect(report.safe.map((change) => change.path)).toEqual(['Query.url']);
  });

  it('passes a dangerous change (an enum value added) and reports it', async () => {
    const current = RELEASED.replace('ADVANCED }', 'ADVANCED MASTER }');
    const report = await check(current, changelog([]));
    expect(report.ok).toBe(true);
    expect(report.dangerous.map((change) => change.path)).toEqual(['Level.MASTER']);
  });

  it('refuses a breaking change that the changelog does not record', async () => {
    const current = RELEASED.replace('  free: Boolean @deprecated(reason: "Use isFree.")\n', '');
    const report = await check(current, changelog([]));
    expect(report.ok).toBe(false);
    expect(report.breaking.map((change) => change.coordinate)).toEqual(['Query.free']);
    expect(report.breaking[0].refusal).toContain('names `Query.free`');
  });

  it('does not take the example in a code fence for an entry', async () => {
    const current = RELEASED.replace('  title: String\n}', '}');
    const report = await check(current, changelog([]));
    expect(report.ok).toBe(false);
  });

  it('accepts the removal of a deprecated field recorded with the release that deprecated it', async () => {
    const current = RELEASED.replace('  free: Boolean @deprecated(reason: "Use isFree.")\n', '');
    const report = await check(current, changelog(['`Query.free`: deprecated in 0.2.0, use `Query.isFree`.']));
    expect(report).toMatchObject({ ok: true, breaking: [{ coordinate: 'Query.free', deprecatedIn: '0.2.0' }] });
    expect(report.breaking[0].refusal).toBeUndefined();
  });

  it('accepts removed deprecated arguments and enum values recorded together in one item', async () => {
    const current = RELEASED.replace(', language: String @deprecated(reason: "Use filter.")', '').replace(
      ' EXPERT @deprecated(reason: "Use ADVANCED.")',
      '',
    );
    const report = await check(current, changelog(['`Query.resources.language` and `Level.EXPERT`: deprecated in 0.2.0.']));
    expect(report.ok).toBe(true);
    expect(report.breaking.map((change) => change.coordinate).sort()).toEqual(['Level.EXPERT', 'Query.resources.language']);
  });

  it('refuses a recorded entry without "deprecated in X.Y.Z"', async () => {
    const current = RELEASED.replace('  free: Boolean @deprecated(reason: "Use isFree.")\n', '');
    const report = await check(current, changelog(['`Query.free` removed, use `Query.isFree`.']));
    expect(report.ok).toBe(false);
    expect(report.breaking[0].refusal).toContain('deprecated in X.Y.Z');
  });

  it('refuses "deprecated in" a version that is not a release of the changelog', async () => {
    const current = RELEASED.replace('  free: Boolean @deprecated(reason: "Use isFree.")\n', '');
    const report = await check(current, changelog(['`Query.free`: deprecated in 0.3.0.']));
    expect(report.ok).toBe(false);
    expect(report.breaking[0].refusal).toContain('names no release');
  });

  it('refuses removing a field the released schema never deprecated, even when recorded', async () => {
    const current = RELEASED.replace('  title: String\n}', '}');
    const report = await check(current, changelog(['`Query.title`: deprecated in 0.2.0.']));
    expect(report.ok).toBe(false);
    expect(report.breaking[0].refusal).toContain('is not @deprecated in the released schema');
  });

  it('accepts a recorded change to what GraphQL cannot deprecate (a type removed)', async () => {
    const current = RELEASED.replace(
      'resources(first: Int, language: String @deprecated(reason: "Use filter.")): [Resource!]!',
      'resources(first: Int, language: String @deprecated(reason: "Use filter.")): [String!]!',
    ).replace('type Resource { title: String }\n', '');
    const refused = await check(current, changelog([]));
    expect(refused.ok).toBe(false);
    const report = await check(current, changelog(['`Resource` and `Query.resources`: deprecated in 0.1.0, replaced by strings.']));
    expect(report.breaking.map((change) => [change.coordinate, change.refusal])).toEqual([
      ['Resource', undefined],
      ['Query.resources', expect.stringContaining('is not @deprecated')],
    ]);
  });

  it('refuses a released schema whose release is not the newest of the changelog', async () => {
    const report = await check(RELEASED, changelog([], ['0.3.0', '0.2.0']));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringContaining('newest release of CHANGELOG.md is 0.3.0')]);
  });

  it('passes on the repository as it stands (schema/schema.graphql against schema/released.graphql)', async () => {
    const root = join(__dirname, '..', '..');
    const read = (file: string) => readFileSync(join(root, file), 'utf8');
    const report = await checkSchemaCompatibility({
      releasedSdl: read('schema/released.graphql'),
      currentSdl: read('schema/schema.graphql'),
      changelogText: read('CHANGELOG.md'),
    });
    expect(report.problems).toEqual([]);
    expect(report.breaking.filter((change) => change.refusal)).toEqual([]);
  });
});
