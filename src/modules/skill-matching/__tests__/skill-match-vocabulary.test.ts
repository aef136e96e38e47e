import { matchSkillLinks, resolveSkillTerm } from '../skill-matcher';
import { buildSkillMatchVocabulary } from '../skill-match-vocabulary';
import { mentionsIn, tokensOf } from '../text-mentions';

// A hand-made vocabulary: the rules of the vocabulary and of text matching, apart from the taxonomy
// (seeds/__tests__/skill-matcher.test.ts runs the matcher over the real one).
const vocabulary = buildSkillMatchVocabulary(
  [
    { slug: 'go', matchKeys: ['go', 'golang'] },
    { slug: 'java', matchKeys: ['java'] },
    { slug: 'javascript', matchKeys: ['javascript', 'js'] },
    { slug: 'spring-boot', matchKeys: ['spring boot', 'spring'] },
    { slug: 'shadow', matchKeys: ['golang'] },
  ],
  [
    { term: 'Backend', skills: ['go', 'java', 'no-such-skill'], cues: { java: ['jvm'] } },
    { term: 'Java', skills: ['javascript'], implies: true },
  ],
);

describe('the skill match vocabulary', () => {
  it('gives a key to the first skill that has it, and adds slugs as keys', () => {
    expect(vocabulary.skillByKey.get('golang')).toBe('go');
    expect(vocabulary.skillByKey.get('shadow')).toBe('shadow');
    expect(vocabulary.keysBySkill.get('shadow')).toEqual(['shadow']);
  });

  it('drops a broad term that is a skill name and the unknown skills of a broad term', () => {
    expect(vocabulary.broadByKey.has('java')).toBe(false);
    expect(vocabulary.broadByKey.get('backend')?.skills).toEqual(['go', 'java']);
    expect(vocabulary.maxKeyWords).toBe(2);
  });

  it('resolves a compound term by its parts', () => {
    expect(resolveSkillTerm('Go / Backend', vocabulary)).toMatchObject({ skills: ['go'], broad: [{ term: 'Backend' }] });
  });
});

describe('text mentions', () => {
  it('keeps the spelling and the character before each word', () => {
    expect(tokensOf('Hello, Vue.js!').map((token) => [token.text, token.before])).toEqual([
      ['Hello', ''],
      ['Vue', ' '],
      ['js', '.'],
    ]);
  });

  it('matches whole words, the longest first, with the guards for ambiguous names', () => {
    expect(mentionsIn('JavaScript for Java developers', vocabulary).map((mention) => mention.skill)).toEqual(['javascript', 'java']);
    expect(mentionsIn('Spring Boot in Action', vocabulary).map((mention) => mention.skill)).toEqual(['spring-boot']);
    expect(mentionsIn('Spring cleaning', vocabulary)).toEqual([]);
    expect(mentionsIn('Learn Go', vocabulary).map((mention) => mention.skill)).toEqual(['go']);
    expect(mentionsIn('Go home', vocabulary)).toEqual([]);
    expect(mentionsIn('learn go', vocabulary)).toEqual([]);
    expect(mentionsIn('js tips', vocabulary)).toEqual([]);
    expect(mentionsIn('Nordic.js', vocabulary).map((mention) => mention.skill)).toEqual(['javascript']);
  });

  it('narrows a broad term by a cue, never to an unknown skill', () => {
    expect(matchSkillLinks({ kind: 'EVENT', title: 'JVM Summit', topics: ['Backend'] }, vocabulary).links).toEqual([
      { skill: 'java', confidence: 0.75, matchedBy: 'BROAD_TERM' },
    ]);
    expect(matchSkillLinks({ kind: 'EVENT', title: 'Backend Summit', topics: ['Backend'] }, vocabulary).links).toEqual([]);
  });
});
