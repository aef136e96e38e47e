/**
 * Preloaded (`node -r`) by the fuzz suite's server process so it runs the TypeScript sources as they
 * are, compiled file by file on require with the project's compiler options (no type check, no
 * build step). tsx would be the obvious choice but cannot be used: esbuild does not emit decorator
 * metadata, and type-graphql reads the field types from it.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const configPath = path.join(__dirname, '..', '..', 'tsconfig.json');
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); } });
const compilerOptions = { ...parsed.options, sourceMap: false, inlineSourceMap: false, declaration: false };

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
