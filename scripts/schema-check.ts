import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';

/**
 * `npm run schema:check`: keeps the published contract (schema/schema.graphql) compatible with the last
 * release (schema/released.graphql), so partners' and frontends' queries keep working.
 *
 * graphql-inspector compares the two. Dangerous and safe changes pass (dangerous ones are listed: an
 * enum value added can surprise a client's exhaustive switch). A breaking change passes only when
 * CHANGELOG.md's `## [Unreleased]` section has a list item that names its schema coordinate in backticks
 * (`Type`, `Type.field`, `Type.field.argument`, `Enum.VALUE`, `Input.field`, as graphql-inspector prints
 * it) and says `deprecated in X.Y.Z`, a release heading of that changelog. And when the coordinate can
 * carry `@deprecated` (a field, an optional argument, an input field, an enum value), the released
 * schema must already mark it deprecated: deprecate in one release, remove or change in a later one.
 * CHANGELOG.md's opening explains the same to its readers.
 *
 * The released schema is a committed file rather than a git tag, so the check works the same on a full
 * clone, a shallow CI clone (which fetches no tags and no history) and a source tarball without .git.
 * Its first line names its release, which must be the newest release heading of CHANGELOG.md.
 *
 * Exit codes: 0 compatible, 1 a breaking change the changelog does not account for (or the files
 * disagree on the release), 2 a file could not be read or parsed.
 */

export const RELEASED_SCHEMA_FILE = 'schema/released.graphql';
export const CURRENT_SCHEMA_FILE = 'schema/schema.graphql';
export const CHANGELOG_FILE = 'CHANGELOG.md';

const VERSION = String.raw`\d+\.\d+\.\d+`;
const RELEASE_HEADING = new RegExp(String.raw`^## \[(${VERSION})\]`, 'gm');
const DEPRECATED_IN = new RegExp(String.raw`deprecated in (?:v|version )?(${VERSION})`, 'gi');
const RELEASED_SCHEMA_HEADER = new RegExp(String.raw`^# Released schema of SkillAtlas (${VERSION})\b`);

/** What CHANGELOG.md says: its releases, newest first, and the items of its Unreleased section. */
export interface Changelog {
  releases: string[];
  unreleasedItems: string[];
}

/** One breaking change and, when the changelog accounts for it, the release that deprecated it. */
export interface BreakingChange {
  coordinate: string;
  message: string;
  /** Why the change is refused; undefined when it is accepted. */
  refusal?: string;
  deprecatedIn?: string;
}

export interface CompatibilityReport {
  breaking: BreakingChange[];
  dangerous: Change[];
  safe: Change[];
  /** Problems that are not one change: the released schema and the changelog disagree on the release. */
  problems: string[];
  /** True when the current schema may be published: every breaking change accepted, no problem. */
  ok: boolean;
}

/**
 * Splits CHANGELOG.md into its release versions and the list items of `## [Unreleased]`. Fenced code
 * blocks are skipped: the changelog's opening shows an example section in one.
 */
export function parseChangelog(markdown: string): Changelog {
  const text = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
  const releases = [...text.matchAll(RELEASE_HEADING)].map((match) => match[1]);
  const unreleased = /^## \[Unreleased\][^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/im.exec(text);
  const unreleasedItems: string[] = [];
  for (const line of (unreleased?.[1] ?? '').split('\n')) {
    if (/^[-*] /.test(line)) unreleasedItems.push(line.slice(2).trim());
    else if (/^\s+\S/.test(line) && unreleasedItems.length > 0) unreleasedItems[unreleasedItems.length - 1] += ` ${line.trim()}`;
  }
  return { releases, unreleasedItems };
}

/** The release named on the first line of the released schema, `# Released schema of SkillAtlas X.Y.Z`. */
export function releasedSchemaVersion(sdl: string): string | undefined {
  return RELEASED_SCHEMA_HEADER.exec(sdl)?.[1];
}

type DeprecationState = 'deprecated' | 'not deprecated' | 'cannot be deprecated';

/**
 * Whether `coordinate` is marked `@deprecated` in `schema`. Types, directives, union and interface
 * memberships and required arguments without a default cannot carry the directive (GraphQL 16).
 */
export function deprecationState(schema: GraphQLSchema, coordinate: string): DeprecationState {
  const [typeName, memberName, argumentName] = coordinate.split('.');
  const type = schema.getType(typeName);
  if (!type || memberName === undefined) return 'cannot be deprecated';
  let reason: string | null | undefined;
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[memberName];
    if (!field) return 'cannot be deprecated';
    if (argumentName === undefined) {
      reason = field.deprecationReason;
    } else {
      const argument = field.args.find((candidate) => candidate.name === argumentName);
      if (!argument || (isNonNullType(argument.type) && argument.defaultValue === undefined)) return 'cannot be deprecated';
      reason = argument.deprecationReason;
    }
  } else if (isInputObjectType(type)) {
    const field = type.getFields()[memberName];
    if (!field || (isNonNullType(field.type) && field.defaultValue === undefined)) return 'cannot be deprecated';
    reason = field.deprecationReason;
  } else if (isEnumType(type)) {
    const value = type.getValue(memberName);
    if (!value) return 'cannot be deprecated';
    reason = value.deprecationReason;
  } else {
    return 'cannot be deprecated';
  }
  return reason == null ? 'not deprecated' : 'deprecated';
}

