/**
 * Lets `node -r ./tests/helpers/typescript-register.js src/index.ts` run the server from its sources,
 * as tests that spawn a whole server process need. tsx cannot: esbuild emits no decorator metadata,
 * which type-graphql reads. Each file is transpiled on its own by TypeScript itself with the project's
 * compiler options (the project sets isolatedModules, so that is all a file needs), as ts-jest does.
 * The output is kept in the system's temporary folder by a hash of the source, the tsconfig and the
 * TypeScript version, so only the first of several spawns pays for compiling (and loading TypeScript).
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const configFile = path.join(__dirname, '..', '..', 'tsconfig.json');
const cacheDir = path.join(os.tmpdir(), 'skillatlas-typescript-register');
const cacheSalt = `${require('typescript/package.json').version}\0${fs.readFileSync(configFile, 'utf8')}`;
fs.mkdirSync(cacheDir, { recursive: true });

let compile;
function compiler() {
  if (compile) return compile;
  const ts = require('typescript');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configFile));
  const compilerOptions = { ...options, sourceMap: false, inlineSourceMap: true, inlineSources: false };
  return (compile = (source, fileName) => ts.transpileModule(source, { compilerOptions, fileName }).outputText);
}

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(cacheDir, `${createHash('sha256').update(`${cacheSalt}\0${filename}\0${source}`).digest('hex')}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = compiler()(source, filename);
    // Written aside and renamed: a process reading at the same time sees the whole file or none.
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, output);
    fs.renameSync(partial, cached);
  }
  module._compile(output, filename);
};
