/**
 * The runtime boundaries (a folder decides where its code runs: see tsconfig.json), checked on
 * the import graph by `npm run lint`. The type check catches an API a runtime lacks; this catches
 * an import across a boundary, which the type check lets through when the types happen to fit.
 */
const PAGE_FOLDERS = '^src/(?!shared/|dom/|browser/|workers/|node-dom/|cli/|types/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'An import cycle (types too) ties two modules into one: neither can be read or moved alone, and at run time the order they run in depends on who imports first.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-for-every-runtime',
      comment: 'src/shared runs in the page, the workers and Node: it imports only src/shared and packages, and no Node module.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', 'node_modules'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-has-no-node-builtins',
      severity: 'error',
      from: { path: '^src/(shared|dom|browser|workers)/|^sw/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'dom-runs-in-page-and-node',
      comment: 'src/dom runs in the page and in Node over jsdom: it imports only src/shared.',
      severity: 'error',
      from: { path: '^src/dom/' },
      to: { pathNot: ['^src/(shared|dom)/', 'node_modules'] },
    },
    {
      name: 'browser-is-for-page-and-workers',
      comment: 'src/browser runs in the page and in workers: it imports only src/shared and itself.',
      severity: 'error',
      from: { path: '^src/browser/' },
      to: { pathNot: ['^src/(shared|browser)/', 'node_modules'] },
    },
    {
      name: 'workers-stand-alone',
      comment: 'A worker is a bundle of its own: it imports src/shared and src/browser, never page code.',
      severity: 'error',
      from: { path: '^src/workers/|^sw/' },
      to: { pathNot: ['^src/(shared|browser|workers)/', '^sw/', 'node_modules'] },
    },
    {
      name: 'page-loads-workers-by-address',
      comment: 'The page starts its workers by their built address; importing a worker module would run it in the page.',
      severity: 'error',
      from: { path: PAGE_FOLDERS },
      to: { path: '^src/(workers|cli)/|^sw/|^server/' },
    },
    {
      name: 'node-dom-is-node-over-jsdom',
      comment:
        'src/node-dom is Node code over jsdom, for the publisher command: it imports src/shared, src/dom, itself, packages and Node modules.',
      severity: 'error',
      from: { path: '^src/node-dom/' },
      to: { pathNot: ['^src/(shared|dom|node-dom)/', 'node_modules'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'only-cli-imports-node-dom',
      comment: 'src/node-dom loads jsdom, which no page or worker has: only the publisher command imports it.',
      severity: 'error',
      from: { pathNot: '^src/(cli|node-dom)/' },
      to: { path: '^src/node-dom/' },
    },
    {
      name: 'jsdom-only-in-node-dom',
      comment:
        "jsdom's types bring the DOM lib into the project that imports them, where `document` would then type-check: code over jsdom lives in src/node-dom.",
      severity: 'error',
      from: { pathNot: '^src/node-dom/' },
      to: { path: 'node_modules/(@types/)?jsdom/' },
    },
    {
      name: 'cli-is-node',
      comment:
        'The publisher command runs in Node, without a DOM: it imports src/shared, src/node-dom (what needs a DOM, over jsdom), itself and the static file handler.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { pathNot: ['^src/(shared|node-dom|cli)/', '^server/static-files', 'node_modules'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // npm packages stay in the graph, unfollowed, so that a rule can name one (jsdom).
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.tsbuild)/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'browser', 'default'],
      extensions: ['.ts', '.mjs', '.js'],
    },
    moduleSystems: ['es6'],
  },
};
