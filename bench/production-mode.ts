/**
 * Imported first by in-process bench scripts: graphql-js and express read NODE_ENV once, when they
 * load, and skip their development-mode checks (graphql's `instanceOf` on every field) only in
 * production, as the image runs them. Passing NODE_ENV to `loadConfig` alone does not reach them.
 */
process.env.NODE_ENV = 'production';
