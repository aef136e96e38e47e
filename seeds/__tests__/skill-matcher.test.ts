import { createSkillMatcher, TermTally } from '../skill-matcher';
import { taxonomy } from '../taxonomy';

describe('createSkillMatcher', () => {
  const matcher = createSkillMatcher(taxonomy);
  const slugsOf = (term: string) => matcher.match(term).skillSlugs;

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
    expect(matcher.match(term)).toEqual({ skillSlugs: [slug], method: 'name-or-alias' });
  });

  it('keeps C, C# and C++ apart', () => {
    expect(new Set([slugsOf('C'), slugsOf('C#'), slugsOf('C++')].map((slugs) => slugs[0])).size).toBe(3);
  });

  it('maps a broad term to several skills', () => {
    expect(matcher.match('DevOps')).toEqual({ skillSlugs: ['ci-cd', 'infrastructure-as-code', 'monitoring-logging'], method: 'broad-term' });
  });

  it('maps a compound term by its parts when the whole names nothing', () => {
    expect(matcher.match('Docker & Kubernetes')).toEqual({ skillSlugs: ['docker', 'kubernetes'], method: 'parts' });
    expect(matcher.match('Python (Django)')).toEqual({ skillSlugs: ['python', 'django'], method: 'parts' });
  });

  it('returns no skill for terms outside the taxonomy', () => {
    expect(matcher.match('Verilog / VHDL / SystemVerilog')).toEqual({ skillSlugs: [], method: 'none' });
    expect(matcher.match('   ')).toEqual({ skillSlugs: [], method: 'none' });
  });

  it('matchAll unions skills in first-seen order and tallies the terms it could not map', () => {
    const unmapped = new TermTally();
    expect(matcher.matchAll(['Python', 'Lua', 'python', 'Go', 'lua'], unmapped)).toEqual(['python', 'go']);
    expect(unmapped.entries()).toEqual([{ term: 'Lua', count: 2 }]);
  });
});

describe('TermTally', () => {
  it('groups spellings of one term and sorts by count, then alphabetically', () => {
    const tally = new TermTally();
    tally.add('b');
    tally.add('Markdown');
    tally.add('markdown', 2);
    tally.add('a');
    expect(tally.entries()).toEqual([
      { term: 'Markdown', count: 3 },
      { term: 'a', count: 1 },
      { term: 'b', count: 1 },
    ]);
  });
});
