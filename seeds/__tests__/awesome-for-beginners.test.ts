import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type AwesomeForBeginnersRepository } from '../../src/modules/ingestion/sources/awesome-for-beginners/awesome-for-beginners.parser';
import {
  canonicalTechnologySpellings,
  repositoryUrlOf,
} from '../../src/modules/ingestion/sources/awesome-for-beginners/awesome-for-beginners.rules';
import { SEED_DATA_DIR } from '../sources/seed-feeds';
import { readWithAdapter } from './helpers/read-with-adapter';

function repository(fields: Partial<AwesomeForBeginnersRepository>): AwesomeForBeginnersRepository {
  return {
    name: 'Project',
    link: 'https://github.com/owner/project',
    label: 'good first issue',
    technologies: ['Python'],
    description: 'A project.',
    ...fields,
  };
}

/** The seed's reading of a data.json holding these repositories: the adapter, then the normaliser. */
function read(repositories: AwesomeForBeginnersRepository[]) {
  return readWithAdapter('awesome-for-beginners', [{ name: 'data.json', text: JSON.stringify({ repositories }) }]);
}

describe("the awesome-for-beginners adapter (the seed's path)", () => {
  it('makes a free, beginner-level OPEN_SOURCE_PROJECT with canonical URLs', () => {
    const { resources } = read([
      repository({ link: 'https://github.com/owner/project/issues?q=label', technologies: ['Typescript', 'React'] }),
    ]);
    expect(resources[0]).toMatchObject({
      kind: 'OPEN_SOURCE_PROJECT',
      externalId: 'github.com/owner/project/issues?q=label',
      url: 'https://github.com/owner/project/issues?q=label',
      repositoryUrl: 'https://github.com/owner/project',
      primaryLanguage: 'Typescript',
      beginnerLabels: ['good first issue'],
      skillIds: ['typescript', 'react', 'javascript-nodejs'],
      level: 'BEGINNER',
      free: true,
      priceAmount: null,
      language: null,
      tags: ['typescript', 'react', 'beginner-friendly'],
    });
  });

  it('uses the most common spelling of a technology as the primary language, and keeps the first of a repeated repository', () => {
    const repositories = [
      repository({ technologies: ['TypeScript'] }),
      repository({ technologies: ['TypeScript'] }),
      repository({ link: 'https://gitlab.com/a/b', technologies: ['Typescript'] }),
    ];
    expect(canonicalTechnologySpellings(repositories).get('typescript')).toBe('TypeScript');
    const { reading, resources } = read(repositories);
    expect(resources.map((resource) => resource.primaryLanguage)).toEqual(['TypeScript', 'TypeScript']);
    expect(reading.merged).toEqual([{ reason: 'repository listed more than once', count: 1 }]);
  });

  it('keeps a non-repository link, with no label, and reports unmapped technologies', () => {
    const { resources } = read([
      repository({ link: 'https://www.drupal.org/getting-involved-guide', label: null, technologies: ['Markdown'] }),
    ]);
    expect(resources[0]).toMatchObject({
      url: 'https://www.drupal.org/getting-involved-guide',
      repositoryUrl: 'https://www.drupal.org/getting-involved-guide',
      beginnerLabels: [],
      skillIds: [],
      unmappedTerms: ['Markdown'],
    });
  });

  it('reads all 229 repositories of the copied data.json without a rejection', () => {
    const { resources, rejected } = readWithAdapter('awesome-for-beginners', [
      { name: 'data.json', text: readFileSync(path.join(SEED_DATA_DIR, 'awesome-for-beginners', 'data.json'), 'utf8') },
    ]);
    expect(rejected).toEqual([]);
    expect(resources).toHaveLength(229);
  });

  it('cuts repository URLs out of deeper code-host links only', () => {
    expect(repositoryUrlOf('https://gitlab.com/purelb/purelb/-/issues')).toBe('https://gitlab.com/purelb/purelb');
    expect(repositoryUrlOf('https://github.com/a/b.git')).toBe('https://github.com/a/b');
    expect(repositoryUrlOf('https://phabricator.wikimedia.org/maniphest/query/4Q5/#R')).toBe(
      'https://phabricator.wikimedia.org/maniphest/query/4Q5/#R',
    );
  });
});
