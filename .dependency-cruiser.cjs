// The folders of src/ form a tree (docs/architecture.md): no folder imports one that imports it back,
// directly or around a loop. ESLint's import-x zones (eslint.config.mjs) say which way the arrows
// point between the folders it names; this rule also covers a folder nobody has named there yet.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'folders-form-a-tree',
      comment: 'No folder of src/ imports one that imports it back, directly or around a loop.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(spec|test)\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
