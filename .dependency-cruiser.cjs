// The shape of src/ (docs/architecture.md): infrastructure knows no feature, and the folders form
// a tree, with no folder reaching back to one that imports it, directly or around a loop.
const infrastructure = ['config', 'logging', 'http', 'redis', 'database', 'jobs', 'metrics', 'health', 'audit', 'access', 'scoring', 'contract'];
const features = ['org', 'standings', 'questions', 'races', 'auth', 'live', 'play', 'boards', 'reports', 'audit-log', 'pages', 'housekeeping', 'cluster'];
const under = (folders) => `^src/(${folders.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'infrastructure-knows-no-feature',
      comment: 'An infrastructure folder imports no feature: a feature needing to act on it registers a hook instead.',
      severity: 'error',
      from: { path: under(infrastructure) },
      to: { path: under(features) },
    },
    {
      name: 'folders-form-a-tree',
      comment: 'No folder of src/ imports one that imports it back, directly or around a loop.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'pages-share-only-the-contract',
      comment: 'The pages (src/web) and the server meet only in src/contract.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: '^src/(web|contract)/' },
    },
    {
      name: 'server-does-not-import-pages',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/web/' },
      to: { path: '^src/web/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(spec|test)\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
