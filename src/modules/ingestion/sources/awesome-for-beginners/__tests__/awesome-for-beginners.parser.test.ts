import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAwesomeForBeginners } from '../awesome-for-beginners.parser';
import { PROJECT_ROOT } from '../../../../../core/project-root';

/** The copied upstream data the seed loads: the real files these parsers exist for. */
const SEED_DATA_DIR = path.join(PROJECT_ROOT, 'seeds', 'data');

describe('parseAwesomeForBeginners', () => {
  it('reads the repositories and normalises a missing label to null', () => {
    const json = JSON.stringify({
      repositories: [{ name: ' X ', link: 'https://github.com/a/x', technologies: ['Go'], description: 'd' }],
    });
    expect(parseAwesomeForBeginners(json)).toEqual([
      { name: 'X', link: 'https://github.com/a/x', label: null, technologies: ['Go'], description: 'd' },
    ]);
  });

  it('names the entry and field it cannot read', () => {
    expect(() => parseAwesomeForBeginners(JSON.stringify({ repositories: [{ link: 'https://x' }] }))).toThrow(
      'repositories[0].name must be a non-empty string',
    );
    expect(() => parseAwesomeForBeginners('[]')).toThrow(/"repositories" array/);
  });

  it('reads all 229 repositories of the copied data.json', () => {
    const repositories = parseAwesomeForBeginners(readFileSync(path.join(SEED_DATA_DIR, 'awesome-for-beginners', 'data.json'), 'utf8'));
    expect(repositories).toHaveLength(229);
    expect(repositories.filter((entry) => entry.label === null)).toHaveLength(4);
  });
});
