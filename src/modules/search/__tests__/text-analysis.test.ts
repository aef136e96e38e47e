import { computeSearchFields } from '../search-fields';
import {
  analyseQuery,
  applySkillVocabulary,
  applyTitleVocabulary,
  candidateFilter,
  MAX_QUERY_TERMS,
  typoLookupKeys,
} from '../search-query';
import { deletionKeys, prefixesOf, splitWords, stemToken, tokenize } from '../text-analysis';

describe('tokenize', () => {
  it('lower-cases, strips accents and drops stop words', () => {
    expect(tokenize('The Introduction to Café Programming')).toEqual(['introduction', 'caf', 'program']);
  });

  it('keeps programming-language spellings that punctuation would destroy', () => {
    expect(tokenize('C++ and C# for .NET developers')).toEqual(['cpp', 'csharp', 'dotnet', 'developer']);
    expect(tokenize('ASP.NET Core')).toEqual(['asp', 'dotnet', 'cor']);
    expect(tokenize('F# basics')).toEqual(['fsharp', 'basic']);
  });

  it('gives dotted and hyphenated names their parts and their joined form', () => {
    expect(splitWords('Node.js')).toEqual(['node', 'js', 'nodejs']);
    expect(splitWords('front-end')).toEqual(['front', 'end', 'frontend']);
    // A URL is not a compound name.
    expect(splitWords('https://example.com/a-b')).not.toContain('examplecom');
  });

  it('treats operator-looking input as plain words', () => {
    expect(tokenize('.*')).toEqual([]);
    expect(tokenize('$where')).toEqual([]);
    expect(tokenize('{"$gt": ""}')).toEqual(['gt']);
  });

  it('cuts absurdly long words', () => {
    expect(tokenize('x'.repeat(500))[0]).toHaveLength(40);
  });
});

describe('stemToken', () => {
  it.each([
    ['testing', 'test'],
    ['tests', 'test'],
    ['tested', 'test'],
    ['libraries', 'library'],
    ['library', 'library'],
    ['programming', 'program'],
    ['classes', 'class'],
    ['class', 'class'],
    ['status', 'status'],
    ['databases', 'databas'],
    ['database', 'databas'],
    ['caching', 'cach'],
    ['cache', 'cach'],
    ['kubernetes', 'kubernet'],
    ['string', 'string'],
    ['js', 'js'],
    ['aws', 'aws'],
    ['es2015', 'es2015'],
    ['python3', 'python3'],
  ])('%s → %s', (word, stem) => {
    expect(stemToken(word)).toBe(stem);
  });
});

describe('prefixes and deletion keys', () => {
  it('prefixes run from 2 to 15 characters', () => {
    expect(prefixesOf('kube')).toEqual(['ku', 'kub', 'kube']);
    expect(prefixesOf('a')).toEqual([]);
    expect(prefixesOf('internationalisation').at(-1)).toBe('internationalis');
  });

  it('one typo (insertion, deletion, substitution, transposition) shares a key', () => {
    const stored = new Set(deletionKeys('kubernetes'));
    for (const typo of ['kubernets', 'kubernetess', 'kubernetis', 'kubrenetes']) {
      expect(deletionKeys(typo).some((key) => stored.has(key))).toBe(true);
    }
    expect(deletionKeys('kubernetes').some((key) => new Set(deletionKeys('kubecon')).has(key))).toBe(false);
    expect(deletionKeys('java')).toEqual([]);
  });
});

describe('computeSearchFields', () => {
  const fields = computeSearchFields({
    title: 'Kubernetes in Action',
    description: 'Deploying containers at scale.',
    tags: ['devops'],
    providerName: 'Udemy',
    skills: [{ name: 'Kubernetes', aliases: ['k8s', 'Helm'] }],
  });

  it('fills every field, sorted, deterministically', () => {
    expect(fields.searchTitleTokens).toEqual(['action', 'kubernet']);
    expect(fields.searchSkillTokens).toEqual(['helm', 'k8s', 'kubernet']);
    expect(fields.searchBodyTokens).toEqual(['container', 'deploy', 'devop', 'scal', 'udemy']);
    expect(fields.searchPrefixes).toEqual([
      'ac',
      'act',
      'acti',
      'actio',
      'action',
      'ku',
      'kub',
      'kube',
      'kuber',
      'kubern',
      'kuberne',
      'kubernet',
      'kubernete',
      'kubernetes',
    ]);
    expect(fields.searchFuzzyKeys).toEqual(expect.arrayContaining(['kubernetes', 'kubernets', 'action', 'actin']));
    expect(fields.searchFuzzyKeys).not.toContain('k8s');
    expect(
      computeSearchFields({
        title: 'Kubernetes in Action',
        description: 'Deploying containers at scale.',
        tags: ['devops'],
        providerName: 'Udemy',
        skills: [{ name: 'Kubernetes', aliases: ['k8s', 'Helm'] }],
      }),
    ).toEqual(fields);
  });
});

