// Builds dist/: the compiled catalog (dist/catalog.json) and the three bundles
// (dist/extension.js for VS Code, dist/server.js the language server's launcher with dist/server-bundle.js,
// dist/cli.js the CLI).
//   node scripts/build.mjs [--production] [--catalog-only] [--watch]
import { build, context } from 'esbuild';
import { readFileSync, chmodSync, mkdirSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog, writeAtomic } from './catalog.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const production = args.includes('--production');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
mkdirSync(join(root, 'dist'), { recursive: true });

const { catalog, problems, figures } = loadCatalog();
if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`catalog: ${problems.length} problem(s); run 'npm run catalog:check' for details`);
  if (!process.env.CATALOG_LENIENT) process.exit(1);
}
writeAtomic(join(root, 'dist', 'catalog.json'), JSON.stringify(catalog));
copyFileSync(join(root, 'catalog', 'schema.json'), join(root, 'dist', 'catalog.schema.json'));
// The JSON outputs' schemas (scan --format json, inventory --format json) ship in both packages.
for (const name of ['scan.schema.json', 'inventory.schema.json']) copyFileSync(join(root, 'schemas', name), join(root, 'dist', name));
console.log(`catalog: ${figures.entries} entries -> dist/catalog.json`);
if (args.includes('--catalog-only')) process.exit(0);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};
const shebang = { js: '#!/usr/bin/env node' };
const targets = [
  { ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/extension.js'), external: ['vscode'] },
  // dist/server.js starts dist/server-bundle.js with V8's code cache (server/src/lsp/launch.ts).
  { ...common, entryPoints: [join(root, 'server/src/lsp/main.ts')], outfile: join(root, 'dist/server-bundle.js') },
  { ...common, entryPoints: [join(root, 'server/src/lsp/launch.ts')], outfile: join(root, 'dist/server.js'), banner: shebang },
  { ...common, entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(root, 'dist/cli.js'), banner: shebang },
  { ...common, entryPoints: [join(root, 'server/src/catalog/orgCatalogValidator.ts')], outfile: join(root, 'dist/catalog-validator.js') },
];
if (args.includes('--watch')) {
  for (const t of targets) await (await context(t)).watch();
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => build(t)));
  for (const f of ['server.js', 'cli.js']) chmodSync(join(root, 'dist', f), 0o755);
  console.log(`built dist/extension.js, dist/server.js, dist/server-bundle.js, dist/cli.js, dist/catalog-validator.js${production ? ' (production)' : ''}`);
}
