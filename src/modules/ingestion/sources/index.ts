import type { SourceAdapter } from '../ingestion.types';
import { awesomeForBeginnersAdapter } from './awesome-for-beginners/awesome-for-beginners.adapter';
import { confsTechAdapter } from './confs-tech/confs-tech.adapter';
import { courseraAdapter } from './coursera/coursera.adapter';
import { edxAdapter } from './edx/edx.adapter';
import { freeProgrammingBooksAdapter } from './free-programming-books/free-programming-books.adapter';
import { githubAdapter } from './github/github.adapter';
import { ossuAdapter } from './ossu/ossu.adapter';
import { udemyAdapter } from './udemy/udemy.adapter';

export { FeedFormatError } from './adapter-support';

/** Every source format, by the name `npm run ingest -- --source <name>` takes. */
export const SOURCE_ADAPTERS: Readonly<Record<string, SourceAdapter>> = {
  coursera: courseraAdapter,
  udemy: udemyAdapter,
  edx: edxAdapter,
  github: githubAdapter,
  'awesome-for-beginners': awesomeForBeginnersAdapter,
  'confs-tech': confsTechAdapter,
  'free-programming-books': freeProgrammingBooksAdapter,
  ossu: ossuAdapter,
};
