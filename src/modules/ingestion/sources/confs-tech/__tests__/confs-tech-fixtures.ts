import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfsTechFile, type ConfsTechConference } from '../confs-tech.parser';
import { PROJECT_ROOT } from '../../../../../core/project-root';

/** The copied upstream data the seed loads: the real files these parsers exist for. */
const SEED_DATA_DIR = path.join(PROJECT_ROOT, 'seeds', 'data');

export const CONFS_FOLDER = path.join(SEED_DATA_DIR, 'confs-tech-conference-data');

/** A conference entry as the parser returns it, JSConf Spain unless `fields` say otherwise. */
export function conference(fields: Partial<ConfsTechConference>): ConfsTechConference {
  return {
    name: 'JSConf Spain',
    url: 'https://jsconf.es',
    startDate: '2025-03-01',
    endDate: '2025-03-01',
    topic: 'javascript',
    city: 'Madrid',
    country: 'Spain',
    online: null,
    locales: null,
    cfpUrl: null,
    cfpEndDate: null,
    ...fields,
  };
}

/** Every conference of the copied confs.tech data, parsed file by file. */
export function readAllConferences(): ConfsTechConference[] {
  const conferences: ConfsTechConference[] = [];
  for (const year of readdirSync(path.join(CONFS_FOLDER, 'conferences')).sort()) {
    for (const file of readdirSync(path.join(CONFS_FOLDER, 'conferences', year)).sort()) {
      const relative = `conferences/${year}/${file}`;
      conferences.push(...parseConfsTechFile(readFileSync(path.join(CONFS_FOLDER, relative), 'utf8'), relative));
    }
  }
  return conferences;
}
