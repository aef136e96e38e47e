import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { Choices, type GeneratedRequest } from './fuzz-choices';
import { hostileDocument, persistedQuery, syntaxGarbage } from './fuzz-documents';
import { callerArbitrary, credentialHeaders, FuzzCase, withoutInternalDetail, type Caller } from './fuzz-requests';
import type { FuzzVocabulary } from './fuzz-target';

/** The published contract, as a schema to walk: operations are generated from what clients see. */
export function contractSchema(): GraphQLSchema {
  return buildSchema(readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
}

/** An enum value: a bare name in a literal, a string in JSON variables. */
class EnumName {
  constructor(readonly name: string) {}

  toJSON(): string {
    return this.name;
  }
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * A value as GraphQL literal syntax. A key that is not a name (`$gt`) loses its other characters
 * (`_gt`): kept as it is, it would make the whole document a syntax error, which the syntax family
 * covers, and the operation would never reach a resolver.
 */
function printLiteral(value: unknown): string {
  if (value instanceof EnumName) return value.name;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, member]) => `${NAME.test(key) ? key : `_${key.replace(/[^_0-9A-Za-z]/g, '_')}`}: ${printLiteral(member)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // The generators make nothing else (no symbols, no functions).
  throw new Error(`printLiteral: no GraphQL literal for a ${typeof value}`);
}

// 9007199254740992 is 2 ** 53, the first integer past which doubles skip integers.
const INT_VALUES = [
  0, 1, 2, 3, 5, 8, 20, 24, 25, 50, 100, 101, 200, 1000, -1, -2147483648, 2147483647, 2147483648, 9007199254740992, 1.5, 1e21,
];
const FLOAT_VALUES = [0, 0.5, 4.5, 19.99, 100, -1, -0.0001, 1e308, -1e308, 5e-324, 2147483648];
/** Valid values first: a strict document takes those only. */
const DATE_VALUES = [
  '2025-06-02',
  '2026-12-01',
  '1970-01-01',
  '9999-12-31',
  '2025-02-30',
  '2025-13-45',
  '0000-00-00',
  '+275760-09-13',
  '99999-01-01',
  '2025-06-02T10:00:00Z',
  'yesterday',
  '',
  20250602,
  -1,
];
const DATE_TIME_VALUES = [
  '2025-06-02T10:00:00Z',
  '2025-06-02T10:00:00.000+02:00',
  '2025-06-02',
  '2025-06-02T25:61:61Z',
  'now',
  '',
  0,
  1e20,
];
const isInt32 = (value: number) => Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
const SEARCH_WORDS = ['python', 'kubernets', 'kube', 'k8s', 'postgres', 'docker', 'javascript testing', 'the a of', '', '   ', '!!!', 'ab'];

/** Strings that have broken servers before: operators, regex metacharacters, injections, odd unicode, edges of lengths. */
const ADVERSARIAL_STRINGS = [
  '{"$gt":""}',
  '{"$ne":null}',
  '$where',
  '$regex',
  '$gt',
  '.*',
  '^',
  '$',
  '(a+)+$',
  '([a-zA-Z]+)*',
  '[',
  '(',
  '\\',
  '\\\\',
  '*',
  '+?',
  '|',
  "'; DROP TABLE resources; --",
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '%00',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\ufeff',
  '\u00a0',
  'Ω≈ç√∫',
  '😀'.repeat(60),
  ' ',
  '',
  '   \t\n',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'https://',
  'javascript:alert(1)',
  'http://127.0.0.1:6379/',
  'ftp://example.com/x',
  'a'.repeat(101),
  'a'.repeat(201),
  'İ',
  'ß',
  'ﬁ',
  'C++',
  'C#',
  '.NET',
  'node.js',
];

const NODE_TYPE_NAMES = ['Category', 'Skill', 'Role', 'Provider', 'Course', 'OpenSourceProject', 'Event'];

/** The state of one generated document: its choices, variables, fragments and budgets. */
class DocumentBuilder {
  readonly variables: Record<string, unknown> = {};
  readonly variableDefinitions: string[] = [];
  readonly fragments: string[] = [];
  private selections = 0;
  /**
   * At most one huge value (a long list or string) in one document of seven: several, nested, would
   * run to gigabytes, and big bodies are slow to send.
   */
  private hugeValueUsed: boolean;
  private aliases = 0;
  private readonly orderingNames: string[];

  constructor(
    readonly choices: Choices,
    private readonly schema: GraphQLSchema,
    private readonly vocabulary: FuzzVocabulary,
    /**
     * A strict document is valid GraphQL: only its argument values are hostile (within their types), so
     * it reaches the resolvers. Otherwise anything goes (typos, wrong types, bad directives and fragments).
     */
    private readonly strict: boolean,
    /** Selections deeper than this are leaves only: mostly within MAX_QUERY_DEPTH (12), sometimes beyond it. */
    private readonly maxDepth: number,
  ) {
    this.hugeValueUsed = !choices.percent(15);
    this.orderingNames = vocabulary.cursors.map(
      (cursor) => (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[])[1] as string,
    );
  }

  /** True `percent` times in a hundred, never in a strict document: a choice that makes the document invalid. */
  private sloppy(percent: number): boolean {
    return !this.strict && this.choices.percent(percent);
  }

  selectionSet(type: GraphQLCompositeType, depth: number): string {
    const c = this.choices;
    // Wide near the root, narrow below, and a budget: the document stays within what a client sends.
    // A strict document stays narrower still: the cost limit (graphql-armor, 1.5× per level) must let most through.
    const width = this.strict ? (depth === 0 ? 3 : depth < 3 ? 2 : 1) : depth < 3 ? 4 : 2;
    const count = this.selections > 120 ? 1 : c.integer(1, width);
    const parts = Array.from({ length: count }, () => this.selection(type, depth));
    return `{ ${parts.join(' ')} }`;
  }

  private selection(type: GraphQLCompositeType, depth: number): string {
    const c = this.choices;
    this.selections += 1;
    const roll = c.integer(0, 99);
    if (roll < 3) return '__typename';
    if (roll < 25 && (isInterfaceType(type) || isUnionType(type))) {
      const concrete = c.pick(this.schema.getPossibleTypes(type));
      return `... on ${concrete.name} ${this.selectionSet(concrete, depth)}`;
    }
    if (roll < 30 && this.selections < 100) return this.fragmentSpread(type, depth);
    if (isUnionType(type)) return '__typename';
    const fields = Object.values(type.getFields());
    const candidates = depth >= this.maxDepth ? fields.filter((field) => isLeafType(getNamedType(field.type))) : fields;
    if (candidates.length === 0) return '__typename';
    return this.fieldSelection(c.pick(candidates), depth);
  }

  private fieldSelection(field: GraphQLField<unknown, unknown>, depth: number): string {
    const c = this.choices;
    // A strict document aliases every field with arguments apart: two of one name with different arguments would conflict.
    const aliased = (this.strict && field.args.length > 0) || c.percent(10);
    const alias = aliased
      ? `${c.pick(['a', 'x', '__proto__', 'constructor', 'data', 'errors'])}${this.strict ? this.aliases++ : c.integer(0, 40)}: `
      : '';
    const name = this.sloppy(3) ? misspell(c, field.name) : field.name;
    const directives = c.percent(8) ? ` ${this.directive()}` : '';
    const named = getNamedType(field.type);
    let subselection = '';
    if (isCompositeType(named)) subselection = this.sloppy(2) ? '' : ` ${this.selectionSet(named, depth + 1)}`;
    else if (this.sloppy(2)) subselection = ' { id }';
    return `${alias}${name}${this.argumentsOf(field.args)}${directives}${subselection}`;
  }

  private fragmentSpread(type: GraphQLCompositeType, depth: number): string {
    const c = this.choices;
    // An earlier fragment may be an enclosing one: a cycle.
    if (this.fragments.length > 0 && this.sloppy(15)) return `...F${c.integer(0, this.fragments.length - 1)}`;
    if (this.sloppy(5)) return '...Missing';
    const index = this.fragments.length;
    this.fragments.push('');
    const condition = this.sloppy(5) ? c.pick(['Query', 'Mutation', 'Course', 'PageInfo', 'Nope', 'String']) : type.name;
    this.fragments[index] = `fragment F${index} on ${condition} ${this.selectionSet(type, depth)}`;
    return `...F${index}`;
  }

  private directive(): string {
    const c = this.choices;
    if (this.strict)
      return `@${c.pick(['skip', 'include'])}(if: ${c.percent(50) ? this.variable('Boolean!', c.percent(50)) : String(c.percent(50))})`;
    const condition = c.percent(20)
      ? this.variable(c.pick(['Boolean!', 'Boolean']), c.pick([true, false, 'yes', null, 1, [true]]))
      : c.pick(['true', 'false', '"garbage"', '1', 'null', '[true]', '{a: 1}']);
    return c.pick([
      `@skip(if: ${condition})`,
      `@include(if: ${condition})`,
      '@skip',
      '@include(if: true) @include(if: false)',
      `@skip(if: ${condition}, extra: 1)`,
      '@unknown',
      '@deprecated',
      '@specifiedBy(url: "x")',
      '@defer',
      '@stream(initialCount: 1)',
    ]);
  }

  private argumentsOf(args: readonly GraphQLArgument[]): string {
    const c = this.choices;
    const parts: string[] = [];
    for (const argument of args) {
      const required = isNonNullType(argument.type) && argument.defaultValue === undefined;
      if (required ? this.sloppy(4) : !c.percent(45)) continue;
      const name = this.sloppy(2) ? misspell(c, argument.name) : argument.name;
      parts.push(`${name}: ${this.argumentValue(argument.type, argument.name)}`);
    }
    if (this.sloppy(3)) parts.push(`${c.pick(['unknown', 'limit', 'where', 'skip'])}: ${c.pick(['1', '"x"', '{a: 1}'])}`);
    if (this.sloppy(2) && parts.length > 0) parts.push(parts[0]);
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  /** An argument as an inline literal, or (three times in ten) as a variable whose JSON value may not match its type. */
  private argumentValue(type: GraphQLInputType, argumentName: string): string {
    const c = this.choices;
    const value = this.inputValue(type, argumentName, 0);
    if (!c.percent(30)) return printLiteral(value);
    const declared = !this.sloppy(10)
      ? String(type)
      : c.pick(['String', 'Int!', '[ID!]!', 'ResourceFilter', 'Boolean', 'Unknown', '[[String]]', 'Query']);
    return this.variable(declared, value);
  }

  /** Declares a variable of `declaredType` with `value` (left out now and then: a missing variable is an input too). */
  private variable(declaredType: string, value: unknown): string {
    const name = `v${this.variableDefinitions.length}`;
    this.variableDefinitions.push(`$${name}: ${declaredType}${this.sloppy(3) ? ' = "default"' : ''}`);
    if (!this.sloppy(5)) this.variables[name] = value;
    return `$${name}`;
  }

  private inputValue(type: GraphQLInputType, argumentName: string, depth: number): unknown {
    const c = this.choices;
    if (this.sloppy(2)) return c.pick<unknown>([{ $gt: '' }, { $where: 'sleep(1000)' }, ['x'], 'x', 0, -1, true, null, {}, [], [[[[]]]]]);
    if (isNonNullType(type)) return this.sloppy(3) ? null : this.inputValue(type.ofType, argumentName, depth);
    if (isListType(type)) {
      const roll = c.integer(0, 99);
      // Long lists of one element: of scalars up to 20,000 (ids, tags), of input objects 101 (one past the documented limits).
      if (roll < 4 && this.takeHugeValue()) {
        const element = this.inputValue(type.ofType, argumentName, depth + 1);
        return Array.from({ length: isLeafType(getNamedType(type.ofType)) ? c.pick([101, 1_000, 20_000]) : 101 }, () => element);
      }
      if (roll < 10) return this.inputValue(type.ofType, argumentName, depth + 1);
      return Array.from({ length: c.integer(0, 3) }, () => this.inputValue(type.ofType, argumentName, depth + 1));
    }
    if (isEnumType(type)) {
      const values = type.getValues().map((value) => value.name);
      return new EnumName(!this.sloppy(10) ? c.pick(values) : c.pick(['BANANA', 'null', 'true', '__proto__', values[0].toLowerCase()]));
    }
    if (isInputObjectType(type)) {
      if (depth > 4) return null;
      const result: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        if (required ? !this.sloppy(4) : c.percent(40)) result[field.name] = this.inputValue(field.type, field.name, depth + 1);
      }
      if (this.sloppy(4))
        result[c.pick(['unknownField', '__proto__', 'constructor', 'toString', '$where'])] = c.pick<unknown>([1, 'x', { $gt: '' }]);
      return result;
    }
    return this.scalarValue(type.name, argumentName);
  }

  private scalarValue(scalar: string, argumentName: string): unknown {
    const c = this.choices;
    switch (scalar) {
      case 'Int':
        return c.percent(85) ? c.pick(this.strict ? INT_VALUES.filter(isInt32) : INT_VALUES) : c.integer(-2_000_000_000, 2_000_000_000);
      case 'Float':
        return c.pick(FLOAT_VALUES);
      case 'Boolean':
        return this.sloppy(5) ? c.pick(['true', 0, 1]) : c.percent(50);
      case 'ID':
        return this.idValue();
      case 'Date':
        return c.pick(this.strict ? DATE_VALUES.slice(0, 4) : DATE_VALUES);
      case 'DateTime':
      case 'DateTimeISO':
        return c.pick(this.strict ? DATE_TIME_VALUES.slice(0, 2) : DATE_TIME_VALUES);
    }
    if (argumentName === 'after') return this.cursorValue();
    if (/query|prefix|name/i.test(argumentName) && c.percent(50)) return c.pick(SEARCH_WORDS);
    return this.stringValue();
  }

  private stringValue(): string {
    const c = this.choices;
    const roll = c.integer(0, 99);
    if (roll < 30) return c.pick(this.vocabulary.slugs);
    if (roll < 55) return c.pick(ADVERSARIAL_STRINGS);
    if (roll < 75) return c.text(40);
    if (roll < 80 && this.takeHugeValue()) return c.pick(['a', 'k8s ', 'ü']).repeat(c.pick([1_000, 10_000, 100_000]));
    if (roll < 80) return c.pick(ADVERSARIAL_STRINGS);
    if (roll < 90) return c.pick(this.vocabulary.globalIds);
    return c.pick(SEARCH_WORDS);
  }

  private takeHugeValue(): boolean {
    if (this.hugeValueUsed) return false;
    this.hugeValueUsed = true;
    return true;
  }

  private idValue(): string {
    const c = this.choices;
    if (c.percent(60)) return c.pick(this.vocabulary.globalIds);
    const hex = c.pick([
      '0123456789abcdef01234567',
      '000000000000000000000000',
      'ffffffffffffffffffffffff',
      'zzzzzzzzzzzzzzzzzzzzzzzz',
      '0123456789ABCDEF01234567',
      '0123456789abcdef0123456',
      '',
    ]);
    const typeName = c.pick([...NODE_TYPE_NAMES, 'Resource', 'ApiKey', 'User', 'course', '', '__proto__']);
    return c.pick([
      Buffer.from(`${typeName}:${hex}`).toString('base64url'),
      Buffer.from(`${typeName}:${hex}`).toString('base64'),
      Buffer.from(`${typeName}:${hex}:extra`).toString('base64url'),
      `${c.pick(this.vocabulary.globalIds)}=`,
      c.pick(this.vocabulary.globalIds).toLowerCase(),
      c.text(30),
      c.pick(ADVERSARIAL_STRINGS),
    ]);
  }

  private cursorValue(): string {
    const c = this.choices;
    if (c.percent(40)) return c.pick(this.vocabulary.cursors);
    const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const hex = c.pick(['0123456789abcdef01234567', 'ffffffffffffffffffffffff', 'x', '']);
    const value = c.pick<unknown>([
      null,
      0,
      -1,
      1e308,
      'x',
      '',
      '{"$gt":""}',
      { $date: 'not a date' },
      { $date: '2025-01-01' },
      { $date: 1 },
      { $gt: '' },
      [1],
      true,
      'a'.repeat(600),
    ]);
    return c.pick([
      forged([1, c.pick([...this.orderingNames, 'createdAt', 'x']), value, hex]),
      forged([c.pick([0, 2, '1', null]), c.pick(this.orderingNames), value, hex]),
      forged([1, c.pick(this.orderingNames), value]),
      forged({ 0: 1 }),
      Buffer.from(`${'['.repeat(360)}${']'.repeat(360)}`).toString('base64url'),
      Buffer.from(`${'{"a":'.repeat(150)}1${'}'.repeat(150)}`).toString('base64url'),
      `${c.pick(this.vocabulary.cursors)}==`,
      c.text(30),
      'A'.repeat(c.pick([999, 1000, 1001, 50_000])),
    ]);
  }

  /** The operation (with its variable definitions) followed by its fragments. */
  document(kind: 'query' | 'mutation' | 'subscription', name: string | undefined, selectionSet: string): string {
    const definitions = this.variableDefinitions.length > 0 ? `(${this.variableDefinitions.join(', ')})` : '';
    const header =
      kind === 'query' && !name && !definitions && this.choices.percent(50) ? '' : `${kind}${name ? ` ${name}` : ''}${definitions} `;
    return [`${header}${selectionSet}`, ...this.fragments].join('\n');
  }
}

/** A field, argument or type name with one typo: in production the answer must not suggest the real one. */
function misspell(c: Choices, name: string): string {
  const at = c.integer(0, name.length - 1);
  return c.pick([name.slice(0, at) + name.slice(at + 1), `${name.slice(0, at)}x${name.slice(at)}`, name.toUpperCase(), `${name}s`]);
}

/**
 * One operation from the schema: random selections (aliases, fragments, directives, inline
 * fragments on abstract types, misspellings), random and wrong arguments, inline or as variables.
 */
function generatedOperation(c: Choices, schema: GraphQLSchema, vocabulary: FuzzVocabulary, kind: 'query' | 'mutation'): GeneratedRequest {
  const strict = c.percent(60);
  const builder = new DocumentBuilder(c, schema, vocabulary, strict, strict ? c.integer(2, 5) : c.pick([2, 3, 4, 5, 6, 8, 13, 16]));
  const root = kind === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
  const selectionSet = builder.selectionSet(root, 0);
  const name = c.percent(50) ? c.pick(['Q', 'Fuzz', 'A_b', '__x']) : undefined;
  let query = builder.document(kind, name, selectionSet);
  if (strict) return { query, variables: builder.variables, operationName: name };
  if (c.percent(5)) query += '\nquery Other { __typename }';
  if (c.percent(3)) query += `\nfragment Unused on Query { __typename }`;
  const operationName = c.percent(85) ? name : c.pick<unknown>(['Other', 'Missing', '', null, 7, ['Q']]);
  return { query, variables: builder.variables, operationName };
}

/** The request carrying `generated`: a JSON POST mostly, else a GET with URL parameters (with the CSRF preflight header). */
function requestFor(c: Choices, family: string, generated: GeneratedRequest, caller: Caller, vocabulary: FuzzVocabulary): FuzzCase {
  const headers = credentialHeaders(caller, vocabulary);
  if (c.percent(12)) {
    const parameters = new URLSearchParams();
    for (const [key, value] of Object.entries(generated)) {
      if (value !== undefined) parameters.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    return new FuzzCase(family, {
      method: 'GET',
      target: `/graphql?${parameters.toString()}`,
      headers: [['Apollo-Require-Preflight', 'true'], ...headers],
      body: Buffer.alloc(0),
      framing: { kind: 'content-length' },
    });
  }
  return new FuzzCase(family, {
    method: 'POST',
    target: '/graphql',
    headers: [['Content-Type', 'application/json'], ...headers],
    body: Buffer.from(JSON.stringify(generated)),
    framing: { kind: 'content-length' },
  });
}

/** Family 3: operations generated from the schema, hostile documents, persisted queries and syntax garbage. */
export function operationCases(vocabulary: FuzzVocabulary): Record<string, fc.Arbitrary<FuzzCase>> {
  const schema = contractSchema();
  const cases = (
    family: string,
    build: (c: Choices, caller: Caller) => GeneratedRequest,
    callers: fc.Arbitrary<Caller> = callerArbitrary(),
  ) =>
    withoutInternalDetail(
      // The generator last: fast-check 4.11 clones a tuple only up to its last cloneable member (fc.gen is one), dropping what follows.
      fc.tuple(callers, fc.gen()).map(([caller, draw]) => {
        const c = new Choices(draw);
        return requestFor(c, family, build(c, caller), caller, vocabulary);
      }),
    );
  const mutationCallers = fc.constantFrom<Caller>('anonymous', 'admin', 'admin', 'admin', 'partner', 'analyst');
  return {
    'queries from the schema': cases('query', (c) => generatedOperation(c, schema, vocabulary, 'query')),
    'mutations from the schema, with and without credentials': cases(
      'mutation',
      (c) => generatedOperation(c, schema, vocabulary, 'mutation'),
      mutationCallers,
    ),
    'hostile document shapes': cases('hostile document', (c) => hostileDocument(c)),
    'persisted queries': cases('persisted query', (c) =>
      persistedQuery(c, generatedOperation(c, schema, vocabulary, 'query'), vocabulary.knownQueryHash),
    ),
    'syntax garbage': cases('syntax', (c) => syntaxGarbage(c)),
  };
}