/** The changelog items that name `coordinate` in backticks. */
function itemsNaming(changelog: Changelog, coordinate: string): string[] {
  return changelog.unreleasedItems.filter((item) => item.includes(`\`${coordinate}\``));
}

function judgeBreakingChange(change: Change, released: GraphQLSchema, changelog: Changelog): BreakingChange {
  // Changes to the schema as a whole (its root types) have no path: their type names them instead.
  const coordinate: string = change.path ?? String(change.type);
  const judged: BreakingChange = { coordinate, message: change.message };
  const items = itemsNaming(changelog, coordinate);
  if (items.length === 0) {
    judged.refusal = `no item of CHANGELOG.md's [Unreleased] section names \`${coordinate}\``;
    return judged;
  }
  const versions = items.flatMap((item) => [...item.matchAll(DEPRECATED_IN)].map((match) => match[1]));
  const releasedVersion = versions.find((version) => changelog.releases.includes(version));
  if (!releasedVersion) {
    judged.refusal =
      versions.length === 0
        ? `its CHANGELOG.md item does not say "deprecated in X.Y.Z" (the release that deprecated it)`
        : `"deprecated in ${versions.join(', ')}" names no release of CHANGELOG.md`;
    return judged;
  }
  judged.deprecatedIn = releasedVersion;
  if (deprecationState(released, coordinate) === 'not deprecated') {
    judged.refusal = `\`${coordinate}\` is not @deprecated in the released schema: deprecate it in a release first, change it in a later one`;
  }
  return judged;
}

/** Compares the released schema with the current one and judges every breaking change against the changelog. */
export async function checkSchemaCompatibility(input: {
  releasedSdl: string;
  currentSdl: string;
  changelogText: string;
}): Promise<CompatibilityReport> {
  const released = buildSchema(input.releasedSdl);
  const current = buildSchema(input.currentSdl);
  const changelog = parseChangelog(input.changelogText);
  const changes = await diff(released, current);

  const problems: string[] = [];
  const releasedVersion = releasedSchemaVersion(input.releasedSdl);
  if (!releasedVersion) {
    problems.push(`${RELEASED_SCHEMA_FILE} does not start with "# Released schema of SkillAtlas X.Y.Z"`);
  } else if (changelog.releases[0] !== releasedVersion) {
    problems.push(
      `${RELEASED_SCHEMA_FILE} is release ${releasedVersion}, but the newest release of CHANGELOG.md is ${changelog.releases[0] ?? '(none)'}`,
    );
  }

  const breaking = changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => judgeBreakingChange(change, released, changelog));
  const dangerous = changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous);
  const safe = changes.filter((change) => change.criticality.level === CriticalityLevel.NonBreaking);
  const ok = problems.length === 0 && breaking.every((change) => change.refusal === undefined);
  return { breaking, dangerous, safe, problems, ok };
}

/** The report as the lines the command prints. */
export function describeReport(report: CompatibilityReport, releasedVersion = '?'): string[] {
  const lines = [
    `schema/schema.graphql against release ${releasedVersion}: ${report.breaking.length} breaking, ` +
      `${report.dangerous.length} dangerous, ${report.safe.length} safe changes`,
  ];
  for (const problem of report.problems) lines.push(`  ERROR ${problem}`);
  for (const change of report.breaking) {
    lines.push(
      change.refusal === undefined
        ? `  breaking, in CHANGELOG.md (deprecated in ${change.deprecatedIn}): ${change.message}`
        : `  BREAKING, refused: ${change.message}: ${change.refusal}`,
    );
  }
  for (const change of report.dangerous)
    lines.push(`  dangerous: ${change.message} (${change.criticality.reason ?? 'see graphql-inspector'})`);
  if (!report.ok) {
    lines.push(
      'Deprecate first (@deprecated in one release), remove or change in a later one, and record the change in CHANGELOG.md ' +
        '(its opening describes the format). Or keep the schema compatible.',
    );
  }
  return lines;
}

async function main(root: string): Promise<number> {
  let releasedSdl: string, currentSdl: string, changelogText: string;
  try {
    releasedSdl = readFileSync(join(root, RELEASED_SCHEMA_FILE), 'utf8');
    currentSdl = readFileSync(join(root, CURRENT_SCHEMA_FILE), 'utf8');
    changelogText = readFileSync(join(root, CHANGELOG_FILE), 'utf8');
  } catch (error) {
    console.error(`schema:check: ${(error as Error).message}`);
    return 2;
  }
  let report: CompatibilityReport;
  try {
    report = await checkSchemaCompatibility({ releasedSdl, currentSdl, changelogText });
  } catch (error) {
    console.error(`schema:check: a schema does not parse: ${(error as Error).message}`);
    return 2;
  }
  const lines = describeReport(report, releasedSchemaVersion(releasedSdl));
  (report.ok ? console.log : console.error)(lines.join('\n'));
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main(join(__dirname, '..')).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