describe('analyseQuery', () => {
  it('refuses empty and over-long queries', () => {
    expect(() => analyseQuery('   ')).toThrow(/must not be empty/);
    expect(() => analyseQuery('a'.repeat(10_000))).toThrow(/at most 200 characters/);
  });

  it('caps the number of terms', () => {
    const words = Array.from({ length: 30 }, (_, index) => `word${index}`).join(' ');
    expect(analyseQuery(words).terms).toHaveLength(MAX_QUERY_TERMS);
  });

  it('matches the last term as a prefix only while it is being typed', () => {
    expect(analyseQuery('docker kube').terms.map((term) => term.prefix)).toEqual([null, 'kube']);
    expect(analyseQuery('docker kube ').terms.map((term) => term.prefix)).toEqual([null, null]);
  });

  it('finds candidates with one $in on searchKeys, behind the same test as an expression', () => {
    const { Types } = jest.requireActual('mongoose');
    const kubernetes = { _id: new Types.ObjectId(), name: 'Kubernetes', aliases: ['k8s'], matchKeys: ['kubernetes', 'k8s'] };
    const terms = applySkillVocabulary(analyseQuery('kubernets'), [kubernetes]);
    expect(typoLookupKeys(terms)).toEqual(expect.arrayContaining(['kubernets', 'kubernes', 'ubernets']));
    // Of its ten deletion keys, the title vocabulary knows "kubernets" (a key of "kubernetes"): only it is looked up.
    const typo = candidateFilter(applyTitleVocabulary(terms, new Set(['kubernets', 'unrelated'])))!;
    // Expression first (mongo-java-server tests conditions in order), then the indexable `$in`.
    expect(Object.keys(typo)).toEqual(['$expr', 'searchKeys']);
    const keys = (typo.searchKeys as { $in: string[] }).$in;
    expect(keys).toEqual(expect.arrayContaining(['w:kubernet', 'p:kubernets', 'f:kubernets', `k:${String(kubernetes._id)}`]));
    expect(keys.filter((key) => key.startsWith('f:'))).toEqual(['f:kubernets']);
    // No title word one typo away: no typo keys at all.
    const unknown = (candidateFilter(applyTitleVocabulary(terms, new Set()))!.searchKeys as { $in: string[] }).$in;
    expect(unknown.filter((key) => key.startsWith('f:'))).toEqual([]);
    // A word naming a skill is spelt right: no typo keys, and the skill's id and synonyms instead.
    expect(typoLookupKeys(applySkillVocabulary(analyseQuery('kubernetes'), [kubernetes]))).toEqual([]);
    const named = (candidateFilter(applySkillVocabulary(analyseQuery('k8s '), [kubernetes]))!.searchKeys as { $in: string[] }).$in;
    expect(named.sort()).toEqual(['w:k8s', 'w:kubernet', `k:${String(kubernetes._id)}`].sort());
  });

  it('does not treat a word that names a skill as a typo of another skill’s word', () => {
    const { Types } = jest.requireActual('mongoose');
    const azure = { _id: new Types.ObjectId(), name: 'Azure', aliases: [], matchKeys: ['azure'] };
    const kubernetes = { _id: new Types.ObjectId(), name: 'Kubernetes', aliases: ['Azure AKS'], matchKeys: ['kubernetes', 'azure aks'] };
    const [term] = applySkillVocabulary(analyseQuery('azure '), [azure, kubernetes]);
    expect(term.skillIds.map(String)).toEqual([String(azure._id)]);
    expect(term.nearSkillIds).toEqual([]);
    // A word that names no skill still reaches a skill one typo away.
    const [typo] = applySkillVocabulary(analyseQuery('azzure '), [azure, kubernetes]);
    expect(typo.nearSkillIds.map(String)).toEqual(expect.arrayContaining([String(azure._id)]));
  });

  it('finds nothing for a query of stop words or punctuation', () => {
    expect(candidateFilter(analyseQuery('.*').terms)).toBeNull();
    expect(candidateFilter(analyseQuery('to the').terms)).toBeNull();
  });

  it('credits a synonym to the first word of the run that names it', () => {
    const analysed = analyseQuery('learn data structures');
    expect(analysed.synonymKeys).toEqual(expect.arrayContaining([{ key: 'data structures', termIndex: 1 }]));
    const { Types } = jest.requireActual('mongoose');
    const terms = applySkillVocabulary(analysed, [
      { _id: new Types.ObjectId(), name: 'Data Structures & Algorithms', aliases: ['DSA', 'Algorithms'], matchKeys: ['data structures'] },
    ]);
    // One-word names and aliases only: the words of "Data Structures & Algorithms" would match alone.
    expect(terms[1]).toMatchObject({ exactTokens: ['data'], synonymTokens: [], aliasTokens: ['dsa', 'algorithm'], weight: 2 });
    expect(terms[2]).toMatchObject({ exactTokens: ['structur'], synonymTokens: [], aliasTokens: [], weight: 1 });
  });
});
