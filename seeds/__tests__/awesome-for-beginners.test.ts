import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createProviderMatcher } from '../providers/provider-matcher';
import { providers } from '../providers/providers';
import { createSkillMatcher } from '../skill-matcher';
import { parseAwesomeForBeginners, type AwesomeForBeginnersRepository } from '../sources/awesome-for-beginners.parser';
import { awesomeForBeginnersToResources, canonicalTechnologySpellings, repositoryUrlOf } from '../sources/awesome-for-beginners.resources';
import { SEED_DATA_DIR } from '../sources/load-source-batches';
import { taxonomy } from '../taxonomy';

const context = {
  skillMatcher: createSkillMatcher(taxonomy),
  providerMatcher: createProviderMatcher(providers),
  fetchedAt: new Date('2026-04-10T00:00:00Z'),
};

function repository(fields: Partial<AwesomeForBeginnersRepository>): AwesomeForBeginnersRepository {
  return { name: 'Project', link: 'https://github.com/owner/project', label: 'good first issue', technologies: ['Python'], description: 'A project.', ...fields };
}

describe('parseAwesomeForBeginners', () => {
  it('reads the repositories and normalises a missing label to null', () => {
    const json = JSON.stringify({ repositories: [{ name: ' X ', link: 'https://github.com/a/x', technologies: ['Go'], description: 'd' }] });
    expect(parseAwesomeForBeginners(json)).toEqual([{ name: 'X', link: 'https://github.com/a/x', label: null, technologies: ['Go'], description: 'd' }]);
  });

  it('names the entry and field it cannot read', () => {
    expect(() => parseAwesomeForBeginners(JSON.stringify({ repositories: [{ link: 'https://x' }] }))).toThrow('repositories[0].name must be a non-empty string');
    expect(() => parseAwesomeForBeginners('[]')).toThrow(/"repositories" array/);
  });

  it('reads all 229 repositories of the copied data.json', () => {
    const repositories = parseAwesomeForBeginners(readFileSync(path.join(SEED_DATA_DIR, 'awesome-for-beginners', 'data.json'), 'utf8'));
    expect(repositories).toHaveLength(229);
    expect(repositories.filter((entry) => entry.label === null)).toHaveLength(4);
  });
});

describe('awesomeForBeginnersToResources', () => {
  it('makes a free, beginner-level OPEN_SOURCE_PROJECT on GitHub', () => {
    const batch = awesomeForBeginnersToResources([repository({ link: 'https://github.com/owner/project/issues?q=label', technologies: ['Typescript', 'React'] })], context);
    expect(batch.resources[0]).toMatchObject({
      kind: 'OPEN_SOURCE_PROJECT',
      providerSlug: 'github',
      repositoryUrl: 'https://github.com/owner/project',
      primaryLanguage: 'Typescript',
      beginnerLabels: ['good first issue'],
      skills: [{ skillSlug: 'typescript', level: 'BEGINNER' }, { skillSlug: 'react', level: 'BEGINNER' }],
      level: 'BEGINNER',
      free: true,
      priceAmount: null,
      source: { feed: 'awesome-for-beginners', externalId: 'github.com/owner/project/issues?q=label' },
    });
  });

  it('uses the most common spelling of a technology as the primary language', () => {
    const repositories = [repository({ technologies: ['TypeScript'] }), repository({ technologies: ['TypeScript'] }), repository({ link: 'https://gitlab.com/a/b', technologies: ['Typescript'] })];
    expect(canonicalTechnologySpellings(repositories).get('typescript')).toBe('TypeScript');
    const batch = awesomeForBeginnersToResources(repositories, context);
    expect(batch.resources.map((resource) => resource.primaryLanguage)).toEqual(['TypeScript', 'TypeScript']);
    expect(batch.resources[1].providerSlug).toBe('gitlab');
    expect(batch.skipped).toEqual([{ reason: 'repository listed more than once', count: 1 }]);
  });

  it('keeps a non-repository link as it is, with no label and unmapped technologies reported', () => {
    const batch = awesomeForBeginnersToResources([repository({ link: 'https://www.drupal.org/getting-involved-guide', label: null, technologies: ['Markdown'] })], context);
    expect(batch.resources[0]).toMatchObject({ providerSlug: 'independent', repositoryUrl: 'https://www.drupal.org/getting-involved-guide', beginnerLabels: [], skills: [] });
    expect(batch.unmappedTerms).toEqual([{ term: 'Markdown', count: 1 }]);
    expect(batch.resourcesWithoutSkills).toBe(1);
  });

  it('cuts repository URLs out of deeper code-host links only', () => {
    expect(repositoryUrlOf('https://gitlab.com/purelb/purelb/-/issues')).toBe('https://gitlab.com/purelb/purelb');
    expect(repositoryUrlOf('https://github.com/a/b.git')).toBe('https://github.com/a/b');
    expect(repositoryUrlOf('https://phabricator.wikimedia.org/maniphest/query/4Q5/#R')).toBe('https://phabricator.wikimedia.org/maniphest/query/4Q5/#R');
  });
});
