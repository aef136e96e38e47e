/**
 * Preloaded (`node -r`) by the fuzz suite's server process so it runs the TypeScript sources as they
 * are, compiled file by file on require with the project's compiler options (no type check, no
 * build step). tsx would be the obvious choice but cannot be used: esbuild does not emit decorator
 * metadata, and type-graphql reads the field types from it. Compiled files are kept in the system's
 * temporary folder, keyed by their source and the options, so a restarted server starts faster.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const configPath = path.join(__dirname, '..', '..', 'tsconfig.json');
const cacheFolder = path.join(os.tmpdir(), 'skillatlas-typescript-hook');
// The key covers what the output depends on; TypeScript itself is loaded only on a miss (it takes a while).
const optionsKey = `${require('typescript/package.json').version}\n${fs.readFileSync(configPath, 'utf8')}`;
let compilerOptions;

function transpile(source, filename) {
  const ts = require('typescript');
  if (!compilerOptions) {
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); } });
    compilerOptions = { ...parsed.options, sourceMap: false, inlineSourceMap: false, declaration: false };
  }
  return ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
}

function compile(source, filename) {
  const key = crypto.createHash('sha256').update(optionsKey).update(filename).update(source).digest('hex');
  const cached = path.join(cacheFolder, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const outputText = transpile(source, filename);
    fs.mkdirSync(cacheFolder, { recursive: true });
    // Written under a temporary name and renamed: two processes compiling the same file never read half a file.
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, outputText);
    fs.renameSync(partial, cached);
    return outputText;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
