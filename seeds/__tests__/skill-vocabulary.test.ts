import { resolveSkillTerm } from '../../src/modules/skill-matching/skill-matcher';
import { normaliseSkillTerm } from '../../src/modules/skill/skill-term';
import { taxonomyVocabulary } from './helpers/read-with-adapter';

/**
 * The skill matcher's vocabulary over the seeded taxonomy (skills' names and aliases, then broad
 * terms): how every feed, the seed's included, turns technology, heading and topic names into skills.
 */
describe('the skill vocabulary of the taxonomy', () => {
  const { vocabulary } = taxonomyVocabulary;
  const slugsOf = (term: string) => resolveSkillTerm(term, vocabulary).skills;
  const byNameOrAlias = (term: string) => vocabulary.skillByKey.get(normaliseSkillTerm(term));

  it.each([
    ['Node.js', 'javascript-nodejs'],
    ['node js', 'javascript-nodejs'],
    ['NodeJS', 'javascript-nodejs'],
    ['Javascript', 'javascript-nodejs'],
    ['Typescript', 'typescript'],
    ['k8s', 'kubernetes'],
    ['Graph QL', 'graphql'],
    ['Postgres', 'postgresql'],
    ['pgsql', 'postgresql'],
    ['MariaDB', 'mysql'],
    ['C#', 'csharp'],
    ['C++', 'cpp'],
    ['C', 'c'],
    ['.NET', 'csharp'],
    ['Golang', 'go'],
    ['Bash / Shell', 'bash-shell-scripting'],
    ['HTML and CSS', 'html-css'],
    ['Algorithms & Data Structures', 'algorithms-data-structures'],
    ['Élastic', 'elasticsearch'],
    ['Sysadmin', 'server-administration'],
    ['HAProxy', 'load-balancing'],
  ])('maps %s to %s by name or alias', (term, slug) => {
    expect(byNameOrAlias(term)).toBe(slug);
  });

  it('keeps C, C# and C++ apart', () => {
    expect(new Set([slugsOf('C'), slugsOf('C#'), slugsOf('C++')].map((slugs) => slugs[0])).size).toBe(3);
  });

  it('knows a broad term as a broad term, not as a skill', () => {
    expect(byNameOrAlias('DevOps')).toBeUndefined();
    expect(resolveSkillTerm('DevOps', vocabulary).broad.map((term) => term.term)).toEqual(['DevOps']);
  });

  it('maps a compound term by its parts when the whole names nothing', () => {
    expect(byNameOrAlias('Docker & Kubernetes')).toBeUndefined();
    expect(slugsOf('Docker & Kubernetes')).toEqual(['docker', 'kubernetes']);
    expect(slugsOf('Python (Django)')).toEqual(['python', 'django']);
  });

  it('returns no skill for terms outside the taxonomy', () => {
    expect(resolveSkillTerm('Verilog / VHDL / SystemVerilog', vocabulary)).toEqual({ skills: [], broad: [] });
    expect(slugsOf('   ')).toEqual([]);
  });
});
