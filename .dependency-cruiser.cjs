/**
 * The layering of the code base, checked by `npm run lint:deps` (dependency-cruiser) in `.ci/run`.
 *
 *   seeds/, bench/, scripts/, tests/   consumers: may use anything in src/
 *   src/index.ts, server.ts, schema.ts, src/app/
 *                                      the composition root: builds services, loaders, the request
 *                                      context and the server from the features
 *   src/modules/<feature>/             the features: may use core and each other (without cycles)
 *   src/core/                          cross-cutting code: knows no feature; defines the interfaces
 *                                      (Context, Services, Loaders, CacheInvalidation…) features fill in
 *
 * An import may only point down this list. docs/ARCHITECTURE.md ("Layers") explains why.
 */

/** The composition root: src/app/ and the entry files at the top of src/. */
const COMPOSITION_ROOT = '^src/(app/|[^/]+\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: neither side can be read, tested or loaded without the other. Type-only imports count too.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-knows-no-feature',
      severity: 'error',
      comment:
        'src/core must not import a feature (src/modules) or the composition root: define an interface in core and let the ' +
        'feature implement it; src/app wires them. Unit tests beside core code may exercise it against the real features.',
      from: { path: '^src/core/', pathNot: '/__tests__/' },
      to: { path: ['^src/modules/', COMPOSITION_ROOT] },
    },
    {
      name: 'features-do-not-import-the-app',
      severity: 'error',
      comment:
        'src/modules must not import the composition root (src/app, src/server.ts, src/schema.ts, src/index.ts): the app depends on the features, not the other way round.',
      from: { path: '^src/modules/' },
      to: { path: COMPOSITION_ROOT },
    },
    {
      name: 'src-does-not-import-its-consumers',
      severity: 'error',
      comment:
        'seeds/, bench/, tests/ and scripts/ sit above src/: runtime code must not depend on them. A parser or rule that ' +
        'the server runs lives in src/ (feeds: src/modules/ingestion/sources/); seeds/ keeps the data and the seed entry point.',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^(seeds|bench|tests|scripts)/' },
    },
    {
      name: 'start-up-imports-only-the-seed-entry-point',
      severity: 'error',
      comment: 'The one allowed import from src/ into seeds/: start-up (src/index.ts) seeds an empty database through seeds/seed.ts.',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^(seeds|bench|tests|scripts)/', pathNot: '^seeds/seed\\.ts$' },
    },
    {
      name: 'taxonomy-loads-no-graphql-types',
      severity: 'error',
      comment:
        'The taxonomy (seeds/taxonomy) is read by CLIs run with tsx, which load no reflect-metadata: reaching a type-graphql class ' +
        '(a *.type.ts, *.input.ts or core/user-errors.ts) from it makes `npm run seed` die with ReflectMetadataMissingError.',
      from: { path: '^seeds/taxonomy/' },
      to: { path: ['\\.(type|input)\\.ts$', '^src/core/user-errors\\.ts$'], reachable: true },
    },
  ],
  options: {
    // What `npm run lint:deps` cruises; node_modules is only resolved, never walked into.
    includeOnly: '^(src|seeds|bench|scripts|tests)/',
    doNotFollow: { path: 'node_modules' },
    // `import type` counts: a type-only cycle still ties two files together for a reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
