import { matchSkills } from '../../src/modules/ingestion/normalise';
import { normaliseSkillTerm } from '../../src/modules/skill/skill-term';
import { taxonomyVocabulary } from './helpers/read-with-adapter';

/**
 * The ingestion vocabulary over the seeded taxonomy (skills' names and aliases, then broad terms):
 * how every feed, the seed's included, turns technology, heading and topic names into skills.
 */
describe('the skill vocabulary of the taxonomy', () => {
  const { vocabulary } = taxonomyVocabulary;
  const slugsOf = (term: string) => matchSkills([term], vocabulary).skillIds;
  const byNameOrAlias = (term: string) => vocabulary.get(normaliseSkillTerm(term));

  it.each([
    ['Node.js', 'javascript-nodejs'],
    ['node js', 'javascript-nodejs'],
    ['NodeJS', 'javascript-nodejs'],
    ['Javascript', 'javascript-nodejs'],
    ['Typescript', 'typescript'],
    ['k8s', 'kubernetes'],
    ['Graph QL', 'graphql'],
    ['Postgres', 'postgresql'],
    ['C#', 'csharp'],
    ['C++', 'cpp'],
    ['C', 'c'],
    ['.NET', 'csharp'],
    ['Golang', 'go'],
    ['Bash / Shell', 'bash-shell-scripting'],
    ['HTML and CSS', 'html-css'],
    ['Algorithms & Data Structures', 'algorithms-data-structures'],
    ['Élastic', 'elasticsearch'],
  ])('maps %s to %s by name or alias', (term, slug) => {
    expect(byNameOrAlias(term)).toBe(slug);
  });

  it('keeps C, C# and C++ apart', () => {
    expect(new Set([slugsOf('C'), slugsOf('C#'), slugsOf('C++')].map((slugs) => slugs[0])).size).toBe(3);
  });

  it('maps a broad term to several skills', () => {
    expect(byNameOrAlias('DevOps')).toEqual(['ci-cd', 'infrastructure-as-code', 'monitoring-logging']);
  });

  it('maps a compound term by its parts when the whole names nothing', () => {
    expect(byNameOrAlias('Docker & Kubernetes')).toBeUndefined();
    expect(slugsOf('Docker & Kubernetes')).toEqual(['docker', 'kubernetes']);
    expect(slugsOf('Python (Django)')).toEqual(['python', 'django']);
  });

  it('returns no skill for terms outside the taxonomy', () => {
    expect(matchSkills(['Verilog / VHDL / SystemVerilog'], vocabulary)).toEqual({
      skillIds: [],
      unmapped: ['Verilog / VHDL / SystemVerilog'],
    });
    expect(slugsOf('   ')).toEqual([]);
  });

  it('unions skills in first-seen order and lists the terms it could not map', () => {
    expect(matchSkills(['Python', 'Lua', 'python', 'Go', 'lua'], vocabulary)).toEqual({
      skillIds: ['python', 'go'],
      unmapped: ['Lua', 'lua'],
    });
  });
});
