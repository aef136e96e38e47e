import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json, found by walking up from this file. Files shipped beside the code
 * (schema/, seeds/data/) are located from here, so they are found the same way whether the code runs
 * from TypeScript sources (tests, tsx) or from the compiled `dist/`.
 */
function findProjectRoot(start: string): string {
  let folder = start;
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${start}`);
    folder = parent;
  }
  return folder;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
